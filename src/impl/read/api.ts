// Placeholder signatures; replaced by the read-side implementation.
import type { Entry, MaybeEntry } from "../entry.js";
import type { MaState } from "../ma-state.js";
import type { AllocResult, CyclicResult, FindResult, MapleTree } from "../tree.js";
import type { Index } from "../u64.js";
import type { Violation } from "../validate/violation.js";

const todo = (name: string): never => {
  throw new Error(`${name}: not implemented yet`);
};

export function mtreeLoad(_t: MapleTree, _index: Index): MaybeEntry { return todo("mtreeLoad"); }
export function mtFind(_t: MapleTree, _index: Index, _max: Index): FindResult | null { return todo("mtFind"); }
export function mtreeAllocRange(_t: MapleTree, _size: Index, _min: Index, _max: Index, _e: Entry): AllocResult { return todo("mtreeAllocRange"); }
export function mtreeAllocRrange(_t: MapleTree, _size: Index, _min: Index, _max: Index, _e: Entry): AllocResult { return todo("mtreeAllocRrange"); }
export function mtreeAllocCyclic(_t: MapleTree, _e: Entry, _min: Index, _max: Index, _next: Index): CyclicResult { return todo("mtreeAllocCyclic"); }
export function mtValidate(_t: MapleTree): Violation[] { return todo("mtValidate"); }
export function masWalk(_m: MaState): MaybeEntry { return todo("masWalk"); }
export function masNext(_m: MaState, _max: Index): MaybeEntry { return todo("masNext"); }
export function masPrev(_m: MaState, _min: Index): MaybeEntry { return todo("masPrev"); }
export function masNextRange(_m: MaState, _max: Index): MaybeEntry { return todo("masNextRange"); }
export function masPrevRange(_m: MaState, _min: Index): MaybeEntry { return todo("masPrevRange"); }
export function masFind(_m: MaState, _max: Index): MaybeEntry { return todo("masFind"); }
export function masFindRev(_m: MaState, _min: Index): MaybeEntry { return todo("masFindRev"); }
export function masFindRange(_m: MaState, _max: Index): MaybeEntry { return todo("masFindRange"); }
export function masFindRangeRev(_m: MaState, _min: Index): MaybeEntry { return todo("masFindRangeRev"); }
export function masEmptyArea(_m: MaState, _min: Index, _max: Index, _size: Index): number { return todo("masEmptyArea"); }
export function masEmptyAreaRev(_m: MaState, _min: Index, _max: Index, _size: Index): number { return todo("masEmptyAreaRev"); }
