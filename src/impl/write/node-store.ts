/**
 * mas_wr_node_store: rebuild a leaf with the write applied. In RCU mode the image goes into a
 * new node that replaces the old one with one pointer store; otherwise it is built in a scratch
 * node and copied over the live node word by word, which a lockless reader can see half done.
 */

import { FAULTS } from "../faults.js";
import { DIRECT_MEMORY, type NodeMemory } from "../memory.js";
import type { MapleNode } from "../node.js";
import {
  readParentWord,
  readPivot,
  readSlot,
  writeMeta,
  writePivot,
  writeSlot,
} from "../node-access.js";
import { allocNode } from "../node-lifecycle.js";
import { masUpdateGap } from "./gaps.js";
import { copyNodeImage, scratchNode } from "./node-image.js";
import { masReplaceNode } from "./replace.js";
import type { MaWrState } from "./wr-state.js";

export function masWrNodeStore(wrMas: MaWrState, newEnd: number): void {
  const mas = wrMas.mas;
  const tree = mas.tree;
  const mem = tree.mem;
  const node = wrMas.node as MapleNode;
  const layout = node.layout;
  const nodePivots = layout.pivots;
  const inRcu = tree.inRcu && !tree.hasFault(FAULTS.nodeStoreInPlaceInRcu);
  let offsetEnd = wrMas.offsetEnd;
  // A range that ends exactly where the write ends is overwritten entirely: skip it. (The
  // kernel's bulk-mode bookkeeping for the other case is not modelled.)
  if (mas.last === wrMas.endPiv) offsetEnd++;

  // A fresh node is reachable by nobody yet; a scratch node lives outside tree memory.
  const newNode = inRcu ? allocNode(tree, node.type) : scratchNode(tree, node);
  const dst: NodeMemory = inRcu ? mem : DIRECT_MEMORY;

  dst.write(newNode, 0, readParentWord(mem, node));
  // Everything before the write.
  for (let i = 0; i < mas.offset; i++) writePivot(dst, newNode, i, readPivot(mem, node, i));
  for (let i = 0; i < mas.offset; i++) writeSlot(dst, newNode, i, readSlot(mem, node, i));
  // The head remnant of the range the write starts in.
  if (wrMas.rMin < mas.index) {
    writeSlot(dst, newNode, mas.offset, wrMas.content);
    writePivot(dst, newNode, mas.offset++, mas.index - 1n);
  }
  // The write itself.
  if (mas.offset < nodePivots) writePivot(dst, newNode, mas.offset, mas.last);
  writeSlot(dst, newNode, mas.offset, wrMas.entry);

  // Everything after the write (the first range may be a tail remnant).
  if (offsetEnd <= mas.end) {
    const dstOffset = mas.offset + 1;
    const copySize = mas.end - offsetEnd + 1;
    for (let i = 0; i < copySize; i++)
      writeSlot(dst, newNode, dstOffset + i, readSlot(mem, node, offsetEnd + i));
    for (let i = 0; i < copySize - 1; i++) {
      writePivot(dst, newNode, dstOffset + i, readPivot(mem, node, offsetEnd + i));
    }
    if (newEnd < nodePivots) writePivot(dst, newNode, newEnd, mas.max);
  }
  // Self-test fault: the in-place image keeps the live node's pivots past the new data end.
  if (!inRcu && tree.hasFault(FAULTS.selftestNodeStoreKeepsFreedPivots))
    for (let i = newEnd + 1; i < nodePivots; i++)
      writePivot(dst, newNode, i, readPivot(mem, node, i));
  // Self-test fault: ... and its slots there (the last one holds the metadata, written below).
  if (!inRcu && tree.hasFault(FAULTS.selftestNodeStoreKeepsFreedSlots))
    for (let i = newEnd + 1; i < layout.slots - 1; i++)
      writeSlot(dst, newNode, i, readSlot(mem, node, i));
  // mas_leaf_set_meta: a full leaf has no room for metadata.
  if (newEnd < layout.slots - 1) writeMeta(dst, newNode, 0, newEnd);

  if (inRcu) {
    mas.node = newNode;
    masReplaceNode(mas, node);
  } else {
    copyNodeImage(tree, node, newNode);
  }
  masUpdateGap(mas);
  mas.end = newEnd;
}
