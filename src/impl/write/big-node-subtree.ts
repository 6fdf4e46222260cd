/**
 * struct maple_subtree_state and the steps shared by split, rebalance and spanning store:
 * cutting a big node into up to three new nodes and pointing the previous level's new nodes
 * at their new parents. All nodes touched here are new and not yet reachable.
 */
import { MaStatus, type NodeType } from "../constants.js";
import { MaState } from "../ma-state.js";
import type { MapleNode } from "../node.js";
import { writeParent } from "../node-access.js";
import { allocNode } from "../node-lifecycle.js";
import type { MapleTree } from "../tree.js";
import { inc64 } from "../u64.js";
import { type BigNode, slotsOf } from "./big-node.js";
import { mabMasCp } from "./big-node-copy.js";
import { mabCalcSplit } from "./big-node-split.js";
import { writeSpares } from "./write-spares.js";

/** struct maple_subtree_state */
export interface SubtreeState {
  /** The old left and right sides of the subtree being rebuilt. */
  origL: MaState;
  origR: MaState;
  /** The new left, middle (rare) and right nodes of the level just built. */
  l: MaState;
  m: MaState;
  r: MaState;
  bn: BigNode;
}

export function isNone(mas: MaState): boolean {
  return mas.status === MaStatus.none;
}

/** A fresh MA_STATE over the same range as mas. */
export function freshState(mas: MaState): MaState {
  return new MaState(mas.tree, mas.index, mas.last);
}

/**
 * Spare states for the subtree builders (the kernel's are on the stack), one set per tree and
 * builder: a split or spanning rebalance takes `count` fresh states with take() and
 * gives them back with release() when its write is done. Reusing them keeps several small
 * objects per write away from the garbage collector; a set not given back (a write that threw)
 * is simply not reused, and a nested take finds no spare and allocates.
 */
export class StatePool {
  /** `slot`: which of the tree's spare state sets (WriteSpares.stateSets) this pool uses. */
  constructor(private readonly slot: number) {}

  take(mas: MaState, count: number): MaState[] {
    const sets = writeSpares(mas.tree).stateSets;
    const spare = sets[this.slot];
    if (spare === null || spare === undefined || spare.length !== count) {
      const states: MaState[] = [];
      for (let i = 0; i < count; i++) states.push(freshState(mas));
      return states;
    }
    sets[this.slot] = null;
    for (const s of spare) s.reinit(mas.index, mas.last);
    return spare;
  }

  release(tree: MapleTree, states: MaState[]): void {
    writeSpares(tree).stateSets[this.slot] = states;
  }
}

/** mas_new_ma_node: a new node of the big node's type. */
export function masNewMaNode(mas: MaState, type: NodeType): MapleNode {
  return allocNode(mas.tree, type);
}

/** mas_set_parent */
export function masSetParent(
  mas: MaState,
  child: MapleNode,
  parent: MapleNode,
  slot: number,
): void {
  writeParent(mas.tree.mem, child, parent, slot);
}

/** mas_node_or_none */
export function masNodeOrNone(mas: MaState, node: MapleNode | null): void {
  if (node !== null) {
    mas.node = node;
    mas.status = MaStatus.active;
  } else {
    mas.node = null;
    mas.status = MaStatus.none;
  }
}

export interface CutNodes {
  left: MapleNode;
  middle: MapleNode | null;
  right: MapleNode | null;
  split: number;
  midSplit: number;
}

/** mas_mab_to_node: allocate the nodes the big node will be cut into and find the cut points. */
export function masMabToNode(mas: MaState, b: BigNode): CutNodes {
  const slotCount = slotsOf(mas.tree, b.type);
  const left = masNewMaNode(mas, b.type);
  let right: MapleNode | null = null;
  let middle: MapleNode | null = null;
  let split: number;
  let midSplit = 0;
  if (b.bEnd < slotCount) {
    split = b.bEnd;
  } else {
    const s = mabCalcSplit(mas, b);
    split = s.split;
    midSplit = s.midSplit;
    right = masNewMaNode(mas, b.type);
  }
  if (midSplit) middle = masNewMaNode(mas, b.type);
  return { left, middle, right, split, midSplit };
}

/** mas_set_split_parent: the child in mas goes to left or right depending on its slot; slot advances. */
export function masSetSplitParent(
  mas: MaState,
  left: MapleNode,
  right: MapleNode | null,
  slot: { v: number },
  split: number,
): void {
  if (isNone(mas)) return;
  if (slot.v <= split) masSetParent(mas, mas.node as MapleNode, left, slot.v);
  else if (right !== null) masSetParent(mas, mas.node as MapleNode, right, slot.v - split - 1);
  slot.v++;
}

interface SplitCursor {
  l: MapleNode;
  r: MapleNode | null;
  split: number;
}

/** mte_mid_split_check: past the middle split, the middle node becomes the left candidate. */
function mteMidSplitCheck(
  c: SplitCursor,
  right: MapleNode | null,
  slot: number,
  midSplit: number,
): void {
  if (c.r === right) return;
  if (slot < midSplit) return;
  c.l = c.r as MapleNode;
  c.r = right;
  c.split = midSplit;
}

/** mast_set_split_parents: parent the previous level's l, m, r into the new left/middle/right. */
export function mastSetSplitParents(
  mast: SubtreeState,
  left: MapleNode,
  middle: MapleNode | null,
  right: MapleNode | null,
  split: number,
  midSplit: number,
): void {
  if (isNone(mast.l)) return;
  const c: SplitCursor = { l: left, r: middle !== null ? middle : right, split };
  const slot = { v: mast.l.offset };
  mteMidSplitCheck(c, right, slot.v, midSplit);
  masSetSplitParent(mast.l, c.l, c.r, slot, c.split);
  mteMidSplitCheck(c, right, slot.v, midSplit);
  masSetSplitParent(mast.m, c.l, c.r, slot, c.split);
  mteMidSplitCheck(c, right, slot.v, midSplit);
  masSetSplitParent(mast.r, c.l, c.r, slot, c.split);
}

/** mast_cp_to_nodes: copy the big node out into left, (middle,) right and set their ranges. */
export function mastCpToNodes(
  mast: SubtreeState,
  left: MapleNode,
  middle: MapleNode | null,
  right: MapleNode | null,
  split: number,
  midSplit: number,
): void {
  const b = mast.bn;
  let newLmax = true;
  masNodeOrNone(mast.l, left);
  masNodeOrNone(mast.m, middle);
  masNodeOrNone(mast.r, right);
  mast.l.min = mast.origL.min;
  if (split === b.bEnd) {
    mast.l.max = mast.origR.max;
    newLmax = false;
  }
  mabMasCp(b, 0, split, mast.l, newLmax);
  if (middle !== null) {
    mabMasCp(b, 1 + split, midSplit, mast.m, true);
    mast.m.min = inc64(b.pivot[split]);
    split = midSplit;
  }
  mast.r.max = mast.origR.max;
  if (right !== null) {
    mabMasCp(b, 1 + split, b.bEnd, mast.r, false);
    mast.r.min = inc64(b.pivot[split]);
  }
}
