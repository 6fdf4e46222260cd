/** mtree_alloc_range / mtree_alloc_rrange / mtree_alloc_cyclic: find a gap and insert into it. */
import { EBUSY, EINVAL, MT_FLAGS_ALLOC_WRAPPED } from "../constants.js";
import { type Entry, isReservedEntry } from "../entry.js";
import { FAULTS } from "../faults.js";
import { MaState } from "../ma-state.js";
import type { MapleTree } from "../tree.js";
import { type Index, inc64 } from "../u64.js";
import { masInsert, masNomem } from "../write/api.js";
import { masEmptyAreaImpl, masEmptyAreaRevImpl } from "./empty-area.js";

/** Result of an allocation (mtree_alloc_range / _rrange): 0 and the start, or -errno. */
export interface AllocResult {
  ret: number;
  start: Index;
}

/** Result of mtree_alloc_cyclic: ret is 0, 1 (wrapped) or -errno; next is the updated cursor. */
export interface CyclicResult {
  ret: number;
  start: Index;
  next: Index;
}

type Search = (mas: MaState, min: Index, max: Index, size: Index) => number;

/** The body shared by mtree_alloc_range and mtree_alloc_rrange. */
function allocWith(
  tree: MapleTree,
  search: Search,
  size: Index,
  min: Index,
  max: Index,
  entry: Entry,
): AllocResult {
  if (!tree.isAlloc) return { ret: EINVAL, start: 0n };
  if (isReservedEntry(entry)) return { ret: EINVAL, start: 0n };
  const mas = new MaState(tree, 0n, 0n);
  try {
    for (;;) {
      let ret = search(mas, min, max, size);
      if (ret) return { ret, start: 0n };
      // Planted: a check that the found range stays inside the window, one off (>= for >).
      if (tree.hasFault(FAULTS.plantedAllocRefusesRangeEndingAtMax) && mas.last >= max)
        return { ret: EBUSY, start: 0n };
      masInsert(mas, entry);
      // The kernel drops the lock to allocate, so the area is searched again.
      if (masNomem(mas)) continue;
      if (mas.isErr()) ret = mas.error;
      return { ret, start: ret ? 0n : mas.index };
    }
  } finally {
    tree.rcu.quiesce();
  }
}

/** mtree_alloc_range: the lowest free [start, start + size - 1] within [min, max]. */
export function mtreeAllocRangeImpl(
  tree: MapleTree,
  size: Index,
  min: Index,
  max: Index,
  entry: Entry,
): AllocResult {
  return allocWith(tree, masEmptyAreaImpl, size, min, max, entry);
}

/** mtree_alloc_rrange: the highest free [start, start + size - 1] within [min, max]. */
export function mtreeAllocRrangeImpl(
  tree: MapleTree,
  size: Index,
  min: Index,
  max: Index,
  entry: Entry,
): AllocResult {
  return allocWith(tree, masEmptyAreaRevImpl, size, min, max, entry);
}

/**
 * mas_alloc_cyclic: a free index at or after `next` within [lo, hi], wrapping to lo once.
 * ret is 0, 1 when the search wrapped (or the cursor passed ULONG_MAX earlier), or -errno.
 * `mayBlock` false is GFP_NOWAIT: an insert that needs a node fails with -ENOMEM.
 */
export function masAllocCyclic(
  mas: MaState,
  entry: Entry,
  rangeLo: Index,
  rangeHi: Index,
  next: Index,
  mayBlock = true,
): CyclicResult {
  const tree = mas.tree;
  const min = rangeLo;
  const lo = min > next ? min : next;
  let ret = masEmptyAreaImpl(mas, lo, rangeHi, 1n);
  if (ret < 0 && lo > min) {
    mas.reset();
    ret = masEmptyAreaImpl(mas, min, rangeHi, 1n);
    if (ret === 0) ret = 1;
  }
  if (ret < 0) return { ret, start: 0n, next };
  do masInsert(mas, entry);
  while (mayBlock && masNomem(mas));
  if (mas.isErr()) return { ret: mas.error, start: 0n, next };
  if (tree.flags & MT_FLAGS_ALLOC_WRAPPED && ret === 0) {
    tree.flags &= ~MT_FLAGS_ALLOC_WRAPPED;
    ret = 1;
  }
  const start = mas.index;
  const newNext = inc64(start);
  if (newNext === 0n) tree.flags |= MT_FLAGS_ALLOC_WRAPPED;
  return { ret, start, next: newNext };
}

/** mtree_alloc_cyclic */
export function mtreeAllocCyclicImpl(
  tree: MapleTree,
  entry: Entry,
  lo: Index,
  hi: Index,
  next: Index,
  mayBlock = true,
): CyclicResult {
  if (!tree.isAlloc) return { ret: EINVAL, start: 0n, next };
  if (isReservedEntry(entry)) return { ret: EINVAL, start: 0n, next };
  try {
    return masAllocCyclic(new MaState(tree, 0n, 0n), entry, lo, hi, next, mayBlock);
  } finally {
    tree.rcu.quiesce();
  }
}
