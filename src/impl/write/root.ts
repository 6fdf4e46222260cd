/**
 * Writes that replace the root: a single-entry or empty tree growing into a leaf
 * (mas_root_expand), stores into such a tree (mas_store_root), and [0, ULONG_MAX] writes
 * that replace the whole tree (mas_new_root).
 */

import { MaStatus, NodeType } from "../constants.js";
import type { MaybeEntry } from "../entry.js";
import { isReservedEntry } from "../entry.js";
import { FAULTS } from "../faults.js";
import type { MaState } from "../ma-state.js";
import { isNode, type MapleNode } from "../node.js";
import {
  readRoot,
  writeMeta,
  writePivot,
  writeRoot,
  writeRootParent,
  writeSlot,
} from "../node-access.js";
import { allocNode } from "../node-lifecycle.js";
import { ULONG_MAX } from "../u64.js";
import { mteDestroyWalk } from "./destroy-walk.js";
import { masSetHeight, publishRoot } from "./replace.js";

/**
 * mas_root_expand: build a leaf holding the old root entry at [0, 0] (if any), a NULL gap up to
 * index - 1, the new entry at [index, last] and a NULL tail, then publish it with one root
 * store. Returns the slot of the new entry's end (the new data end).
 */
export function masRootExpand(mas: MaState, entry: MaybeEntry): number {
  const tree = mas.tree;
  const mem = tree.mem;
  const contents = readRoot(tree);
  const node = allocNode(tree, NodeType.leaf64);
  const pivots = node.layout.pivots;
  let slot = 0;
  writeRootParent(mem, node, tree);
  mas.node = node;
  mas.status = MaStatus.active;
  if (mas.index !== 0n) {
    if (contents !== null) {
      writeSlot(mem, node, slot, contents);
      if (mas.index > 1n) slot++;
    }
    writePivot(mem, node, slot++, mas.index - 1n);
  }
  writeSlot(mem, node, slot, entry);
  mas.offset = slot;
  if (slot < pivots) writePivot(mem, node, slot, mas.last);
  // The tail pivot; with tiny geometries the tail may be the last slot, whose bound is implied.
  if (mas.last !== ULONG_MAX && ++slot < pivots && !tree.hasFault(FAULTS.rootExpandOmitsLimitPivot))
    writePivot(mem, node, slot, ULONG_MAX);
  mas.depth = 1;
  masSetHeight(mas);
  // The metadata overlays the last slot: only a node with room to spare carries it.
  if (slot < node.layout.slots - 1) writeMeta(mem, node, 0, slot);
  publishRoot(tree, node);
  return slot;
}

/** xa_is_internal for an entry going into the root word: it would be mistaken for a node. */
function looksInternal(entry: MaybeEntry): boolean {
  return isReservedEntry(entry);
}

/** mas_store_root: a store into an empty or single-entry tree. */
export function masStoreRoot(mas: MaState, entry: MaybeEntry): void {
  // The historic version had no NULL case: a NULL range was expanded into a leaf.
  if (entry === null && !mas.tree.hasFault(FAULTS.storeNullExpandsRoot)) {
    if (mas.index === 0n) writeRoot(mas.tree, null);
  } else if (mas.last !== 0n || mas.index !== 0n) {
    masRootExpand(mas, entry);
  } else if (looksInternal(entry)) {
    masRootExpand(mas, entry);
  } else {
    writeRoot(mas.tree, entry);
    mas.status = MaStatus.start;
  }
}

/**
 * mas_new_root: a write of [0, ULONG_MAX]. NULL empties the tree; anything else becomes a
 * one-slot leaf. Either way the old tree is detached by the root store and then destroyed.
 */
export function masNewRoot(mas: MaState, entry: MaybeEntry): void {
  const tree = mas.tree;
  const mem = tree.mem;
  const root = readRoot(tree);
  if (entry === null && mas.index === 0n && mas.last === ULONG_MAX) {
    mas.depth = 0;
    masSetHeight(mas);
    writeRoot(tree, entry);
    mas.status = MaStatus.start;
  } else {
    const node = allocNode(tree, NodeType.leaf64);
    writeRootParent(mem, node, tree);
    mas.node = node;
    mas.status = MaStatus.active;
    writeSlot(mem, node, 0, entry);
    writePivot(mem, node, 0, mas.last);
    mas.depth = 1;
    masSetHeight(mas);
    publishRoot(tree, node);
  }
  if (isNode(root)) mteDestroyWalk(tree, root as MapleNode);
}
