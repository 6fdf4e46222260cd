/**
 * Filling a big node: the leaf with the write applied (mas_store_b_node), and one new child
 * appended at a time when building the parent level (mab_set_b_end).
 */
import type { MaybeEntry } from "../entry.js";
import type { MaState } from "../ma-state.js";
import type { MapleNode, Word } from "../node.js";
import { readSlot, safePivot } from "../node-access.js";
import { inc64, sub64 } from "../u64.js";
import type { BigNode } from "./big-node.js";
import { masMabCp } from "./big-node-copy.js";
import { masMaxGap } from "./gaps.js";
import type { MaWrState } from "./wr-state.js";

/**
 * mas_store_b_node: b := the leaf's slots before the write, a head remnant of the old range,
 * the new entry at [index, last] (mas.offset becomes its position), a tail remnant, and the
 * slots after offsetEnd. b.bEnd ends as the index of the last entry.
 */
export function masStoreBNode(wrMas: MaWrState, b: BigNode, offsetEnd: number): void {
  const mas = wrMas.mas;
  const mem = mas.tree.mem;
  const node = mas.node as MapleNode;
  b.type = wrMas.type;
  let bEnd = 0;
  const slot = mas.offset;
  let piv: bigint;
  if (slot) {
    masMabCp(mas, 0, slot - 1, b, 0);
    bEnd = b.bEnd;
    piv = b.pivot[bEnd - 1];
  } else {
    // Wraps to ULONG_MAX for min 0; the comparison below adds the 1 back.
    piv = sub64(mas.min, 1n);
  }
  if (inc64(piv) < mas.index) {
    // The old range starts before the write: keep its head.
    b.slot[bEnd] = wrMas.content;
    if (wrMas.content === null) b.gap[bEnd] = sub64(sub64(mas.index, 1n), piv);
    b.pivot[bEnd++] = sub64(mas.index, 1n);
  }
  mas.offset = bEnd;
  b.slot[bEnd] = wrMas.entry as Word;
  b.pivot[bEnd] = mas.last;
  if (mas.last >= mas.max) {
    b.bEnd = bEnd;
    return;
  }
  piv = safePivot(mas, node, offsetEnd);
  if (piv > mas.last) {
    // The old range ends after the write: keep its tail.
    if (offsetEnd !== slot) wrMas.content = readSlot(mem, node, offsetEnd);
    b.slot[++bEnd] = wrMas.content;
    if (wrMas.content === null) b.gap[bEnd] = inc64(sub64(piv, mas.last));
    b.pivot[bEnd] = piv;
  }
  const next = offsetEnd + 1;
  if (next > mas.end) {
    b.bEnd = bEnd;
    return;
  }
  masMabCp(mas, next, mas.end + 1, b, ++bEnd);
  b.bEnd--;
}

/** mab_set_b_end: append the child mas.node (if any) with its max and, in alloc trees, its largest gap. */
export function mabSetBEnd(b: BigNode, mas: MaState, entry: MaybeEntry | MapleNode): void {
  if (entry === null) return;
  b.slot[b.bEnd] = entry as Word;
  if (mas.tree.isAlloc) b.gap[b.bEnd] = masMaxGap(mas);
  b.pivot[b.bEnd++] = mas.max;
}
