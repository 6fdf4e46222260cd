/**
 * The advanced write API on a maple state: mas_store, mas_store_gfp, mas_insert, mas_erase.
 * Allocations always succeed in maple-check, but the kernel's first attempt is a non-blocking
 * one (GFP_NOWAIT), and the kernel's userspace harness (the oracle) refuses every such
 * allocation. With TreeOptions.nowaitAllocFails the preallocation fails once per write, as
 * there, and the callers take the kernel's -ENOMEM retry paths, which move the cursor.
 */
import {
  EEXIST,
  EINVAL,
  ENOMEM,
  MA_STATE_BULK,
  MA_STATE_PREALLOC,
  MaStatus,
  StoreType,
} from "../constants.js";
import { isReservedEntry, type MaybeEntry } from "../entry.js";
import { FAULTS } from "../faults.js";
import type { MaState } from "../ma-state.js";
import { masStart } from "../node-access.js";
import { masStateWalk } from "../read/walk.js";
import { masWrStoreEntry } from "./store-entry.js";
import { masWrPreallocSetup, masWrStoreType } from "./store-type.js";
import { MaWrState } from "./wr-state.js";

/** mas_wr_preallocate: setup, analysis, and the node request (mas_node_count). */
export function masWrPreallocate(wrMas: MaWrState): void {
  const mas = wrMas.mas;
  masWrPreallocSetup(wrMas);
  masWrStoreType(wrMas);
  const request = masPreallocCalc(mas, wrMas.entry);
  if (request <= mas.allocated) return;
  if (mas.tree.nowaitAllocFails) mas.setErr(ENOMEM);
  else mas.allocated = request;
}

/** mas_prealloc_calc: how many nodes the chosen store type may need. */
export function masPreallocCalc(mas: MaState, entry: MaybeEntry): number {
  const height = mas.tree.height;
  switch (mas.storeType) {
    case StoreType.newRoot:
      return 1;
    case StoreType.storeRoot:
      // A NULL or plain entry at exactly [0, 0] lives in the root pointer itself.
      return mas.last !== 0n || mas.index !== 0n || isReservedEntry(entry) ? 1 : 0;
    case StoreType.spanningStore:
      return height * 3 + 1;
    case StoreType.splitStore:
      return height * 2 + 1;
    case StoreType.rebalance:
      return height * 2 - 1;
    case StoreType.nodeStore:
      return mas.tree.inRcu ? 1 : 0;
    case StoreType.append:
    case StoreType.exactFit:
    case StoreType.slotStore:
      return 0;
    default:
      return height * 3 + 1;
  }
}

/**
 * mas_nomem: after a refused non-blocking allocation, allocate with a blocking one (which
 * always succeeds here) and tell the caller to retry from the root.
 */
export function masNomem(mas: MaState): boolean {
  if (mas.status !== MaStatus.error || mas.error !== ENOMEM) return false;
  mas.allocated = Number.MAX_SAFE_INTEGER;
  mas.error = 0;
  mas.status = MaStatus.start;
  return true;
}

/** mas_destroy: drop the per-write flags and the spare nodes. */
export function masDestroy(mas: MaState): void {
  mas.masFlags &= ~(MA_STATE_BULK | MA_STATE_PREALLOC);
  mas.allocated = 0;
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

/**
 * mas_store_gfp: 0 or -errno. The caller ends the operation (grace period) itself. `mayBlock`
 * false is GFP_NOWAIT: mas_nomem's retry is non-blocking too, and where the first attempt was
 * refused (nowaitAllocFails) so is the retry: the store fails with -ENOMEM, changes nothing,
 * and leaves the state in ma_error.
 */
export function masStoreGfpLocked(mas: MaState, entry: MaybeEntry, mayBlock = true): number {
  const index = mas.index;
  const last = mas.last;
  const wrMas = new MaWrState(mas, entry);
  masWrPreallocate(wrMas);
  if (mayBlock && masNomem(mas)) {
    // A NULL write may have widened the range over its NULL neighbours: start again from it.
    if (entry === null) {
      mas.index = index;
      mas.last = last;
    }
    masWrPreallocate(wrMas);
  }
  let ret = 0;
  if (mas.isErr()) ret = mas.error;
  else masWrStoreEntry(wrMas);
  masDestroy(mas);
  // Planted: the state is left paused after a store that succeeded.
  if (ret === 0 && mas.tree.hasFault(FAULTS.plantedStoreLeavesCursorPaused)) mas.pause();
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

/**
 * mas_erase: NULL out the whole range holding mas.index. Returns the entry that was there;
 * index/last then describe the erased (NULL-merged) range.
 */
export function masEraseLocked(mas: MaState): MaybeEntry {
  const index = mas.index;
  // Whatever the state was, restart from the root.
  mas.status = MaStatus.start;
  const wrMas = new MaWrState(mas, null);
  let entry: MaybeEntry;
  for (;;) {
    entry = masStateWalk(mas);
    if (entry === null) return null;
    // A reset state makes the write walk see NULL writes that reach a leaf's end as spanning.
    mas.reset();
    masWrPreallocate(wrMas);
    if (!masNomem(mas)) break;
    // The kernel drops the lock to allocate; the range may have changed meanwhile.
    mas.index = index;
    mas.last = index;
  }
  if (!mas.isErr()) masWrStoreEntry(wrMas);
  masDestroy(mas);
  return entry;
}
