/** Reverse gap search: mas_rev_awalk and mas_rewind_node (under the tree lock). */
import { EBUSY } from "../constants.js";
import { FAULTS } from "../faults.js";
import type { MaState } from "../ma-state.js";
import { isLeafType } from "../node.js";
import {
  isRootNode,
  masAscend,
  masDataEnd,
  readGap,
  readPivot,
  readSlot,
  safePivot,
} from "../node-access.js";
import { add64, type Index, inc64, sub64 } from "../u64.js";
import { looseMin } from "./alias-word.js";
import { denseStop } from "./awalk.js";
import { masMn } from "./cursor-node.js";
import { asChild } from "./walk.js";

/** The window mas_rev_awalk found in a leaf: [min, max]. */
export interface GapWindow {
  min: Index;
  max: Index;
}

/**
 * mas_rev_awalk: scan the current node downwards from mas.offset for the highest slot whose
 * gap holds `size` inside [mas.index, mas.last]. Returns true when done (found in a leaf, or
 * an error set); false after descending or when the caller must rewind to an ancestor.
 */
export function masRevAwalk(mas: MaState, size: Index, out: GapWindow): boolean {
  if (mas.isErr()) return true;
  if (mas.node === null) return denseStop(mas);
  const mem = mas.tree.mem;
  const node = mas.node;
  const hasGaps = node.layout.gapBase >= 0;
  let gap = 0n;
  let offset = mas.offset;
  let min = looseMin(mas, node, offset);
  // Skip the slots above the window. The offset is a u8: stepping below 0 wraps to 255 and
  // reads far past the node, as the kernel does on a state that does not fit the window.
  while (mas.last < min) {
    offset = (offset - 1) & 0xff;
    min = looseMin(mas, node, offset);
  }
  let max = safePivot(mas, node, offset);
  let ascend = false;
  // Room below the window's top is last - min + 1; the planted fault forgets the + 1.
  const fitSlack = mas.tree.hasFault(FAULTS.plantedRevGapFitOffByOne) ? 0n : 1n;
  while (mas.index <= max) {
    gap = 0n;
    if (hasGaps) gap = readGap(mem, node, offset);
    else if (readSlot(mem, node, offset) === null) gap = inc64(sub64(max, min));
    if (gap) {
      if (size <= gap && size <= add64(sub64(mas.last, min), fitSlack)) break;
      if (!hasGaps) {
        // A NULL slot is never next to another NULL slot: skip the neighbour too.
        if (offset < 2) {
          ascend = true;
          break;
        }
        offset -= 2;
        max = readPivot(mem, node, offset);
        min = looseMin(mas, node, offset);
        continue;
      }
    }
    if (!offset) {
      ascend = true;
      break;
    }
    offset--;
    max = sub64(min, 1n);
    min = looseMin(mas, node, offset);
  }
  if (ascend) {
    if (!isRootNode(mem, node)) return false;
    mas.setErr(EBUSY);
    return false;
  }
  // The window's lower bound must hold the whole request (the fault skips this check).
  const checkLower = !mas.tree.hasFault(FAULTS.revGapIgnoresLowerBound);
  if (checkLower && (mas.index > max || sub64(size, 1n) > sub64(max, mas.index))) {
    mas.setErr(EBUSY);
    return false;
  }
  if (isLeafType(node.type)) {
    mas.offset = offset;
    out.min = min;
    out.max = sub64(add64(min, gap), 1n);
    return true;
  }
  mas.node = asChild(readSlot(mem, node, offset), "mas_rev_awalk");
  mas.min = min;
  mas.max = max;
  mas.offset = masDataEnd(mas);
  return false;
}

/** mas_rewind_node: step to the previous slot, ascending while at slot 0; false at the root's start. */
export function masRewindNode(mas: MaState): boolean {
  let slot: number;
  do {
    if (isRootNode(mas.tree.mem, masMn(mas, "mas_rewind_node"))) {
      slot = mas.offset;
      if (!slot) return false;
    } else {
      masAscend(mas);
      slot = mas.offset;
    }
  } while (!slot);
  mas.offset = --slot;
  return true;
}
