import type { MaState } from "../ma-state.js";
import { isLeafType, isNode, type MapleNode } from "../node.js";
import { readPivot, readSlot } from "../node-access.js";
import { NullNodeError } from "../read/cursor-node.js";
import { decodeParent } from "./parent-word.js";
import { nodeName, type ViolationReport } from "./report.js";

const CHECK = "mas_validate_child_slot";

/** mas_validate_child_slot: every child of an internal node points back at it with the right slot. */
export function masValidateChildSlot(mas: MaState, r: ViolationReport): void {
  const mem = mas.tree.mem;
  const node = mas.node as MapleNode;
  if (isLeafType(node.type)) return;
  const l = node.layout;
  for (let i = 0; i < l.slots; i++) {
    const child = readSlot(mem, node, i);
    // The kernel goes on to read the missing child's parent word: a NULL dereference.
    if (child === null) {
      const at = i;
      r.bug(CHECK, 7455, true, () => `${nodeName(node)}[${at}]: internal node lacks a child`);
      throw new NullNodeError(`${CHECK} ${nodeName(node)}[${i}]`);
    }
    if (!isNode(child))
      throw new TypeError(`${nodeName(node)}[${i}]: internal slot holds an entry`);
    const { node: p, slot: ps } = decodeParent(mem, child);
    // Details are made only for a violation (and capture no loop variable).
    if (ps !== i) {
      const at = i;
      r.bug(
        CHECK,
        7462,
        true,
        () => `${nodeName(node)}[${at}]: child ${nodeName(child)} has parent slot ${ps}`,
      );
    }
    if (p !== node)
      r.bug(
        CHECK,
        7469,
        true,
        () => `child ${nodeName(child)} has parent ${nodeName(p)}, not ${nodeName(node)}`,
      );
    if (i < l.pivots && readPivot(mem, node, i) === mas.max) break;
  }
}
