import { NodeType } from "../constants.js";
import type { MaState } from "../ma-state.js";
import type { MapleNode } from "../node.js";
import { isRootNode, readGap, readMetaGap, readSlot, safePivot } from "../node-access.js";
import { ULONG_MAX } from "../u64.js";
import { decodeParent } from "./parent-word.js";
import { nodeName, type ViolationReport } from "./report.js";

const CHECK = "mas_validate_gaps";

/** v modulo 2^64; v itself when it is already in range (no new bigint). */
function wrap64(v: bigint): bigint {
  return v >= 0n && v <= ULONG_MAX ? v : v & ULONG_MAX;
}

/**
 * mas_validate_gaps: recompute the node's largest gap (NULL ranges of a leaf, gap words of an
 * arange node), check each gap fits its slot, the metadata gap offset names the largest,
 * gaps past the end are 0, and the parent records the same largest gap.
 */
export function masValidateGaps(mas: MaState, r: ViolationReport): void {
  const mem = mas.tree.mem;
  const node = mas.node as MapleNode;
  const l = node.layout;
  const hasGaps = l.gapBase >= 0;
  let gap = 0n;
  let maxGap = 0n;
  let pStart = mas.min;
  let i: number;
  for (i = 0; i < l.slots; i++) {
    const pEnd = safePivot(mas, node, i);
    // pEnd - pStart + 1 in unsigned long arithmetic (add64/sub64, with one mask at most).
    const span = wrap64(pEnd - pStart + 1n);
    if (!hasGaps) {
      // A non-NULL slot leaves `gap` as it was, as the kernel's loop does.
      if (readSlot(mem, node, i) === null) gap = span;
    } else {
      const entry = readSlot(mem, node, i);
      gap = readGap(mem, node, i);
      // Details are made only for a violation (and capture no loop variable).
      if (entry === null) {
        const at = i;
        r.bug(CHECK, 7348, true, () => `${nodeName(node)}[${at}]: internal slot is NULL`);
      }
      if (gap > span) {
        const [at, g, end, start] = [i, gap, pEnd, pStart];
        r.bug(
          CHECK,
          7354,
          true,
          () => `${nodeName(node)}[${at}]: gap ${g} > ${end} - ${start} + 1`,
        );
      }
    }
    if (gap > maxGap) maxGap = gap;
    pStart = wrap64(pEnd + 1n);
    if (pEnd >= mas.max) break;
  }
  if (node.type === NodeType.arange64) {
    const offset = readMetaGap(mem, node);
    const last = i;
    if (offset > last)
      r.bug(
        CHECK,
        7372,
        true,
        () => `${nodeName(node)}: metadata gap offset ${offset} is past the data (${last})`,
      );
    const g = readGap(mem, node, offset);
    if (g !== maxGap) {
      const largest = maxGap;
      r.bug(
        CHECK,
        7378,
        true,
        () => `${nodeName(node)}[${offset}]: metadata gap ${g} is not the largest gap ${largest}`,
      );
    }
    for (i++; i < l.slots; i++) {
      const gi = readGap(mem, node, i);
      if (gi !== 0n) {
        const at = i;
        r.bug(
          CHECK,
          7385,
          true,
          () => `${nodeName(node)}[${at}]: gap ${gi} beyond the node's data`,
        );
      }
    }
  }
  if (isRootNode(mem, node)) return;
  const { node: parent, slot: pSlot } = decodeParent(mem, node);
  if (maxGap > mas.max) {
    const [largest, max] = [maxGap, mas.max];
    r.bug(CHECK, 7395, true, () => `${nodeName(node)}: largest gap ${largest} > node max ${max}`);
  }
  if (parent === null) throw new TypeError(`${nodeName(node)}: parent word holds no node`);
  const pg = readGap(mem, parent, pSlot);
  if (pg !== maxGap) {
    const largest = maxGap;
    r.bug(CHECK, 7399, true, () => `parent ${nodeName(parent)}[${pSlot}]: gap ${pg} != ${largest}`);
  }
}
