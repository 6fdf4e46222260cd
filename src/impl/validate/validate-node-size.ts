import type { MaState } from "../ma-state.js";
import type { MapleNode } from "../node.js";
import { isDeadNode, masDataEnd } from "../node-access.js";
import { ULONG_MAX } from "../u64.js";
import { nodeName, type ViolationReport } from "./report.js";

/**
 * The per-node checks mt_validate makes itself: the node is not dead, and a node that is not
 * the rightmost on its level holds at least the minimum number of slots (mt_min_slot_count).
 */
export function mtValidateNodeSize(mas: MaState, r: ViolationReport): void {
  const node = mas.node as MapleNode;
  // Details are made only for a violation.
  if (isDeadNode(mas.tree.mem, node))
    r.warn("mt_validate", 7606, true, () => `${nodeName(node)} is dead but reachable`);
  const end = masDataEnd(mas);
  const min = node.layout.minSlots;
  if (end < min && mas.max !== ULONG_MAX)
    r.warn(
      "mt_validate",
      7608,
      true,
      () => `${nodeName(node)}: invalid size, data end ${end} < ${min}`,
    );
}
