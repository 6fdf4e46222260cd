/**
 * Copying a finished node image over a live node (the non-RCU node store's memcpy). The kernel
 * gives no order for memcpy's word stores; the copy is one function taking the order so that
 * an explorer can try others. The default is forward.
 */
import { MapleNode } from "../node.js";
import type { MapleTree } from "../tree.js";

/** A scratch node: built off-tree like the kernel's zeroed on-stack `struct maple_node`. */
export function scratchNode(like: MapleNode): MapleNode {
  return new MapleNode(like.layout);
}

/** 0, 1, ..., n - 1 */
export function forwardOrder(words: number): number[] {
  return Array.from({ length: words }, (_, i) => i);
}

/** Word-order hook: which permutation of word indices a node-image copy uses. */
export type CopyOrder = (words: number) => readonly number[];

/** memcpy(live, image, sizeof(struct maple_node)), one word store at a time through tree.mem. */
export function copyNodeImage(
  tree: MapleTree,
  live: MapleNode,
  image: MapleNode,
  order: CopyOrder = forwardOrder,
): void {
  const mem = tree.mem;
  const n = live.layout.words;
  tree.observer.copyBegin?.(live);
  for (const i of order(n)) mem.write(live, i, image.words[i]);
  tree.observer.copyEnd?.(live);
}
