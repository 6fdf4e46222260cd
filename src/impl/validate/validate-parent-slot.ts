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
  r.bug(CHECK, 7419, node === parent, () => `${nodeName(node)} is its own parent`);
  for (let i = 0; i < parent.layout.slots; i++) {
    const w = readSlot(mem, parent, i);
    if (i === pSlot) {
      r.bug(
        CHECK,
        7429,
        w !== node,
        () => `parent ${nodeName(parent)}[${i}] does not hold ${nodeName(node)}`,
      );
    } else {
      r.bug(
        CHECK,
        7433,
        w === node,
        () => `${nodeName(node)} also in parent ${nodeName(parent)}[${i}], parent slot ${pSlot}`,
      );
    }
  }
}
