/**
 * Stores that change a leaf in place without moving its data end: the exact fit (one slot
 * word) and the slot store (one slot word and one or two pivot words).
 */
import { FAULTS } from "../faults.js";
import type { MapleNode } from "../node.js";
import { readSlot, writePivot, writeSlot } from "../node-access.js";
import { masUpdateGap } from "./gaps.js";
import type { MaWrState } from "./wr-state.js";

/** wr_exact_fit: the write covers exactly one existing range; only its slot word changes. */
export function masWrExactFit(wrMas: MaWrState): void {
  const mas = wrMas.mas;
  writeSlot(mas.tree.mem, wrMas.node as MapleNode, mas.offset, wrMas.entry);
  // A gap appeared or vanished only if NULL-ness changed.
  if ((wrMas.entry === null) !== (wrMas.content === null)) masUpdateGap(mas);
}

/**
 * mas_wr_slot_store: the write moves one boundary (cases A and B: two slots involved) or two
 * boundaries (case C: three slots, non-RCU only, since a reader could see one boundary move
 * without the other).
 */
export function masWrSlotStore(wrMas: MaWrState): void {
  const mas = wrMas.mas;
  const tree = mas.tree;
  const mem = tree.mem;
  const node = wrMas.node as MapleNode;
  const offset = mas.offset;
  let gap = readSlot(mem, node, offset) === null;
  // The planted fault never looks at the second slot the write touches.
  if (!tree.hasFault(FAULTS.plantedSlotStoreMissesNextGap))
    gap = readSlot(mem, node, offset + 1) === null || gap;

  if (wrMas.offsetEnd - offset === 1) {
    if (mas.index === wrMas.rMin) {
      // Case A: all of slot offset and the head of the next range.
      writeSlot(mem, node, offset, wrMas.entry);
      writePivot(mem, node, offset, mas.last);
    } else {
      // Case B: the tail of slot offset and all of the next range.
      writeSlot(mem, node, offset + 1, wrMas.entry);
      writePivot(mem, node, offset, mas.index - 1n);
      mas.offset++;
    }
  } else if (!tree.inRcu) {
    // Case C: the tail of offset, all of offset + 1 and the head of offset + 2.
    gap = readSlot(mem, node, offset + 2) === null || gap;
    writeSlot(mem, node, offset + 1, wrMas.entry);
    // Seeded self-test of the validator (not a historic bug): the two boundaries swapped.
    const swap = tree.hasFault(FAULTS.selftestSlotStoreSwapsPivots);
    writePivot(mem, node, offset, swap ? mas.last : mas.index - 1n);
    writePivot(mem, node, offset + 1, swap ? mas.index - 1n : mas.last);
    mas.offset++;
  } else {
    return;
  }
  if (wrMas.entry === null || gap) masUpdateGap(mas);
}
