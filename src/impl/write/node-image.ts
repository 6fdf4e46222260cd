/**
 * Copying a finished node image over a live node (the non-RCU node store's memcpy). The kernel
 * gives no order for memcpy's word stores: the copy is one function, and a tree can be given
 * another word order (setNodeImageCopyOrder) so that an explorer can try them. The default is
 * forward.
 */
import { clearWords, MapleNode, type Word } from "../node.js";
import type { MapleTree } from "../tree.js";
import { writeSpares } from "./write-spares.js";

/**
 * A scratch node: built off-tree like the kernel's zeroed on-stack `struct maple_node`. Each
 * tree keeps one per node type (WriteSpares.scratchNodes): a node store needs one every time
 * and drops it right after the copy, so reusing it (zeroed again, as the kernel's stack node
 * is) spares the allocator and the garbage collector on the commonest write.
 */
export function scratchNode(tree: MapleTree, like: MapleNode): MapleNode {
  const byType = writeSpares(tree).scratchNodes;
  const spare = byType[like.type];
  if (spare === null || spare === undefined || spare.layout !== like.layout) {
    const node = new MapleNode(like.layout, 0);
    byType[like.type] = node;
    return node;
  }
  clearWords(spare);
  return spare;
}

/** Which permutation of the word indices 0..words-1 a node-image copy stores in. */
export type CopyOrder = (words: number) => readonly number[];

/** Use `order` for this tree's in-place node stores (null restores forward order). */
export function setNodeImageCopyOrder(tree: MapleTree, order: CopyOrder | null): void {
  writeSpares(tree).copyOrder = order;
}

/** memcpy(live, image, sizeof(struct maple_node)), one word store at a time through tree.mem. */
export function copyNodeImage(tree: MapleTree, live: MapleNode, image: MapleNode): void {
  const mem = tree.mem;
  const n = live.layout.words;
  const order = writeSpares(tree).copyOrder;
  if (order === null) {
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
