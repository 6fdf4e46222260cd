/**
 * mas_spanning_rebalance: rebuild a subtree bottom-up from a big node. Each level is cut into
 * one to three new nodes; the level above is assembled from the old parents' slots left and
 * right of the replaced children plus the new nodes. An under-filled level borrows a whole
 * neighbour (right first, then left, climbing to find one). The topmost new node replaces the
 * topmost old one with mas_wmb_replace.
 */

import { MaStatus } from "../constants.js";
import { FAULTS } from "../faults.js";
import { PARENT_WORD } from "../geometry.js";
import type { MaState } from "../ma-state.js";
import type { MapleNode } from "../node.js";
import {
  isRootNode,
  masAscend,
  masDataEnd,
  readParentWord,
  writeRootParent,
} from "../node-access.js";
import { masDescend, mtreeRangeWalk } from "../read/walk.js";
import { ULONG_MAX } from "../u64.js";
import { mabShiftRight, minSlotsOf, slotsOf } from "./big-node.js";
import { mabMasCp, masMabCp } from "./big-node-copy.js";
import { mabSetBEnd } from "./big-node-fill.js";
import {
  masMabToNode,
  masNewMaNode,
  masSetParent,
  mastCpToNodes,
  mastSetSplitParents,
  StatePool,
  type SubtreeState,
} from "./big-node-subtree.js";
import { masWmbReplace } from "./topiary.js";
import { MaWrState } from "./wr-state.js";
import { masWrNodeWalk } from "./wr-walk.js";

/** mas_is_root_limits */
export function masIsRootLimits(mas: MaState): boolean {
  return mas.min === 0n && mas.max === ULONG_MAX;
}

/** mast_rebalance_next: append all of the right neighbour orig_r. */
function mastRebalanceNext(mast: SubtreeState): void {
  const bEnd = mast.bn.bEnd;
  const r = mast.origR;
  masMabCp(r, 0, slotsOf(r.tree, (r.node as MapleNode).type), mast.bn, bEnd);
  r.last = r.max;
}

/** mast_rebalance_prev: prepend all of the left neighbour orig_l. */
function mastRebalancePrev(mast: SubtreeState): void {
  const end = masDataEnd(mast.origL) + 1;
  const bEnd = mast.bn.bEnd;
  mabShiftRight(mast.bn, end);
  masMabCp(mast.origL, 0, end - 1, mast.bn, 0);
  mast.l.min = mast.origL.min;
  mast.origL.index = mast.origL.min;
  mast.bn.bEnd = end + bEnd;
  mast.l.offset += end;
}

/**
 * mast_spanning_rebalance: find the nearest neighbour at this level (right first, then left),
 * climbing as far as needed, and pull all its data into the big node. False when there is none.
 */
export function mastSpanningRebalance(mast: SubtreeState): boolean {
  const rTmp = mast.origR.clone();
  const lTmp = mast.origL.clone();
  const mem = mast.origR.tree.mem;
  let depth = 0;
  do {
    masAscend(mast.origR);
    masAscend(mast.origL);
    depth++;
    if (mast.origR.offset < masDataEnd(mast.origR)) {
      mast.origR.offset++;
      do {
        masDescend(mast.origR);
        mast.origR.offset = 0;
      } while (--depth);
      mastRebalanceNext(mast);
      mast.origL.copyFrom(lTmp);
      return true;
    } else if (mast.origL.offset !== 0) {
      mast.origL.offset--;
      do {
        masDescend(mast.origL);
        mast.origL.offset = masDataEnd(mast.origL);
      } while (--depth);
      mastRebalancePrev(mast);
      mast.origR.copyFrom(rTmp);
      return true;
    }
  } while (!isRootNode(mem, mast.origR.node as MapleNode));
  mast.origR.copyFrom(rTmp);
  mast.origL.copyFrom(lTmp);
  return false;
}

/**
 * mast_ascend: move orig_l and orig_r up one level and point them at the slots holding the
 * new left's min and the new right's max.
 */
export function mastAscend(mast: SubtreeState): void {
  masAscend(mast.origL);
  masAscend(mast.origR);
  const r = mast.origR;
  r.offset = 0;
  r.index = (mast.r as MaState).max;
  if (r.last < r.index) r.last = r.index;
  const wrR = new MaWrState(r, null);
  wrR.type = (r.node as MapleNode).type;
  masWrNodeWalk(wrR);
  const l = mast.origL;
  l.offset = 0;
  l.index = mast.l.min;
  const wrL = new MaWrState(l, null);
  wrL.type = (l.node as MapleNode).type;
  masWrNodeWalk(wrL);
  mast.bn.type = wrL.type;
}

/** mast_combine_cp_left: the old parent's slots left of the replaced children. */
function mastCombineCpLeft(mast: SubtreeState): void {
  const lSlot = mast.origL.offset;
  if (!lSlot) return;
  masMabCp(mast.origL, 0, lSlot - 1, mast.bn, 0);
}

/** mast_combine_cp_right: the old parent's slots right of the replaced children. */
function mastCombineCpRight(mast: SubtreeState): void {
  const b = mast.bn;
  const r = mast.origR;
  if (b.pivot[b.bEnd - 1] >= r.max) return;
  masMabCp(r, r.offset + 1, slotsOf(r.tree, (r.node as MapleNode).type), b, b.bEnd);
  r.last = r.max;
}

/** mast_sufficient: enough data for at least one sufficient node. */
function mastSufficient(mast: SubtreeState): boolean {
  return mast.bn.bEnd > minSlotsOf(mast.origL.tree, (mast.origL.node as MapleNode).type);
}

/** mast_overflow: too much data for one node. */
function mastOverflow(mast: SubtreeState): boolean {
  return mast.bn.bEnd >= slotsOf(mast.origL.tree, (mast.origL.node as MapleNode).type);
}

const spanningStates = new StatePool(1);

/** mas_spanning_rebalance */
export function masSpanningRebalance(mas: MaState, mast: SubtreeState, count: number): void {
  const tree = mas.tree;
  const mem = tree.mem;
  let slot = 0;
  let left: MapleNode | null = null;
  let middle: MapleNode | null = null;
  let right: MapleNode | null = null;
  const states = spanningStates.take(mas, 3);
  const [lMas, rMas, mMas] = states as [MaState, MaState, MaState];
  lMas.last = mas.index;
  mMas.last = mas.index;
  mast.l = lMas;
  mast.m = mMas;
  mast.r = rMas;
  lMas.status = MaStatus.none;
  rMas.status = MaStatus.none;
  mMas.status = MaStatus.none;

  // Not the whole tree and too little data: borrow a neighbour first.
  const notWholeTree = tree.hasFault(FAULTS.rootTestAndInsteadOfOr)
    ? mast.origL.min !== 0n && mast.origR.max !== ULONG_MAX
    : mast.origL.min !== 0n || mast.origR.max !== ULONG_MAX;
  if (notWholeTree && mast.bn.bEnd <= minSlotsOf(tree, mast.bn.type)) {
    mastSpanningRebalance(mast);
  }
  lMas.depth = 0;

  let newRoot = false;
  while (count-- > 0) {
    mast.bn.bEnd--;
    mast.bn.type = (mast.origL.node as MapleNode).type;
    const cut = masMabToNode(mas, mast.bn);
    left = cut.left;
    middle = cut.middle;
    right = cut.right;
    mastSetSplitParents(mast, left, middle, right, cut.split, cut.midSplit);
    mastCpToNodes(mast, left, middle, right, cut.split, cut.midSplit);

    // Start the next level's big node.
    mast.bn.clear();
    mast.bn.type = left.type;
    lMas.depth++;

    // The new nodes cover the whole tree: left is the new root.
    if (masIsRootLimits(mast.l)) {
      newRoot = true;
      break;
    }

    mastAscend(mast);
    mastCombineCpLeft(mast);
    lMas.offset = mast.bn.bEnd;
    mabSetBEnd(mast.bn, lMas, left);
    mabSetBEnd(mast.bn, mMas, middle);
    mabSetBEnd(mast.bn, rMas, right);
    mastCombineCpRight(mast);
    mast.origL.last = mast.origL.max;

    if (mastSufficient(mast)) continue;
    if (mastOverflow(mast)) continue;
    // The big node now holds what may become the new root.
    if (masIsRootLimits(mast.origL)) break;
    mastSpanningRebalance(mast);
    // Pulling in a neighbour may need one more level.
    if (!count) count++;
  }

  if (!newRoot) {
    lMas.node = masNewMaNode(mas, (mast.origL.node as MapleNode).type);
    lMas.depth++;
    mabMasCp(mast.bn, 0, slotsOf(tree, mast.bn.type) - 1, lMas, true);
    // Provisional slots: mas_adopt_children rewrites every child's parent after publication.
    masSetParent(mas, left as MapleNode, lMas.node, slot);
    if (middle !== null) masSetParent(mas, middle, lMas.node, ++slot);
    if (right !== null) masSetParent(mas, right, lMas.node, ++slot);
  }
  if (newRoot || masIsRootLimits(mast.l)) {
    writeRootParent(mem, mast.l.node as MapleNode, tree);
    while (!isRootNode(mem, mast.origL.node as MapleNode)) mastAscend(mast);
  } else {
    mem.write(
      lMas.node as MapleNode,
      PARENT_WORD,
      readParentWord(mem, mast.origL.node as MapleNode),
    );
  }

  const oldNode = mast.origL.node as MapleNode;
  mas.depth = lMas.depth;
  mas.node = lMas.node;
  mas.min = lMas.min;
  mas.max = lMas.max;
  mas.offset = lMas.offset;
  masWmbReplace(mas, oldNode);
  mtreeRangeWalk(mas);
  spanningStates.release(tree, states);
}
