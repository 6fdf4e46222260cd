/**
 * Copying a finished node image over a live node (the non-RCU node store's memcpy). The kernel
 * gives no order for memcpy's word stores: the copy is one function, and a tree can be given
 * another word order (setNodeImageCopyOrder) so that an explorer can try them. The default is
 * forward.
 */
import type { NodeLayout } from "../geometry.js";
import { clearWords, MapleNode, type Word } from "../node.js";
import type { MapleTree } from "../tree.js";

/**
 * Each tree's scratch nodes, one per layout. A node store needs one every time and drops it
 * right after the copy, so reusing it (zeroed again, as the kernel's stack node is) spares the
 * allocator and the garbage collector on the commonest write.
 */
const scratchNodes = new WeakMap<MapleTree, Map<NodeLayout, MapleNode>>();

/** A scratch node: built off-tree like the kernel's zeroed on-stack `struct maple_node`. */
export function scratchNode(tree: MapleTree, like: MapleNode): MapleNode {
  let byLayout = scratchNodes.get(tree);
  if (byLayout === undefined) {
    byLayout = new Map();
    scratchNodes.set(tree, byLayout);
  }
  const spare = byLayout.get(like.layout);
  if (spare === undefined) {
    const node = new MapleNode(like.layout, 0);
    byLayout.set(like.layout, node);
    return node;
  }
  clearWords(spare);
  return spare;
}

/** Which permutation of the word indices 0..words-1 a node-image copy stores in. */
export type CopyOrder = (words: number) => readonly number[];

const copyOrders = new WeakMap<MapleTree, CopyOrder>();

/** Use `order` for this tree's in-place node stores (null restores forward order). */
export function setNodeImageCopyOrder(tree: MapleTree, order: CopyOrder | null): void {
  if (order === null) copyOrders.delete(tree);
  else copyOrders.set(tree, order);
}

/** memcpy(live, image, sizeof(struct maple_node)), one word store at a time through tree.mem. */
export function copyNodeImage(tree: MapleTree, live: MapleNode, image: MapleNode): void {
  const mem = tree.mem;
  const n = live.layout.words;
  const order = copyOrders.get(tree);
  if (order === undefined) {
    // Forward order, the default: a plain loop (no order list), since every non-RCU node
    // store ends here.
    tree.observer.copyBegin?.(live);
    for (let i = 0; i < n; i++) mem.write(live, i, image.words[i] as Word);
    tree.observer.copyEnd?.(live);
    return;
  }
  const words = order(n);
  if (words.length !== live.layout.words)
    throw new RangeError(
      `copy order of ${words.length} words for a ${live.layout.words}-word node`,
    );
  tree.observer.copyBegin?.(live);
  for (const i of words) mem.write(live, i, image.words[i]);
  tree.observer.copyEnd?.(live);
}
