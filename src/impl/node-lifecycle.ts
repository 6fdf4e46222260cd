/**
 * Node lifetimes: allocation, publication, death, retirement and freeing. A replaced node is
 * published over with one pointer store, marked dead, and then freed: after a grace period in
 * RCU mode (ma_free_rcu), at once otherwise (mas_free pushes it back to be freed when the
 * operation ends). Freed nodes are poisoned so a reader that keeps using one is caught.
 */
import type { NodeType } from "./constants.js";
import type { MaState } from "./ma-state.js";
import { MapleNode, NodeLife, POISON, POISON_INDEX } from "./node.js";
import { isDeadNode } from "./node-access.js";
import type { MapleTree } from "./tree.js";

/** mt_alloc_one: a zeroed node of `type`. */
export function allocNode(tree: MapleTree, type: NodeType): MapleNode {
  const layout = tree.layouts[type];
  if (layout === null) throw new Error("dense nodes are not modelled");
  // Per-tree numbering: the same operations name the same nodes, run after run.
  const node = new MapleNode(layout, ++tree.nodesAllocated);
  tree.nodesLive++;
  tree.observer.allocated?.(node);
  return node;
}

/**
 * The words call_rcu writes into a dead node: struct rcu_head overlays pivot[0] and
 * pivot[1] (bytes 8..23). Their values are kernel pointers, huge numbers when read as
 * pivots.
 */
export const RCU_HEAD_NEXT = 0xffff888000000000n;
export const RCU_HEAD_FUNC = 0xffffffff81000000n;

/** kmem_cache_free: every word of the node becomes poison. */
export function freeNode(tree: MapleTree, node: MapleNode): void {
  const mem = tree.mem;
  const l = node.layout;
  for (let i = 0; i < l.words; i++) {
    const isIndexWord =
      (i >= l.pivotBase && i < l.pivotBase + l.pivots) ||
      (l.gapBase >= 0 && i >= l.gapBase && i < l.gapBase + l.slots);
    mem.write(node, i, isIndexWord ? POISON_INDEX : POISON);
  }
  node.life = NodeLife.freed;
  // Every free counts, a double one too, as the harness's counter does.
  tree.nodesLive--;
  tree.observer.freed?.(node);
}

/** ma_free_rcu: queue a dead node to be freed after a grace period. */
export function retireNode(tree: MapleTree, node: MapleNode): void {
  if (!isDeadNode(tree.mem, node)) throw new Error(`retiring node #${node.id} that is not dead`);
  const mem = tree.mem;
  const l = node.layout;
  if (l.pivots >= 2) {
    mem.write(node, l.pivotBase, RCU_HEAD_NEXT);
    mem.write(node, l.pivotBase + 1, RCU_HEAD_FUNC);
  }
  node.life = NodeLife.retired;
  tree.observer.retired?.(node);
  tree.rcu.callRcu(() => freeNode(tree, node));
}

/** mas_free: RCU mode defers the free past a grace period; otherwise the node is freed now. */
export function masFree(mas: MaState, node: MapleNode): void {
  if (mas.tree.inRcu) retireNode(mas.tree, node);
  else freeNode(mas.tree, node);
}
