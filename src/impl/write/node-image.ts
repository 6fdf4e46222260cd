/**
 * Copying a finished node image over a live node (the non-RCU node store's memcpy). The kernel
 * gives no order for memcpy's word stores: the copy is one function, and a tree can be given
 * another word order (setNodeImageCopyOrder) so that an explorer can try them. The default is
 * forward.
 */
import { MapleNode } from "../node.js";
import type { MapleTree } from "../tree.js";

/** A scratch node: built off-tree like the kernel's zeroed on-stack `struct maple_node`. */
export function scratchNode(like: MapleNode): MapleNode {
  return new MapleNode(like.layout, 0);
}

/** Which permutation of the word indices 0..words-1 a node-image copy stores in. */
export type CopyOrder = (words: number) => readonly number[];

const forwardOrders = new Map<number, readonly number[]>();

/** 0, 1, ..., n - 1 (one shared, frozen list per node size: copies only read it). */
export const forwardOrder: CopyOrder = (words) => {
  let order = forwardOrders.get(words);
  if (order === undefined) {
    order = Object.freeze(Array.from({ length: words }, (_, i) => i));
    forwardOrders.set(words, order);
  }
  return order;
};

const copyOrders = new WeakMap<MapleTree, CopyOrder>();

/** Use `order` for this tree's in-place node stores (null restores forward order). */
export function setNodeImageCopyOrder(tree: MapleTree, order: CopyOrder | null): void {
  if (order === null) copyOrders.delete(tree);
  else copyOrders.set(tree, order);
}

/** memcpy(live, image, sizeof(struct maple_node)), one word store at a time through tree.mem. */
export function copyNodeImage(tree: MapleTree, live: MapleNode, image: MapleNode): void {
  const mem = tree.mem;
  const order = copyOrders.get(tree) ?? forwardOrder;
  const words = order(live.layout.words);
  if (words.length !== live.layout.words)
    throw new RangeError(
      `copy order of ${words.length} words for a ${live.layout.words}-word node`,
    );
  tree.observer.copyBegin?.(live);
  for (const i of words) mem.write(live, i, image.words[i]);
  tree.observer.copyEnd?.(live);
}
