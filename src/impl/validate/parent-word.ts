import type { NodeMemory } from "../memory.js";
import { type MapleNode, ParentPtr } from "../node.js";
import { readParentWord } from "../node-access.js";

/**
 * The parent node and slot as the kernel decodes a parent word (mte_parent, mte_parent_slot).
 * A dead node's parent word is the node itself, which decodes as "parent = this node, slot 0";
 * anything else that is not a parent pointer decodes as no parent.
 */
export function decodeParent(
  mem: NodeMemory,
  n: MapleNode,
): { node: MapleNode | null; slot: number } {
  const w = readParentWord(mem, n);
  if (w instanceof ParentPtr) return { node: w.node, slot: w.slot };
  if (w === n) return { node: n, slot: 0 };
  return { node: null, slot: 0 };
}
