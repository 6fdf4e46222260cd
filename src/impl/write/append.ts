/**
 * mas_wr_append: a write into the last used slot of a leaf that adds one or two ranges after
 * the existing data, done in place. Not chosen in RCU mode: a reader could pair the new end
 * with old slots.
 */
import { FAULTS } from "../faults.js";
import type { MapleNode } from "../node.js";
import { readPivot, writeMeta, writePivot, writeSlot } from "../node-access.js";
import { masUpdateGap } from "./gaps.js";
import type { MaWrState } from "./wr-state.js";

export function masWrAppend(wrMas: MaWrState, newEnd: number): void {
  const mas = wrMas.mas;
  const mem = mas.tree.mem;
  const node = wrMas.node as MapleNode;
  const end = mas.end;
  // Move the end pivot (the node's max) out first, then the metadata, so the new slots are
  // bounded before they are filled.
  if (newEnd < node.layout.pivots) {
    writePivot(mem, node, newEnd, readPivot(mem, node, end));
    // The planted fault records the data end from before the append.
    writeMeta(mem, node, 0, mas.tree.hasFault(FAULTS.plantedAppendKeepsOldMetaEnd) ? end : newEnd);
  }
  if (newEnd === end + 1) {
    if (mas.last === wrMas.rMax) {
      // The write is the tail of the last range.
      writeSlot(mem, node, newEnd, wrMas.entry);
      writePivot(mem, node, end, mas.index - 1n);
      mas.offset = newEnd;
    } else {
      // The write is the head of the last range.
      writeSlot(mem, node, newEnd, wrMas.content);
      writePivot(mem, node, end, mas.last);
      writeSlot(mem, node, end, wrMas.entry);
    }
  } else {
    // The write sits inside the last range: it splits into three.
    writeSlot(mem, node, newEnd, wrMas.content);
    writePivot(mem, node, end + 1, mas.last);
    writeSlot(mem, node, end + 1, wrMas.entry);
    writePivot(mem, node, end, mas.index - 1n);
    mas.offset = end + 1;
  }
  if (wrMas.content === null || wrMas.entry === null) masUpdateGap(mas);
  mas.end = newEnd;
}
