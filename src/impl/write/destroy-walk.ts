/**
 * Destroying a detached subtree (mte_destroy_walk / mt_destroy_walk / mt_free_walk). The walk
 * goes down the leftmost path marking nodes dead, kills each bottom node's leaves together,
 * moves right through siblings, and kills a parent's children again on the way back up.
 * Without RCU every node is freed as soon as it is killed; in RCU mode nothing is freed until
 * a grace period has passed, and then the whole subtree goes at once.
 */

import { NodeType } from "../constants.js";
import { FAULTS } from "../faults.js";
import { isLeafType, isNode, type MapleNode, NodeLife } from "../node.js";
import {
  isDeadNode,
  markNodeDead,
  readPivot,
  readSlot,
  writeMeta,
  writePivot,
} from "../node-access.js";
import { freeNode, RCU_HEAD_FUNC, RCU_HEAD_NEXT } from "../node-lifecycle.js";
import type { MapleTree } from "../tree.js";

/**
 * While it walks, the kernel keeps its bookkeeping in the dead nodes themselves (struct
 * maple_node's second view: piv_parent over pivot 2, parent_slot and type over pivot 3,
 * slot_len over pivot 4). A reader still inside such a node reads these as pivots; the dead
 * mark written first tells it to restart. The pointer value stands for an encoded node.
 */
export const DESTROY_PIV_PARENT = 0xffff888000002000n;
const PIV_PARENT_WORD = 2;
const TYPE_WORD = 3;
const SLOT_LEN_WORD = 4;

function bookkeep(tree: MapleTree, n: MapleNode, pivot: number, value: bigint): void {
  if (pivot < n.layout.pivots) writePivot(tree.mem, n, pivot, value);
}

/** node->type = type: the upper half of the word that also holds parent_slot. */
function storeType(tree: MapleTree, n: MapleNode): void {
  if (TYPE_WORD >= n.layout.pivots) return;
  const old = readPivot(tree.mem, n, TYPE_WORD);
  const low = typeof old === "bigint" ? old & 0xffffffffn : 0n;
  writePivot(tree.mem, n, TYPE_WORD, low | (BigInt(n.type) << 32n));
}

/** The children of an internal node: slots up to the first one that holds no node. */
function children(tree: MapleTree, node: MapleNode): MapleNode[] {
  const out: MapleNode[] = [];
  for (let i = 0; i < node.layout.slots; i++) {
    const w = readSlot(tree.mem, node, i);
    if (!isNode(w)) break;
    out.push(w);
  }
  return out;
}

/**
 * mt_destroy_walk: kill every node below and including `top`, in the kernel's order. With
 * `free`, nodes are freed as they are killed; `killed` collects them otherwise.
 */
function mtDestroyWalk(tree: MapleTree, top: MapleNode, free: boolean, killed: MapleNode[]): void {
  const kill = (n: MapleNode): void => {
    markNodeDead(tree, n);
  };
  // mte_destroy_descend: dead mark, then type, parent and slot for the way back up.
  const descend = (n: MapleNode, slot: number): void => {
    kill(n);
    bookkeep(tree, n, PIV_PARENT_WORD, DESTROY_PIV_PARENT);
    bookkeep(tree, n, TYPE_WORD, BigInt(slot) | (BigInt(n.type) << 32n));
  };
  // mte_dead_leaves: each child is marked dead and told its type; the count is kept.
  const deadLeaves = (node: MapleNode, kids: MapleNode[]): void => {
    for (const k of kids) {
      kill(k);
      storeType(tree, k);
    }
    bookkeep(tree, node, SLOT_LEN_WORD, BigInt(kids.length));
  };
  const release = (nodes: MapleNode[]): void => {
    for (const n of nodes) {
      if (free) freeNode(tree, n);
      else if (!killed.includes(n)) killed.push(n);
    }
  };
  // An internal node whose descent already marked it dead.
  const visit = (node: MapleNode): void => {
    const kids = children(tree, node);
    if (kids.length > 0 && isLeafType(kids[0].type)) {
      // A bottom node: its leaves die together.
      deadLeaves(node, kids);
      release(kids);
      return;
    }
    kids.forEach((child, i) => {
      // mte_destroy_descend skips a first child that is already dead.
      if (i === 0 && isDeadNode(tree.mem, child) && kids.length > 1) return;
      descend(child, i);
      visit(child);
    });
    // Back up at this node: its children are killed (again) and released together.
    deadLeaves(node, kids);
    release(kids);
  };
  if (isLeafType(top.type)) {
    if (!tree.hasFault(FAULTS.noDeadMarkOnRootLeafDestroy)) kill(top);
    storeType(tree, top);
  } else {
    descend(top, 0);
    visit(top);
  }
  if (free) {
    freeNode(tree, top);
  } else {
    killed.push(top);
    // mt_clear_meta on the top node (internal nodes that carry metadata).
    if (
      top.type === NodeType.arange64 ||
      (top.type === NodeType.range64 && hasMetaRoom(tree, top))
    ) {
      writeMeta(tree.mem, top, 0, 0);
    }
  }
}

/**
 * mt_clear_meta's test: a range64 node whose last pivot is set may be full (no metadata).
 * Note: in RCU mode the kernel runs this test after mte_dead_leaves has stripped the type bits
 * from the child pointers, so on a full range64 top it no longer recognises slot 15 as a child
 * and zeroes the low 16 bits of that pointer, which mt_free_walk later frees (a 6.12 bug in
 * non-alloc RCU trees). This model keeps the pointer intact and frees the real child.
 */
function hasMetaRoom(tree: MapleTree, node: MapleNode): boolean {
  const last = node.layout.pivots - 1;
  if (readPivot(tree.mem, node, last) === 0n) return true;
  return !isNode(readSlot(tree.mem, node, node.layout.slots - 1));
}

/** mte_destroy_walk: free (or, in RCU mode, kill and later free) every node of a detached subtree. */
export function mteDestroyWalk(tree: MapleTree, node: MapleNode): void {
  if (!tree.inRcu) {
    mtDestroyWalk(tree, node, true, []);
    return;
  }
  const killed: MapleNode[] = [];
  mtDestroyWalk(tree, node, false, killed);
  // call_rcu(&node->rcu, mt_free_walk): the rcu_head overlays the top node's first pivots.
  if (node.layout.pivots >= 2) {
    writePivot(tree.mem, node, 0, RCU_HEAD_NEXT);
    writePivot(tree.mem, node, 1, RCU_HEAD_FUNC);
  }
  for (const n of killed) {
    n.life = NodeLife.retired;
    tree.observer.retired?.(n);
  }
  tree.rcu.callRcu(() => {
    for (const n of killed) freeNode(tree, n);
  });
}
