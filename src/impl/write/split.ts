import { FAULTS } from "../faults.js";
/**
 * mas_split: a node overflowed. Climbing from the leaf, each level is either pushed into a
 * sibling with room (push left, then push right), or cut in two, with the parent level
 * assembled in the big node; the climb ends at the first level that fits one node (a new
 * root when the old root itself was split).
 */

import { PARENT_WORD } from "../geometry.js";
import type { MaState } from "../ma-state.js";
import { isLeafType, type MapleNode } from "../node.js";
import {
  isRootNode,
  masAscend,
  masDataEnd,
  parentSlot,
  readParentWord,
  writePivot,
} from "../node-access.js";
import { mtreeRangeWalk } from "../read/walk.js";
import { inc64, ULONG_MAX } from "../u64.js";
import { type BigNode, mabShiftRight, slotsOf } from "./big-node.js";
import { mabMasCp, masMabCp } from "./big-node-copy.js";
import { mabSetBEnd } from "./big-node-fill.js";
import { mabCalcSplit, mabNoNullSplit } from "./big-node-split.js";
import {
  masNewMaNode,
  masSetParent,
  masSetSplitParent,
  StatePool,
  type SubtreeState,
} from "./big-node-subtree.js";
import { masNextSibling, masPrevSibling } from "./spanning-siblings.js";
import { masWmbReplace } from "./topiary.js";

/**
 * mas_split_final_node: the big node fits one node: build it as the new parent of mast.l and
 * mast.r, taking the place of mas.node (a new internal root when mas.node is the root).
 */
export function masSplitFinalNode(mast: SubtreeState, mas: MaState, height: number): void {
  const tree = mas.tree;
  const mem = tree.mem;
  const old = mas.node as MapleNode;
  if (isRootNode(mem, old)) {
    mast.bn.type = tree.internalType;
    mas.depth = height;
  }
  const ancestor = masNewMaNode(mas, mast.bn.type);
  masSetParent(mas, mast.l.node as MapleNode, ancestor, mast.l.offset);
  masSetParent(mas, mast.r.node as MapleNode, ancestor, mast.r.offset);
  mem.write(ancestor, PARENT_WORD, readParentWord(mem, old));
  mast.l.node = ancestor;
  mabMasCp(mast.bn, 0, slotsOf(tree, mast.bn.type) - 1, mast.l, true);
  mas.offset = mast.bn.bEnd - 1;
}

/**
 * mast_fill_bnode: the parent level's big node: the parent's slots before the split node, the
 * new left and right, and the parent's slots after the `skip` replaced ones. mas climbs to the
 * parent (unless it is the root, where the two new nodes are all there is).
 */
export function mastFillBnode(mast: SubtreeState, mas: MaState, skip: number): void {
  const b = mast.bn;
  const mem = mas.tree.mem;
  let cp = true;
  b.clearArrays();
  if (isRootNode(mem, mas.node as MapleNode)) {
    cp = false;
  } else {
    masAscend(mas);
    mas.offset = parentSlot(mem, mas.node as MapleNode);
  }
  if (cp && mast.l.offset) masMabCp(mas, 0, mast.l.offset - 1, b, 0);
  const split = b.bEnd;
  mabSetBEnd(b, mast.l, mast.l.node);
  mast.r.offset = b.bEnd;
  mabSetBEnd(b, mast.r, mast.r.node);
  if (b.pivot[b.bEnd - 1] === mas.max) cp = false;
  if (cp)
    masMabCp(mas, split + skip, slotsOf(mas.tree, (mas.node as MapleNode).type) - 1, b, b.bEnd);
  b.bEnd--;
  b.type = (mas.node as MapleNode).type;
}

/**
 * mast_split_data: cut the big node at `split` into mast.l and mast.r, and (above the leaves)
 * point the previous level's new nodes at them.
 */
export function mastSplitData(mast: SubtreeState, mas: MaState, split: number): void {
  const mem = mas.tree.mem;
  mabMasCp(mast.bn, 0, split, mast.l, true);
  writePivot(mem, mast.r.node as MapleNode, 0, mast.r.max);
  mabMasCp(mast.bn, split + 1, mast.bn.bEnd, mast.r, false);
  mast.l.offset = parentSlot(mem, mas.node as MapleNode);
  mast.l.max = mast.bn.pivot[split];
  // Seeded self-test of the validator (not a historic bug): a limit one short.
  if (mas.tree.hasFault(FAULTS.selftestSplitLeftMaxOneShort)) mast.l.max -= 1n;
  mast.r.min = inc64(mast.l.max);
  if (isLeafType((mas.node as MapleNode).type)) return;
  const pSlot = { v: mast.origL.offset };
  masSetSplitParent(mast.origL, mast.l.node as MapleNode, mast.r.node as MapleNode, pSlot, split);
  masSetSplitParent(mast.origR, mast.l.node as MapleNode, mast.r.node as MapleNode, pSlot, split);
}

/**
 * mas_push_data: instead of splitting, share the data with the left (or right) sibling when the
 * two fit in two nodes with room to spare; the climb then ends one level up.
 */
export function masPushData(
  mas: MaState,
  height: number,
  mast: SubtreeState,
  left: boolean,
  tmp: MaState,
): boolean {
  const tree = mas.tree;
  const b = mast.bn;
  let slotTotal = b.bEnd;
  // tmp is the caller's spare state: a copy of mas, as the kernel's MA_STATE(tmp_mas) = *mas.
  tmp.copyFrom(mas);
  tmp.depth = mast.l.depth;
  if (left && !masPrevSibling(tmp)) return false;
  if (!left && !masNextSibling(tmp)) return false;
  const end = masDataEnd(tmp);
  slotTotal += end;
  let space = 2 * slotsOf(tree, (mas.node as MapleNode).type) - 2;
  // One more spare slot keeps the result from needing a three-way split.
  if (isLeafType(b.type)) space--;
  if (mas.max === ULONG_MAX) space--;
  if (slotTotal >= space) return false;

  b.bEnd++;
  if (left) {
    mabShiftRight(b, end + 1);
    masMabCp(tmp, 0, end, b, 0);
    b.bEnd = slotTotal + 1;
  } else {
    masMabCp(tmp, 0, end, b, b.bEnd);
  }

  let split = slotsOf(tree, b.type) - 2;
  if (left) {
    // The sibling becomes the node being split; mast.l takes its place with the new node.
    mas.copyFrom(tmp);
    tmp.node = mast.l.node;
    mast.l.copyFrom(tmp);
  } else {
    tmp.node = mast.r.node;
    mast.r.copyFrom(tmp);
    split = slotTotal - split;
  }
  split = mabNoNullSplit(mas, b, split, slotsOf(tree, b.type));
  // The previous level's nodes moved right by the sibling's entries.
  if (left) mast.origL.offset += end + 1;

  mastSplitData(mast, mas, split);
  mastFillBnode(mast, mas, 2);
  masSplitFinalNode(mast, mas, height + 1);
  return true;
}

const splitStates = new StatePool(0);

/** mas_split */
export function masSplit(mas: MaState, b: BigNode): void {
  const tree = mas.tree;
  let height = 0;
  const states = splitStates.take(mas, 6);
  const [lMas, rMas, prevLMas, prevRMas, mMas, pushMas] = states as [
    MaState,
    MaState,
    MaState,
    MaState,
    MaState,
    MaState,
  ];
  mas.depth = tree.height;
  const mast: SubtreeState = {
    l: lMas,
    r: rMas,
    m: mMas,
    origL: prevLMas,
    origR: prevRMas,
    bn: b,
  };

  while (height++ <= mas.depth) {
    if (slotsOf(tree, b.type) > b.bEnd) {
      masSplitFinalNode(mast, mas, height);
      break;
    }
    lMas.copyFrom(mas);
    rMas.copyFrom(mas);
    lMas.node = masNewMaNode(mas, b.type);
    rMas.node = masNewMaNode(mas, b.type);
    if (masPushData(mas, height, mast, true, pushMas)) break;
    if (masPushData(mas, height, mast, false, pushMas)) break;
    const { split } = mabCalcSplit(mas, b);
    mastSplitData(mast, mas, split);
    // mab_mas_cp overwrote r.max.
    rMas.max = mas.max;
    mastFillBnode(mast, mas, 1);
    prevLMas.copyFrom(lMas);
    prevRMas.copyFrom(rMas);
  }

  const old = mas.node as MapleNode;
  mas.node = lMas.node;
  masWmbReplace(mas, old);
  mtreeRangeWalk(mas);
  splitStates.release(tree, states);
}
