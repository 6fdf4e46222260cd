/**
 * The write dispatcher's entries into the big-node machinery: wr_split_store and
 * wr_rebalance (mas_wr_bnode) and wr_spanning_store.
 */
import { StoreType } from "../constants.js";
import { newBigNode, releaseBigNode } from "./big-node.js";
import { masStoreBNode } from "./big-node-fill.js";
import { masRebalance } from "./rebalance.js";
import { masSplit } from "./split.js";
import type { MaWrState } from "./wr-state.js";

export { masWrSpanningStore } from "./spanning-store.js";

/** mas_wr_bnode: the leaf with the write applied goes into a big node, then split or rebalance. */
export function masWrBnode(wrMas: MaWrState): void {
  const tree = wrMas.mas.tree;
  const b = newBigNode(tree);
  masStoreBNode(wrMas, b, wrMas.offsetEnd);
  // mas_commit_b_node
  const type = wrMas.mas.storeType;
  if (type === StoreType.rebalance) masRebalance(wrMas.mas, b);
  // Anything else is a kernel warning; the kernel splits.
  else masSplit(wrMas.mas, b);
  releaseBigNode(tree, b);
}
