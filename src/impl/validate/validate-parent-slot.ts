import type { MaState } from "../ma-state.js";
import type { MapleNode } from "../node.js";
import { isRootNode, readSlot } from "../node-access.js";
import { decodeParent } from "./parent-word.js";
import { nodeName, type ViolationReport } from "./report.js";

const CHECK = "mas_validate_parent_slot";

/** mas_validate_parent_slot: the parent holds this node in the slot it names, and only there. */
export function masValidateParentSlot(mas: MaState, r: ViolationReport): void {
  const mem = mas.tree.mem;
  const node = mas.node as MapleNode;
  if (isRootNode(mem, node)) return;
  const { node: parent, slot: pSlot } = decodeParent(mem, node);
  if (parent === null) throw new TypeError(`${nodeName(node)}: parent word holds no node`);
  if (node === parent) r.bug(CHECK, 7419, true, () => `${nodeName(node)} is its own parent`);
  // Details are made only for a violation (and capture no loop variable).
  for (let i = 0; i < parent.layout.slots; i++) {
    const w = readSlot(mem, parent, i);
    if (i === pSlot) {
      if (w !== node) {
        const at = i;
        r.bug(
          CHECK,
          7429,
          true,
          () => `parent ${nodeName(parent)}[${at}] does not hold ${nodeName(node)}`,
        );
      }
    } else if (w === node) {
      const at = i;
      r.bug(
        CHECK,
        7433,
        true,
        () => `${nodeName(node)} also in parent ${nodeName(parent)}[${at}], parent slot ${pSlot}`,
      );
    }
  }
}
