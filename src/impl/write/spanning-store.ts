/**
 * mas_wr_spanning_store: a write whose range crosses node boundaries. The leaves holding
 * index and last + 1 are found from the node where the range spans; the big node is the left
 * leaf up to the write, the write, and the right leaf after it; mas_spanning_rebalance then
 * rebuilds everything between the two paths.
 */
import { FAULTS } from "../faults.js";
import type { MaState } from "../ma-state.js";
import type { MapleNode } from "../node.js";
import { readPivot, readSlot, safePivot } from "../node-access.js";
import { inc64, ULONG_MAX } from "../u64.js";
import { newBigNode, releaseBigNode } from "./big-node.js";
import { masMabCp } from "./big-node-copy.js";
import { masStoreBNode } from "./big-node-fill.js";
import { freshState, type SubtreeState } from "./big-node-subtree.js";
import { masNewRoot } from "./root.js";
import { masSpanningRebalance } from "./spanning-rebalance.js";
import { MaWrState } from "./wr-state.js";
import { masWrWalkIndex } from "./wr-walk.js";

/**
 * mas_extend_spanning_null: a NULL write also takes the NULL ranges just before index and
 * just after last, so that no two NULL ranges end up side by side.
 */
export function masExtendSpanningNull(lWrMas: MaWrState, rWrMas: MaWrState): void {
  const lMas = lWrMas.mas;
  const rMas = rWrMas.mas;
  const lMem = lMas.tree.mem;
  const lNode = lWrMas.node as MapleNode;
  const lSlot = lMas.offset;
  if (lWrMas.content === null) lMas.index = lWrMas.rMin;
  if (lMas.index === lWrMas.rMin && lSlot && readSlot(lMem, lNode, lSlot - 1) === null) {
    if (lSlot > 1) lMas.index = inc64(readPivot(lMem, lNode, lSlot - 2));
    else lMas.index = lMas.min;
    lMas.offset = lSlot - 1;
  }
  const rNode = rWrMas.node as MapleNode;
  if (rWrMas.content === null) {
    if (rMas.last < rWrMas.rMax) rMas.last = rWrMas.rMax;
    rMas.offset++;
  } else if (
    rMas.last === rWrMas.rMax &&
    rMas.last < rMas.max &&
    readSlot(rMas.tree.mem, rNode, rMas.offset + 1) === null
  ) {
    // Unreachable: the right walk went to last + 1, so last < r_max here. (The kernel also
    // passes mas_safe_pivot's last two arguments in swapped order on this path.)
    rMas.last = safePivot(rMas, rNode, rMas.offset + 1);
    rMas.offset++;
  }
}

/** mas_wr_spanning_store */
export function masWrSpanningStore(wrMas: MaWrState): void {
  const mas = wrMas.mas;
  const tree = mas.tree;
  if (mas.index === 0n && mas.last === ULONG_MAX) {
    masNewRoot(mas, wrMas.entry);
    return;
  }
  const height = tree.height;

  // The right side: the leaf holding last + 1, so the range after the write is seen.
  const rMas: MaState = mas.clone();
  const rWrMas = new MaWrState(rMas, wrMas.entry);
  if (inc64(rMas.last) !== 0n) rMas.last = inc64(rMas.last);
  rMas.index = rMas.last;
  masWrWalkIndex(rWrMas);
  rMas.last = mas.last;
  rMas.index = mas.last;

  // The left side: the leaf holding index.
  const lMas: MaState = mas.clone();
  const lWrMas = new MaWrState(lMas, wrMas.entry);
  masWrWalkIndex(lWrMas);

  if (wrMas.entry === null) {
    masExtendSpanningNull(lWrMas, rWrMas);
    mas.offset = lMas.offset;
    mas.index = lMas.index;
    mas.last = rMas.last;
    lMas.last = rMas.last;
  }

  // Swallowing NULL neighbours may have made this a write of the whole range.
  if (lMas.index === 0n && rMas.last === ULONG_MAX) {
    mas.setRange(0n, ULONG_MAX);
    masNewRoot(mas, wrMas.entry);
    return;
  }

  const b = newBigNode(tree);
  masStoreBNode(lWrMas, b, lMas.end);
  // The historic test (by offset) copies the right leaf's last entry again when the write
  // ends exactly at that leaf's limit: the walk to last + 1 came back to its last slot.
  let copyRight = tree.hasFault(FAULTS.spanningStoreCopyRightByOffset)
    ? rMas.offset <= rMas.end
    : rMas.max > rMas.last;
  // The planted fault copies only while the right offset is below the end.
  if (rMas.offset === rMas.end && tree.hasFault(FAULTS.plantedSpanningDropsRightTail))
    copyRight = false;
  if (copyRight) masMabCp(rMas, rMas.offset, rMas.end, b, b.bEnd + 1);
  else b.bEnd++;

  // Later walks look for index only.
  lMas.index = mas.index;
  lMas.last = mas.index;

  const mast: SubtreeState = {
    origL: lMas,
    origR: rMas,
    l: freshState(mas),
    m: freshState(mas),
    r: freshState(mas),
    bn: b,
  };
  masSpanningRebalance(mas, mast, height + 1);
  releaseBigNode(tree, b);
}
