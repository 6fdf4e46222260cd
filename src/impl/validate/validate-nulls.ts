import { MaStatus } from "../constants.js";
import { MaState } from "../ma-state.js";
import type { MapleNode } from "../node.js";
import { masDataEnd, masStart, readSlot } from "../node-access.js";
import { masNextNode } from "../read/next.js";
import type { MapleTree } from "../tree.js";
import { ULONG_MAX } from "../u64.js";
import { descendLeftmost } from "./descend-leftmost.js";
import { nodeName, type ViolationReport } from "./report.js";

const CHECK = "mt_validate_nulls";

/** mt_validate_nulls: walking all leaf slots in order, no two NULL slots are adjacent. */
export function mtValidateNulls(tree: MapleTree, r: ViolationReport, stepLimit: number): void {
  const mas = new MaState(tree, 0n, 0n);
  masStart(mas);
  if (mas.status === MaStatus.none || mas.status === MaStatus.root) return;
  descendLeftmost(mas);
  const mem = tree.mem;
  let last: unknown = 1; // anything non-NULL
  let offset = 0;
  // Bounded in leaves, as the node pass is in nodes: a leaf cycle ends, yet a healthy tree of
  // more than stepLimit slots (6.12 validates one) is walked whole.
  let leaves = 1;
  for (;;) {
    const node = mas.node as MapleNode;
    const entry = readSlot(mem, node, offset);
    if (last === null && entry === null) {
      // The detail is made only for a violation (and captures no loop variable).
      const at = offset;
      r.bug(CHECK, 7571, true, () => `sequential NULLs end at ${nodeName(node)}[${at}]`);
    }
    last = entry;
    if (offset === masDataEnd(mas)) {
      masNextNode(mas, node, ULONG_MAX);
      if (mas.isOverflow()) return;
      if (mas.node === node) {
        // A dead node stops mas_next_node: the kernel would loop here forever.
        r.extra(
          CHECK,
          `the walk does not advance past ${nodeName(node)} (the kernel loops forever here)`,
        );
        return;
      }
      if (++leaves > stepLimit)
        throw new RangeError(`${CHECK}: more than ${stepLimit} leaves (a cycle?)`);
      offset = 0;
    } else {
      offset++;
    }
    if (mas.isOverflow()) return;
  }
}
