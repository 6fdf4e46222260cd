/** Moving a write-side state to a sibling: a node with the same parent, on either side. */
import type { MaState } from "../ma-state.js";
import type { MapleNode } from "../node.js";
import { isRootNode, masAscend, masDataEnd, parentSlot } from "../node-access.js";
import { masDescend } from "../read/walk.js";

/** mas_prev_sibling: move mas to the previous child of its parent; false if it has none. */
export function masPrevSibling(mas: MaState): boolean {
  const mem = mas.tree.mem;
  const node = mas.node as MapleNode;
  const pSlot = parentSlot(mem, node);
  if (isRootNode(mem, node)) return false;
  if (!pSlot) return false;
  masAscend(mas);
  mas.offset = pSlot - 1;
  masDescend(mas);
  return true;
}

/** mas_next_sibling: move mas to the next child of its parent; false (mas unchanged) if none. */
export function masNextSibling(mas: MaState): boolean {
  const mem = mas.tree.mem;
  const node = mas.node as MapleNode;
  if (isRootNode(mem, node)) return false;
  const parent = mas.clone();
  masAscend(parent);
  parent.offset = parentSlot(mem, node) + 1;
  if (parent.offset > masDataEnd(parent)) return false;
  mas.copyFrom(parent);
  masDescend(mas);
  return true;
}
