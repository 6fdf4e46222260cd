import type { MaState } from "../ma-state.js";
import type { MapleNode } from "../node.js";
import { masDataEnd, readPivot, readSlot, safePivot } from "../node-access.js";
import { nodeName, type ViolationReport } from "./report.js";

const CHECK = "mas_validate_limits";

/**
 * mas_validate_limits: pivots ascend within [min, max] with no zero pivot after slot 0, the
 * data end is the slot holding max, and nothing is stored past it.
 */
export function masValidateLimits(mas: MaState, r: ViolationReport): void {
  const mem = mas.tree.mem;
  const node = mas.node as MapleNode;
  const l = node.layout;
  const at = (i: number) => `${nodeName(node)}[${i}]`;
  let prev = 0n;
  let i: number;
  for (i = 0; i < l.slots; i++) {
    const piv = safePivot(mas, node, i);
    r.warn(CHECK, 7498, piv === 0n && i !== 0, () => `${at(i)}: missing node limit pivot`);
    r.warn(CHECK, 7504, prev > piv, () => `${at(i)}: pivot ${piv} < previous pivot ${prev}`);
    r.warn(CHECK, 7510, piv < mas.min, () => `${at(i)}: pivot ${piv} < node min ${mas.min}`);
    r.warn(CHECK, 7515, piv > mas.max, () => `${at(i)}: pivot ${piv} > node max ${mas.max}`);
    prev = piv;
    if (piv === mas.max) break;
  }
  const end = masDataEnd(mas);
  const last = i;
  r.bug(
    CHECK,
    7525,
    end !== last,
    () => `${nodeName(node)}: data end ${end} != last slot offset ${last}`,
  );
  for (i += 1; i < l.slots; i++) {
    const entry = readSlot(mem, node, i);
    const j = i;
    r.bug(
      CHECK,
      7534,
      entry !== null && i !== l.slots - 1,
      () => `${at(j)}: should not hold an entry`,
    );
    if (i < l.pivots) {
      const piv = readPivot(mem, node, i);
      if (!piv) continue;
      r.warn(CHECK, 7545, i < l.pivots - 1, () => `${at(j)}: should not have pivot ${piv}`);
    }
  }
}
