/** The write side's surface: the mtree_* and mas_* writes (the public ones are in ../api.ts). */
import type { MaybeEntry } from "../entry.js";
import type { MaState } from "../ma-state.js";
import { masEraseLocked, masInsertLocked, masStoreGfpLocked } from "./mas-store.js";

export { masDestroy, masNomem, masStore, masWrPreallocate } from "./mas-store.js";
export {
  mtClearInRcu,
  mtDestroyLocked,
  mtreeDestroy,
  mtreeErase,
  mtreeInsertRange,
  mtreeStoreRange,
  mtSetInRcu,
} from "./mtree.js";

/**
 * mas_store_gfp over [mas.index, mas.last]: 0 or -errno; the write ends with a grace period.
 * mayBlock false: GFP_NOWAIT (see masStoreGfpLocked).
 */
export function masStoreGfp(mas: MaState, entry: MaybeEntry, mayBlock = true): number {
  const ret = masStoreGfpLocked(mas, entry, mayBlock);
  mas.tree.rcu.quiesce();
  return ret;
}

/** mas_erase: the entry that was at mas.index; the write ends with a grace period. */
export function masErase(mas: MaState): MaybeEntry {
  const entry = masEraseLocked(mas);
  mas.tree.rcu.quiesce();
  return entry;
}

/**
 * mas_insert: store entry at [mas.index, mas.last] only if that range is empty; otherwise the
 * state holds -EEXIST. No grace period: callers (mtree_alloc_*) end the operation themselves.
 */
export function masInsert(mas: MaState, entry: MaybeEntry): void {
  masInsertLocked(mas, entry);
}
