/**
 * What a write does to its leaf: where it ends (offset_end, end_piv), how a NULL write widens
 * to swallow neighbouring NULL ranges, and the leaf's data end afterwards.
 */
import { FAULTS } from "../faults.js";
import type { MapleNode } from "../node.js";
import { readPivot, readSlot, safeMin } from "../node-access.js";
import type { MaWrState } from "./wr-state.js";

/** mas_wr_end_piv: the slot holding mas.last and that slot's upper bound. */
export function masWrEndPiv(wrMas: MaWrState): void {
  const mas = wrMas.mas;
  const mem = mas.tree.mem;
  const node = wrMas.node as MapleNode;
  while (wrMas.offsetEnd < mas.end && mas.last > readPivot(mem, node, wrMas.offsetEnd))
    wrMas.offsetEnd++;
  wrMas.endPiv = wrMas.offsetEnd < mas.end ? readPivot(mem, node, wrMas.offsetEnd) : mas.max;
}

/**
 * mas_wr_extend_null: a NULL write takes over the NULL ranges it touches, so that two NULL
 * ranges never sit side by side.
 */
export function masWrExtendNull(wrMas: MaWrState): void {
  const mas = wrMas.mas;
  const mem = mas.tree.mem;
  const node = wrMas.node as MapleNode;
  if (readSlot(mem, node, wrMas.offsetEnd) === null) {
    // The range holding last is NULL already: it ends the write.
    mas.last = wrMas.endPiv;
  } else if (
    mas.last === wrMas.endPiv &&
    mas.end !== wrMas.offsetEnd &&
    readSlot(mem, node, wrMas.offsetEnd + 1) === null
  ) {
    // The write ends on a boundary and the next range is NULL.
    wrMas.offsetEnd++;
    mas.last = wrMas.offsetEnd === mas.end ? mas.max : readPivot(mem, node, wrMas.offsetEnd);
    wrMas.endPiv = mas.last;
  }
  if (wrMas.content === null) {
    mas.index = wrMas.rMin;
  } else if (
    mas.index === wrMas.rMin &&
    mas.offset !== 0 &&
    !mas.tree.hasFault(FAULTS.selftestExtendNullSkipsPrevious) &&
    readSlot(mem, node, mas.offset - 1) === null
  ) {
    // The write starts on a boundary and the previous range is NULL.
    mas.offset--;
    wrMas.rMin = safeMin(mas, node, mas.offset);
    mas.index = wrMas.rMin;
    wrMas.rMax = readPivot(mem, node, mas.offset);
  }
}

/** mas_wr_new_end: the data end after the write (plus one per remnant, minus swallowed slots). */
export function masWrNewEnd(wrMas: MaWrState): number {
  const mas = wrMas.mas;
  let newEnd = mas.end + 2;
  newEnd -= wrMas.offsetEnd - mas.offset;
  if (wrMas.rMin === mas.index) newEnd--;
  if (wrMas.endPiv === mas.last) newEnd--;
  return newEnd;
}
