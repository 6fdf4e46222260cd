/**
 * A seeded self-test of the validator (selftest:new-root-last-leaf-one-deeper, not a historic
 * bug): a new internal root's last child, a leaf, is moved one level down, under a one-child
 * internal node of its own. Only the rightmost subtree is off, so only a height check that
 * visits an internal node's last child sees it; the kernel's own checks pass (the rightmost
 * node of a level may hold a single slot, its one pivot is the node's max).
 */
import { isLeafType, isNode, type MapleNode, NodeLife } from "../node.js";
import {
  dataEnd,
  isRootNode,
  readGap,
  readSlot,
  writeGap,
  writeMeta,
  writeParent,
  writePivot,
  writeSlot,
} from "../node-access.js";
import { allocNode } from "../node-lifecycle.js";
import type { MapleTree } from "../tree.js";
import { ULONG_MAX } from "../u64.js";

export function sinkRootLastLeaf(tree: MapleTree, root: MapleNode): void {
  const mem = tree.mem;
  if (!isRootNode(mem, root) || isLeafType(root.type)) return;
  const end = dataEnd(mem, root, ULONG_MAX);
  const leaf = readSlot(mem, root, end);
  if (!isNode(leaf) || !isLeafType(leaf.type)) return;
  const wrap = allocNode(tree, tree.internalType);
  writeSlot(mem, wrap, 0, leaf);
  writePivot(mem, wrap, 0, ULONG_MAX);
  if (wrap.layout.gapBase >= 0) writeGap(mem, wrap, 0, readGap(mem, root, end));
  writeMeta(mem, wrap, 0, 0);
  writeParent(mem, wrap, root, end);
  writeParent(mem, leaf, wrap, 0);
  writeSlot(mem, root, end, wrap);
  wrap.life = NodeLife.live;
}
