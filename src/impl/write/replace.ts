/**
 * Publishing a node built off-tree in place of an old one: one pointer store makes it
 * reachable, then the old node is marked dead so that readers still inside it restart.
 */
import { FAULTS } from "../faults.js";
import type { MaState } from "../ma-state.js";
import { isLeafType, type MapleNode, NodeLife } from "../node.js";
import {
  isRootNode,
  markNodeDead,
  parentNode,
  parentSlot,
  writeRoot,
  writeRootParent,
  writeSlot,
} from "../node-access.js";
import { masFree } from "../node-lifecycle.js";
import type { MapleTree } from "../tree.js";

/** mas_set_height: the tree's height becomes mas.depth. */
export function masSetHeight(mas: MaState): void {
  mas.tree.height = mas.depth;
}

/** rcu_assign_pointer(mt->ma_root, node): the root store that publishes a new root node. */
export function publishRoot(tree: MapleTree, node: MapleNode): void {
  writeRoot(tree, node);
  node.life = NodeLife.live;
  tree.observer.published?.(node, { kind: "root" });
}

/** rcu_assign_pointer(parent->slot[slot], node): the slot store that publishes a new child. */
export function publishInSlot(
  tree: MapleTree,
  parent: MapleNode,
  slot: number,
  node: MapleNode,
): void {
  writeSlot(tree.mem, parent, slot, node);
  node.life = NodeLife.live;
  tree.observer.published?.(node, { kind: "slot", parent, slot });
}

/**
 * mas_put_in_tree: mas.node (whose parent word was copied from oldNode) takes oldNode's place
 * with a single store into the parent's slot or into the root, then oldNode is marked dead.
 */
export function masPutInTree(mas: MaState, oldNode: MapleNode): void {
  const tree = mas.tree;
  const mem = tree.mem;
  const node = mas.node as MapleNode;
  if (isRootNode(mem, node)) {
    writeRootParent(mem, node, tree);
    publishRoot(tree, node);
    masSetHeight(mas);
    // Seeded self-test of the validator (not a historic bug): an internal root one level short.
    if (tree.hasFault(FAULTS.selftestNewRootHeightOneShort) && !isLeafType(node.type))
      tree.height -= 1;
  } else {
    const slot = parentSlot(mem, node);
    const parent = parentNode(mem, node) as MapleNode;
    publishInSlot(tree, parent, slot, node);
    // Seeded self-test of the validator (not a historic bug): a reachable node that is dead.
    if (tree.hasFault(FAULTS.selftestPutInTreeKillsNewNode)) markNodeDead(tree, node);
  }
  markNodeDead(tree, oldNode);
}

/** mas_replace_node: put mas.node in the tree, then free oldNode (after a grace period in RCU mode). */
export function masReplaceNode(mas: MaState, oldNode: MapleNode): void {
  masPutInTree(mas, oldNode);
  masFree(mas, oldNode);
}
