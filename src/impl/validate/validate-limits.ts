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
  const min = mas.min;
  const max = mas.max;
  let prev = 0n;
  let i: number;
  // Details are made only for a violation (and capture no loop variable).
  for (i = 0; i < l.slots; i++) {
    const piv = safePivot(mas, node, i);
    if (piv === 0n && i !== 0) {
      const j = i;
      r.warn(CHECK, 7498, true, () => `${at(j)}: missing node limit pivot`);
    }
    if (prev > piv) {
      const [j, p] = [i, prev];
      r.warn(CHECK, 7504, true, () => `${at(j)}: pivot ${piv} < previous pivot ${p}`);
    }
    if (piv < min) {
      const j = i;
      r.warn(CHECK, 7510, true, () => `${at(j)}: pivot ${piv} < node min ${min}`);
    }
    if (piv > max) {
      const j = i;
      r.warn(CHECK, 7515, true, () => `${at(j)}: pivot ${piv} > node max ${max}`);
    }
    prev = piv;
    if (piv === mas.max) break;
  }
  const end = masDataEnd(mas);
  const last = i;
  if (end !== last)
    r.bug(
      CHECK,
      7525,
      true,
      () => `${nodeName(node)}: data end ${end} != last slot offset ${last}`,
    );
  for (i += 1; i < l.slots; i++) {
    const entry = readSlot(mem, node, i);
    if (entry !== null && i !== l.slots - 1) {
      const j = i;
      r.bug(CHECK, 7534, true, () => `${at(j)}: should not hold an entry`);
    }
    if (i < l.pivots) {
      const piv = readPivot(mem, node, i);
      if (!piv) continue;
      if (i < l.pivots - 1) {
        const j = i;
        r.warn(CHECK, 7545, true, () => `${at(j)}: should not have pivot ${piv}`);
      }
    }
  }
}
