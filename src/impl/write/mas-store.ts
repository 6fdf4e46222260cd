/**
 * The advanced write API on a maple state: mas_store, mas_store_gfp, mas_insert, mas_erase.
 * Every allocation succeeds in maple-check, so the preallocation step is the analysis alone.
 */
import {
  EEXIST,
  EINVAL,
  MA_STATE_BULK,
  MA_STATE_PREALLOC,
  MaStatus,
  StoreType,
} from "../constants.js";
import type { MaybeEntry } from "../entry.js";
import type { MaState } from "../ma-state.js";
import { masStart } from "../node-access.js";
import { mtreeRangeWalk } from "../read/walk.js";
import { masWrStoreEntry } from "./store-entry.js";
import { masWrPreallocSetup, masWrStoreType } from "./store-type.js";
import { MaWrState } from "./wr-state.js";

/** mas_wr_preallocate: setup and analysis (the allocation itself cannot fail here). */
export function masWrPreallocate(wrMas: MaWrState): void {
  masWrPreallocSetup(wrMas);
  masWrStoreType(wrMas);
}

/** mas_destroy: drop the per-write flags (there are no spare nodes to free). */
export function masDestroy(mas: MaState): void {
  mas.masFlags &= ~(MA_STATE_BULK | MA_STATE_PREALLOC);
}

/** mas_store: store entry over [mas.index, mas.last]; returns the entry found at mas.index. */
export function masStore(mas: MaState, entry: MaybeEntry): MaybeEntry {
  // Debug builds refuse a reversed range (CONFIG_DEBUG_MAPLE_TREE, as the oracle is built).
  if (mas.index > mas.last) {
    mas.setErr(EINVAL);
    return null;
  }
  const wrMas = new MaWrState(mas, entry);
  masWrPreallocSetup(wrMas);
  masWrStoreType(wrMas);
  masWrStoreEntry(wrMas);
  if ((mas.masFlags & MA_STATE_PREALLOC) === 0) masDestroy(mas);
  return wrMas.content as MaybeEntry;
}

/** mas_store_gfp: 0 or -errno. The caller ends the operation (grace period) itself. */
export function masStoreGfpLocked(mas: MaState, entry: MaybeEntry): number {
  const wrMas = new MaWrState(mas, entry);
  masWrPreallocate(wrMas);
  let ret = 0;
  if (mas.isErr()) ret = mas.error;
  else masWrStoreEntry(wrMas);
  masDestroy(mas);
  return ret;
}

/**
 * mas_insert: store only if [index, last] is all NULL; otherwise the state takes -EEXIST.
 * Returns what was found at index.
 */
export function masInsertLocked(mas: MaState, entry: MaybeEntry): MaybeEntry {
  const wrMas = new MaWrState(mas, entry);
  wrMas.content = masStart(mas);
  if (wrMas.content !== null) return exists(mas, wrMas);
  masWrPreallocate(wrMas);
  if (mas.isErr()) return null;
  // A spanning write always covers something.
  if (mas.storeType === StoreType.spanningStore) return exists(mas, wrMas);
  if (mas.storeType !== StoreType.newRoot && mas.storeType !== StoreType.storeRoot) {
    wrMas.offsetEnd = mas.offset;
    wrMas.endPiv = wrMas.rMax;
    if (wrMas.content !== null || mas.last > wrMas.rMax) return exists(mas, wrMas);
  }
  masWrStoreEntry(wrMas);
  return wrMas.content as MaybeEntry;
}

function exists(mas: MaState, wrMas: MaWrState): MaybeEntry {
  mas.setErr(EEXIST);
  return wrMas.content as MaybeEntry;
}

/** mas_state_walk: walk a fresh state to the entry at mas.index (range in index/last). */
export function masStateWalk(mas: MaState): MaybeEntry {
  const entry = masStart(mas);
  if (mas.status === MaStatus.none) return null;
  if (mas.status === MaStatus.root) return entry as MaybeEntry;
  return mtreeRangeWalk(mas);
}

/**
 * mas_erase: NULL out the whole range holding mas.index. Returns the entry that was there;
 * index/last then describe the erased (NULL-merged) range.
 */
export function masEraseLocked(mas: MaState): MaybeEntry {
  // Whatever the state was, restart from the root.
  mas.status = MaStatus.start;
  const entry = masStateWalk(mas);
  if (entry === null) return null;
  // A reset state makes the write walk see NULL writes that reach a leaf's end as spanning.
  mas.reset();
  const wrMas = new MaWrState(mas, null);
  masWrPreallocate(wrMas);
  if (!mas.isErr()) masWrStoreEntry(wrMas);
  masDestroy(mas);
  return entry;
}
