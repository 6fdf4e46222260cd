/**
 * Where to cut a big node: in two halves normally, in three when the data cannot fit in two
 * nodes, and never so that a node ends in a NULL slot (NULLs are kept together for gap
 * tracking; only the last range of the tree may be NULL).
 */
import { FAULTS } from "../faults.js";
import type { MaState } from "../ma-state.js";
import { type BigNode, minSlotsOf, slotsOf } from "./big-node.js";

/** mab_middle_node: does the data need a third node? */
export function mabMiddleNode(b: BigNode, split: number, slotCount: number): boolean {
  const size = b.bEnd;
  if (size >= 2 * slotCount) return true;
  if (b.slot[split] === null && size >= 2 * slotCount - 1) return true;
  return false;
}

/** mab_no_null_split: move a split off a NULL slot, to the right when the right side stays sufficient. */
export function mabNoNullSplit(mas: MaState, b: BigNode, split: number, slotCount: number): number {
  // The planted fault tests the right node's first slot instead of the left node's last.
  const at = mas.tree.hasFault(FAULTS.plantedSplitChecksWrongSlot) ? split + 1 : split;
  if (b.slot[at] === null) {
    if (split < slotCount - 1 && b.bEnd - split > minSlotsOf(mas.tree, b.type)) split++;
    else split--;
  }
  return split;
}

export interface SplitPoints {
  /** The last entry of the left node. */
  split: number;
  /** The last entry of the middle node, or 0 when there is no middle node. */
  midSplit: number;
}

/** mab_calc_split (bulk mode is not modelled). */
export function mabCalcSplit(mas: MaState, b: BigNode): SplitPoints {
  const bEnd = b.bEnd;
  let split = Math.floor(bEnd / 2);
  const slotCount = slotsOf(mas.tree, b.type);
  let midSplit = 0;
  if (mabMiddleNode(b, split, slotCount)) {
    split = Math.floor(bEnd / 3);
    midSplit = split * 2;
  } else if (mas.tree.hasFault(FAULTS.splitAdvanceForMinSpan)) {
    // The removed minimum-span rule: move right while the left range spans fewer indices than
    // slots (from a minimum that was 0 for leaves), as long as the right keeps min slots.
    while (
      split < slotCount - 1 &&
      b.pivot[split] < BigInt(slotCount - 1) &&
      bEnd - split > minSlotsOf(mas.tree, b.type)
    )
      split++;
  }
  split = mabNoNullSplit(mas, b, split, slotCount);
  if (midSplit) midSplit = mabNoNullSplit(mas, b, midSplit, slotCount);
  return { split, midSplit };
}
