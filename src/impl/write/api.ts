// Placeholder signatures; replaced by the write-side implementation.
import type { MaybeEntry } from "../entry.js";
import type { MaState } from "../ma-state.js";
import type { MapleTree } from "../tree.js";
import type { Index } from "../u64.js";

const todo = (name: string): never => {
  throw new Error(`${name}: not implemented yet`);
};

export function mtreeStoreRange(_t: MapleTree, _first: Index, _last: Index, _e: MaybeEntry): number { return todo("mtreeStoreRange"); }
export function mtreeInsertRange(_t: MapleTree, _first: Index, _last: Index, _e: MaybeEntry): number { return todo("mtreeInsertRange"); }
export function mtreeErase(_t: MapleTree, _index: Index): MaybeEntry { return todo("mtreeErase"); }
export function mtreeDestroy(_t: MapleTree): void { todo("mtreeDestroy"); }
export function mtSetInRcu(_t: MapleTree): void { todo("mtSetInRcu"); }
export function mtClearInRcu(_t: MapleTree): void { todo("mtClearInRcu"); }
export function masStoreGfp(_m: MaState, _e: MaybeEntry): number { return todo("masStoreGfp"); }
export function masErase(_m: MaState): MaybeEntry { return todo("masErase"); }
/** mas_insert: store entry at [mas.index, mas.last] only if that range is empty; error in mas (-EEXIST). */
export function masInsert(_m: MaState, _e: MaybeEntry): void { todo("masInsert"); }
