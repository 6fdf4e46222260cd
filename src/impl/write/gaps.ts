/**
 * Gap tracking for allocation trees: the largest NULL range below each child of an arange64
 * node is kept in the parent's gap words, and meta.gap names the child with the largest one.
 * Gap words are updated in place in every mode (gap readers hold the lock).
 */
import { NodeType } from "../constants.js";
import { FAULTS } from "../faults.js";
import type { MaState } from "../ma-state.js";
import type { NodeMemory } from "../memory.js";
import type { MapleNode } from "../node.js";
import { isLeafType } from "../node.js";
import {
  dataEnd,
  isRootNode,
  parentNode,
  parentSlot,
  readGap,
  readMetaEnd,
  readMetaGap,
  readPivot,
  readSlot,
  writeGap,
  writeMetaGap,
} from "../node-access.js";
import { type Index, inc64, sub64, ULONG_MAX } from "../u64.js";

/** mas_leaf_max_gap: the largest NULL range in the leaf mas.node (which spans [mas.min, mas.max]). */
export function masLeafMaxGap(mas: MaState): Index {
  const mem = mas.tree.mem;
  const node = mas.node as MapleNode;
  let maxGap = 0n;
  let i: number;
  // Slot 0 starts at the implied minimum; handling it here lets the loop skip slot 1.
  if (readSlot(mem, node, 0) === null) {
    maxGap = inc64(sub64(readPivot(mem, node, 0), mas.min));
    i = 2;
  } else {
    i = 1;
  }
  const maxPiv = dataEnd(mem, node, mas.max) - 1;
  if (maxPiv < 0) return maxGap;
  // Only the rightmost leaf can end in NULL: its last range ends at ULONG_MAX.
  if (mas.max === ULONG_MAX && readSlot(mem, node, maxPiv + 1) === null) {
    const lastPiv = readPivot(mem, node, maxPiv);
    const gap = sub64(ULONG_MAX, lastPiv);
    if (gap > maxGap) maxGap = gap;
    if (maxGap > sub64(lastPiv, mas.min)) return maxGap;
  }
  for (; i <= maxPiv; i++) {
    if (readSlot(mem, node, i) !== null) continue;
    const gap = sub64(readPivot(mem, node, i), readPivot(mem, node, i - 1));
    if (gap > maxGap) maxGap = gap;
    // NULL ranges are never adjacent, so the next slot holds data.
    i++;
  }
  return maxGap;
}

/** ma_max_gap: the largest gap word of an arange64 node and its offset, scanning down from meta.end. */
export function maMaxGap(mem: NodeMemory, node: MapleNode): { gap: Index; offset: number } {
  let i = readMetaEnd(mem, node);
  let offset = i;
  let maxGap = 0n;
  for (; i >= 0; i--) {
    const g = readGap(mem, node, i);
    if (g > maxGap) {
      maxGap = g;
      offset = i;
    }
  }
  return { gap: maxGap, offset };
}

/** mas_max_gap: a leaf's gap is computed, an internal node's is read at meta.gap. */
export function masMaxGap(mas: MaState): Index {
  const node = mas.node as MapleNode;
  if (isLeafType(node.type)) return masLeafMaxGap(mas);
  if (node.type !== NodeType.arange64)
    throw new Error(`mas_max_gap on node #${node.id} without gaps`);
  const mem = mas.tree.mem;
  return readGap(mem, node, readMetaGap(mem, node));
}

/**
 * mas_parent_gap: store `newGap` as the gap of child `offset` of mas.node's parent, then keep
 * climbing while the parent's own largest gap changed.
 */
export function masParentGap(mas: MaState, offset: number, newGap: Index): void {
  const mem = mas.tree.mem;
  let child = mas.node as MapleNode;
  let pnode = parentNode(mem, child) as MapleNode;
  for (;;) {
    if (pnode.type !== NodeType.arange64)
      throw new Error(`gap update into node #${pnode.id} without gaps`);
    const metaOffset = readMetaGap(mem, pnode);
    const metaGap = readGap(mem, pnode, metaOffset);
    writeGap(mem, pnode, offset, newGap);
    if (metaGap === newGap) return;
    if (offset !== metaOffset) {
      // Another child still holds the largest gap unless this one beats it.
      if (metaGap > newGap) return;
      // Seeded self-test of the validator (not a historic bug): meta.gap left stale.
      if (!mas.tree.hasFault(FAULTS.selftestParentGapKeepsMetaOffset))
        writeMetaGap(mem, pnode, offset);
    } else if (newGap < metaGap) {
      // The largest gap shrank: find the new largest.
      const best = maMaxGap(mem, pnode);
      newGap = best.gap;
      writeMetaGap(mem, pnode, best.offset);
    }
    if (isRootNode(mem, pnode)) return;
    child = pnode;
    pnode = parentNode(mem, child) as MapleNode;
    offset = parentSlot(mem, child);
  }
}

/** mas_update_gap: after a change in mas.node, fix its parent's gap (alloc trees, non-root nodes). */
export function masUpdateGap(mas: MaState): void {
  const tree = mas.tree;
  if (!tree.isAlloc) return;
  const mem = tree.mem;
  const node = mas.node as MapleNode;
  if (isRootNode(mem, node)) return;
  const maxGap = masMaxGap(mas);
  const pslot = parentSlot(mem, node);
  const pGap = readGap(mem, parentNode(mem, node) as MapleNode, pslot);
  if (pGap !== maxGap) masParentGap(mas, pslot, maxGap);
}
