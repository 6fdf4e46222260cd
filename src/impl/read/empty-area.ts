/** mas_empty_area / mas_empty_area_rev: find a free range of a given size in [min, max]. */
import { EBUSY, EINVAL, MAPLE_NODE_SLOTS, MaStatus } from "../constants.js";
import { FAULTS } from "../faults.js";
import type { MaState } from "../ma-state.js";
import { dataEnd, masDataEnd, masStart } from "../node-access.js";
import { add64, type Index, inc64, sub64 } from "../u64.js";
import { looseMin } from "./alias-word.js";
import { masAwalk, masSkipNode } from "./awalk.js";
import { masMn, NullNodeError, statusOf } from "./cursor-node.js";
import { type GapWindow, masRevAwalk, masRewindNode } from "./rev-awalk.js";

/** mas_sparse_area: the answer for an empty tree or a tree holding only a root entry at 0. */
export function masSparseArea(
  mas: MaState,
  min: Index,
  max: Index,
  size: Index,
  fwd: boolean,
): number {
  if (statusOf(mas) !== MaStatus.none && min === 0n) {
    // Index 0 holds the root entry.
    min = 1n;
    if (min > max || inc64(sub64(max, min)) < size) return EBUSY;
  }
  if (fwd) {
    mas.index = min;
    mas.last = sub64(add64(min, size), 1n);
  } else {
    mas.last = max;
    mas.index = inc64(sub64(max, size));
  }
  return 0;
}

/** mas_empty_area: the lowest fit; 0 with mas.index/last set, or -EINVAL / -EBUSY. */
export function masEmptyAreaImpl(mas: MaState, min: Index, max: Index, size: Index): number {
  if (min > max) return EINVAL;
  if (size === 0n || sub64(max, min) < sub64(size, 1n)) return EINVAL;
  if (mas.status === MaStatus.start) masStart(mas);
  else if (mas.offset >= 2) mas.offset -= 2;
  else if (!masSkipNode(mas)) return EBUSY;

  if (statusOf(mas) === MaStatus.none || statusOf(mas) === MaStatus.root)
    return masSparseArea(mas, min, max, size, true);

  mas.index = min;
  mas.last = max;
  masAwalk(mas, size);
  if (mas.isErr()) return mas.error;
  const offset = mas.offset;
  if (offset === MAPLE_NODE_SLOTS) return EBUSY;
  // A NULL node (see denseStop) has no pivots: its data end reads as 0, and only a
  // non-zero offset dereferences it.
  const node = mas.node;
  if (node === null && offset) throw new NullNodeError("mas_empty_area");
  const lo = node === null ? mas.min : looseMin(mas, node, offset);
  if (mas.index < lo) mas.index = lo;
  mas.last = sub64(add64(mas.index, size), 1n);
  mas.end = node === null ? 0 : dataEnd(mas.tree.mem, node, mas.max);
  return 0;
}

/** mas_empty_area_rev: the highest fit; 0 with mas.index/last set, or -EINVAL / -EBUSY. */
export function masEmptyAreaRevImpl(mas: MaState, min: Index, max: Index, size: Index): number {
  let last = mas.node;
  if (min > max) return EINVAL;
  if (size === 0n || sub64(max, min) < sub64(size, 1n)) return EINVAL;
  // The fault reads the data end right after mas_start, before checking there is a node.
  const endFirst =
    mas.status === MaStatus.start && mas.tree.hasFault(FAULTS.revGapReadsEndBeforeEmptyCheck);
  if (mas.status === MaStatus.start) {
    masStart(mas);
    if (endFirst) {
      masMn(mas, "mas_empty_area_rev");
      mas.offset = masDataEnd(mas);
    }
  } else if (mas.offset < 2 && !masRewindNode(mas)) return EBUSY;

  if (statusOf(mas) === MaStatus.none || statusOf(mas) === MaStatus.root)
    return masSparseArea(mas, min, max, size, false);
  if (endFirst) {
    // The offset was set above.
  } else if (mas.offset >= 2) mas.offset -= 2;
  else mas.offset = masDataEnd(mas);

  mas.index = min;
  mas.last = max;
  const win: GapWindow = { min, max };
  while (!masRevAwalk(mas, size, win)) {
    // The kernel's error state holds an error pointer in mas->node, never equal to `last`.
    if (last === mas.node && !mas.isErr()) {
      if (!masRewindNode(mas)) return EBUSY;
    } else {
      last = mas.node;
    }
  }
  if (mas.isErr()) return mas.error;
  if (mas.offset === MAPLE_NODE_SLOTS) return EBUSY;
  if (win.max < mas.last) mas.last = win.max;
  mas.index = inc64(sub64(mas.last, size));
  masMn(mas, "mas_empty_area_rev"); // mas_data_end checks the node for death first
  mas.end = masDataEnd(mas);
  return 0;
}
