/**
 * Copies between tree nodes and a big node: mas_mab_cp reads a node's words into the big
 * node, mab_mas_cp writes a range of the big node into a freshly allocated node (which is
 * not yet reachable, so the order of its stores is not visible to readers).
 */
import { NodeType } from "../constants.js";
import { FAULTS } from "../faults.js";
import type { MaState } from "../ma-state.js";
import { isLeafType, type MapleNode } from "../node.js";
import {
  readGap,
  readPivot,
  readSlot,
  safePivot,
  writeGap,
  writeMeta,
  writePivot,
  writeSlot,
} from "../node-access.js";
import type { BigNode } from "./big-node.js";

/**
 * mas_mab_cp: copy slots [masStart, masEnd] of mas.node into b from mabStart, stopping early at
 * the node's data end; b.bEnd becomes the next free entry.
 */
export function masMabCp(
  mas: MaState,
  masStart: number,
  masEnd: number,
  b: BigNode,
  mabStart: number,
): void {
  const tree = mas.tree;
  const mem = tree.mem;
  const node = mas.node as MapleNode;
  const pivots = node.layout.pivots;
  let i = masStart;
  let j = mabStart;
  let complete = false;
  if (i === 0) {
    b.pivot[j] = readPivot(mem, node, i++);
    if (i > masEnd) complete = true;
    else j++;
  }
  if (!complete) {
    const pivEnd = Math.min(masEnd, pivots);
    for (; i < pivEnd; i++, j++) {
      b.pivot[j] = readPivot(mem, node, i);
      // A zero pivot past slot 0 marks the end of the data.
      if (b.pivot[j] === 0n) break;
      if (mas.max === b.pivot[j]) {
        complete = true;
        break;
      }
    }
    if (!complete && i <= masEnd) b.pivot[j] = safePivot(mas, node, i);
  }
  b.bEnd = ++j;
  const count = j - mabStart;
  for (let k = 0; k < count; k++) b.slot[mabStart + k] = readSlot(mem, node, masStart + k);
  if (!isLeafType(node.type) && tree.isAlloc) {
    for (let k = 0; k < count; k++) b.gap[mabStart + k] = readGap(mem, node, masStart + k);
  }
}

/** mas_leaf_set_meta: nodes without gaps keep metadata only when the last slot is free for it. */
export function masLeafSetMeta(mas: MaState, node: MapleNode, end: number): void {
  if (end < node.layout.slots - 1) writeMeta(mas.tree.mem, node, 0, end);
}

/**
 * mab_mas_cp: write entries [mabStart, mabEnd] of b into the new node mas.node (at most a
 * node's worth). With newMax, mas.max becomes the last copied pivot. arange64 nodes get their
 * gaps and meta.gap; other nodes get meta.end when there is room for it.
 */
export function mabMasCp(
  b: BigNode,
  mabStart: number,
  mabEnd: number,
  mas: MaState,
  newMax: boolean,
): void {
  const tree = mas.tree;
  const mem = tree.mem;
  const node = mas.node as MapleNode;
  const pivots = node.layout.pivots;
  if (mabEnd - mabStart > pivots) mabEnd--;
  // The last slot may hold metadata from an earlier life: clear it when the node is not full.
  if (readPivot(mem, node, pivots - 1) === 0n) writeSlot(mem, node, pivots, null);
  let i = mabStart;
  let j = 0;
  do {
    // The pivot of a full node's last slot is implied (the kernel's store lands in slot 0,
    // which the slot copy below overwrites).
    if (j < pivots) writePivot(mem, node, j, b.pivot[i]);
    j++;
    i++;
  } while (i <= mabEnd && b.pivot[i] !== 0n);
  for (let k = 0; k < i - mabStart; k++) writeSlot(mem, node, k, b.slot[mabStart + k]);
  if (newMax) mas.max = b.pivot[i - 1];
  const end = j - 1;
  if (!isLeafType(node.type) && tree.isAlloc && node.type === NodeType.arange64) {
    let maxGap = 0n;
    let offset = 0;
    do {
      const g = b.gap[--i];
      writeGap(mem, node, --j, g);
      if (g > maxGap) {
        offset = j;
        maxGap = g;
      }
    } while (j);
    writeMeta(mem, node, offset, end);
    if (end < pivots - 1 && tree.hasFault(FAULTS.selftestArangeCopyFillsLastPivot))
      writePivot(mem, node, pivots - 1, mas.max);
  } else {
    masLeafSetMeta(mas, node, end);
  }
}
