/**
 * Swapping a rebuilt subtree into the tree (mas_wmb_replace / mas_topiary_replace): one
 * pointer store publishes the new top node; then, level by level, every child of a new node
 * gets its parent word rewritten (reused old children change parent only now, after
 * publication); finally the old nodes are marked dead and freed, whole dead subtrees (those
 * inside [index, last]) through the destroy walk.
 */
import { MaStatus } from "../constants.js";
import { FAULTS } from "../faults.js";
import type { MaState } from "../ma-state.js";
import { isLeafType, type MapleNode, NodeLife } from "../node.js";
import { dataEnd, markNodeDead, parentNode, readSlot, writePivot } from "../node-access.js";
import { freeNode, masFree, retireNode } from "../node-lifecycle.js";
import { masDescend } from "../read/walk.js";
import type { MapleTree } from "../tree.js";
import { masSetParent } from "./big-node-subtree.js";
import { mteDestroyWalk } from "./destroy-walk.js";
import { masUpdateGap } from "./gaps.js";
import { masPutInTree } from "./replace.js";
import { sinkRootLastLeaf } from "./sink-last-leaf.js";
import { writeSpares } from "./write-spares.js";

/** What a dead-list link (struct maple_topiary.next, overlaying pivot 0) holds when it points somewhere. */
export const MAT_NEXT_LINK = 0xffff888000001000n;

/** struct ma_topiary: a list of dead subtrees waiting for the destroy walk. */
export class Topiary {
  readonly nodes: MapleNode[] = [];
  constructor(readonly tree: MapleTree) {}
}

/** mat_add: mark the subtree's top dead and link it at the tail of the list. */
export function matAdd(mat: Topiary, dead: MapleNode): void {
  const mem = mat.tree.mem;
  markNodeDead(mat.tree, dead);
  writePivot(mem, dead, 0, 0n);
  const tail = mat.nodes[mat.nodes.length - 1];
  if (tail !== undefined) writePivot(mem, tail, 0, MAT_NEXT_LINK);
  mat.nodes.push(dead);
}

/** mas_mat_destroy: destroy every subtree on the list. */
export function masMatDestroy(mas: MaState, mat: Topiary): void {
  for (const node of mat.nodes) mteDestroyWalk(mas.tree, node);
  mat.nodes.length = 0;
}

/** mas_adopt_children: point every child of `parent` (a node in mas) back at it, last slot first. */
export function masAdoptChildren(mas: MaState, parent: MapleNode): void {
  const mem = mas.tree.mem;
  const tree = mas.tree;
  // Seeded self-tests of the validator (not historic bugs): each names a wrong parent slot.
  const shift = tree.hasFault(FAULTS.selftestAdoptChildrenSlotOffByOne) ? 1 : 0;
  let offset = dataEnd(mem, parent, mas.max);
  const end = offset;
  const lastShift = tree.hasFault(FAULTS.selftestAdoptLastChildSlotBefore) && end > 0 ? -1 : 0;
  do {
    const child = readSlot(mem, parent, offset) as MapleNode;
    masSetParent(mas, child, parent, offset + (offset === end ? lastShift : shift));
  } while (offset-- > 0);
}

/**
 * mas_find_child: from mas.offset, the next child of mas.node whose parent word names mas.node;
 * child becomes a state at that child. Children already adopted elsewhere are skipped.
 */
export function masFindChild(mas: MaState, child: MaState): boolean {
  const mem = mas.tree.mem;
  const node = mas.node as MapleNode;
  const end = dataEnd(mem, node, mas.max);
  for (let offset = mas.offset; offset <= end; offset++) {
    const entry = readSlot(mem, node, offset) as MapleNode;
    if (parentNode(mem, entry) === node) {
      child.copyFrom(mas);
      mas.offset = offset + 1;
      child.offset = offset;
      masDescend(child);
      child.offset = 0;
      return true;
    }
  }
  return false;
}

/** mas_topiary_node: kill one old node; RCU mode frees it after a grace period, otherwise now. */
export function masTopiaryNode(mas: MaState, tmp: MaState, inRcu: boolean): void {
  if (tmp.status === MaStatus.none) return;
  const node = tmp.node as MapleNode;
  markNodeDead(mas.tree, node);
  if (inRcu) retireNode(mas.tree, node);
  else freeNode(mas.tree, node);
}

function noneState(mas: MaState): MaState {
  const s = mas.clone();
  s.status = MaStatus.none;
  return s;
}

function toNoneState(s: MaState, mas: MaState): void {
  s.copyFrom(mas);
  s.status = MaStatus.none;
}

function noneStates(mas: MaState): MaState[] {
  return [noneState(mas), noneState(mas), noneState(mas)];
}

/**
 * The six states of a finished replace, per tree. Every split, rebalance and spanning store
 * ends in a replace, and its states (the kernel's are on the stack) die with it: handing the
 * same ones out again, reset to fresh none-states, keeps them away from the garbage collector.
 * States not given back (a write that threw) are simply not reused.
 */
function takeNoneStates(mas: MaState): [MaState[], MaState[]] {
  const spares = writeSpares(mas.tree);
  const spare = spares.topiaryStates;
  if (spare === null) return [noneStates(mas), noneStates(mas)];
  spares.topiaryStates = null;
  for (let i = 0; i < 3; i++) {
    toNoneState(spare[0][i] as MaState, mas);
    toNoneState(spare[1][i] as MaState, mas);
  }
  return spare;
}

/** mas_topiary_replace: publish mas.node in place of oldNode, fix parents below it, discard the old nodes. */
export function masTopiaryReplace(mas: MaState, oldNode: MapleNode): void {
  const tree = mas.tree;
  masPutInTree(mas, oldNode);

  // Adopt: every child of a new node points at it; new children are followed down.
  const states = takeNoneStates(mas);
  let tmp = states[0];
  let tmpNext = states[1];
  tmp[0].copyFrom(mas);
  tmp[0].offset = 0;
  while (!isLeafType((tmp[0].node as MapleNode).type)) {
    let n = 0;
    for (let i = 0; i < 3; i++) {
      if (tmp[i].status === MaStatus.none) continue;
      while (n < 3) {
        if (!masFindChild(tmp[i], tmpNext[n])) break;
        // A new child, reachable since the top was published.
        (tmpNext[n].node as MapleNode).life = NodeLife.live;
        n++;
      }
      masAdoptChildren(tmp[i], tmp[i].node as MapleNode);
    }
    if (n === 0) break;
    while (n < 3) tmpNext[n++].status = MaStatus.none;
    const done = tmp;
    tmp = tmpNext;
    tmpNext = done;
  }

  // Discard: old nodes still parented by old nodes were replaced.
  if (isLeafType(oldNode.type)) {
    writeSpares(tree).topiaryStates = states;
    masFree(mas, oldNode);
    return;
  }
  const subtrees = new Topiary(tree);
  // The adopt pass's states are done with: make them fresh none-states again (no new clones).
  for (let i = 0; i < 3; i++) {
    toNoneState(tmp[i], mas);
    toNoneState(tmpNext[i], mas);
  }
  tmp[0].copyFrom(mas);
  tmp[0].offset = 0;
  tmp[0].node = oldNode;
  const inRcu = tree.inRcu;
  do {
    let n = 0;
    for (let i = 0; i < 3; i++) {
      if (tmp[i].status === MaStatus.none) continue;
      while (n < 3) {
        if (!masFindChild(tmp[i], tmpNext[n])) break;
        const c = tmpNext[n];
        if (c.min >= tmpNext[0].index && c.max <= tmpNext[0].last) {
          // Entirely overwritten: the whole subtree goes.
          matAdd(subtrees, c.node as MapleNode);
          c.status = MaStatus.none;
        } else {
          n++;
        }
      }
    }
    if (n === 0) break;
    while (n < 3) tmpNext[n++].status = MaStatus.none;
    for (let i = 0; i < 3; i++) {
      masTopiaryNode(mas, tmp[i], inRcu);
    }
    const done = tmp;
    tmp = tmpNext;
    tmpNext = done;
  } while (!isLeafType((tmp[0].node as MapleNode).type));
  for (let i = 0; i < 3; i++) masTopiaryNode(mas, tmp[i], inRcu);
  writeSpares(tree).topiaryStates = states;
  masMatDestroy(mas, subtrees);
}

/** mas_wmb_replace: swap the new subtree in, then fix the gaps above it. */
export function masWmbReplace(mas: MaState, oldNode: MapleNode): void {
  masTopiaryReplace(mas, oldNode);
  if (mas.tree.hasFault(FAULTS.selftestNewRootLastLeafOneDeeper))
    sinkRootLastLeaf(mas.tree, mas.node as MapleNode);
  if (isLeafType((mas.node as MapleNode).type)) return;
  masUpdateGap(mas);
}
