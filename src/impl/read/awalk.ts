/** Forward gap search: mas_anode_descend, mas_skip_node and mas_awalk (under the tree lock). */

import { EBUSY } from "../constants.js";
import { FAULTS } from "../faults.js";
import type { MaState } from "../ma-state.js";
import { isLeafType, type MapleNode } from "../node.js";
import {
  dataEnd,
  isRootNode,
  masAscend,
  masDataEnd,
  readGap,
  readPivot,
  readSlot,
  safePivot,
} from "../node-access.js";
import { type Index, inc64, sub64 } from "../u64.js";
import { looseMin, pivotAlias } from "./alias-word.js";
import { masMn } from "./cursor-node.js";
import { asChild } from "./walk.js";

/** The old mas_safe_pivot: the pivot word, or the node's max past the last pivot. */
function rawPivot(mas: MaState, node: MapleNode, offset: number): Index {
  return offset < node.layout.pivots ? readPivot(mas.tree.mem, node, offset) : mas.max;
}

const minOf = (a: Index, b: Index): Index => (a < b ? a : b);
const maxOf = (a: Index, b: Index): Index => (a > b ? a : b);

/**
 * mas_anode_descend: in the current node, find the first slot from mas.offset whose gap can
 * hold `size` within [mas.index, mas.last]; descend into it, or stop on a leaf. Returns true
 * when done (found in a leaf, at the root with nothing left, or -EBUSY set).
 */
export function masAnodeDescend(mas: MaState, size: Index): boolean {
  const mem = mas.tree.mem;
  if (mas.node === null) return denseStop(mas);
  const node: MapleNode = mas.node;
  const hasGaps = node.layout.gapBase >= 0;
  const leaf = isLeafType(node.type);
  let offset = mas.offset;
  let min = looseMin(mas, node, offset);
  // The historic loop ran to the slot capacity on raw pivots and stopped at a zero one, so
  // a last range whose bound is implied by the parent was never looked at.
  const rawLoop = mas.tree.hasFault(FAULTS.awalkLoopToCapacityRawPivot);
  const end = rawLoop ? node.layout.slots - 1 : dataEnd(mem, node, mas.max);
  let found = false;
  for (; offset <= end; offset++) {
    const pivot = rawLoop ? rawPivot(mas, node, offset) : safePivot(mas, node, offset);
    if (rawLoop && offset > 0 && pivot === 0n) break;
    if (mas.index <= pivot) {
      let gap: Index | null = null;
      if (hasGaps) gap = readGap(mem, node, offset);
      else if (readSlot(mem, node, offset) === null)
        gap = inc64(sub64(minOf(pivot, mas.last), maxOf(mas.index, min)));
      if (gap !== null && gap >= size) {
        if (leaf) {
          found = true;
          mas.offset = offset;
          return found;
        }
        if (mas.index <= pivot) {
          mas.node = asChild(readSlot(mem, node, offset), "mas_anode_descend");
          mas.min = min;
          mas.max = pivot;
          offset = 0;
          break;
        }
      }
    }
    min = inc64(pivot);
    if (mas.last <= pivot) {
      mas.setErr(EBUSY);
      return true;
    }
  }
  if (isRootNode(mem, masMn(mas, "mas_anode_descend"))) found = true;
  mas.offset = offset;
  return found;
}

/**
 * A state without a node (a search continued from a status that has none) decodes its NULL
 * enode as a dense node, type 0: the gap walks stop at once with offset = index - min, as a
 * u8. Nothing is dereferenced until the caller uses the node.
 */
export function denseStop(mas: MaState): boolean {
  mas.offset = Number(sub64(mas.index, mas.min) & 0xffn);
  return true;
}

/** mas_skip_node: move past the current node to the next slot of an ancestor; -EBUSY at the end. */
export function masSkipNode(mas: MaState): boolean {
  if (mas.isErr()) return false;
  if (mas.tree.hasFault(FAULTS.skipNodeUsesCapacityNotDataEnd)) return masSkipNodeByCapacity(mas);
  do {
    if (isRootNode(mas.tree.mem, masMn(mas, "mas_skip_node"))) {
      if (mas.offset >= masDataEnd(mas)) {
        mas.setErr(EBUSY);
        return false;
      }
    } else {
      masAscend(mas);
    }
  } while (mas.offset >= masDataEnd(mas));
  mas.offset++;
  return true;
}

/**
 * The historic mas_skip_node: the node's slot capacity bounds the move right instead of its
 * data end, and min/max are reset from raw pivots (zero past the data end).
 */
function masSkipNodeByCapacity(mas: MaState): boolean {
  const mem = mas.tree.mem;
  let node = masMn(mas, "mas_skip_node");
  let slotCount = node.layout.slots - 1;
  let slot: number;
  do {
    if (isRootNode(mem, node)) {
      slot = mas.offset;
      if (slot > slotCount) {
        mas.setErr(EBUSY);
        return false;
      }
    } else {
      masAscend(mas);
      slot = mas.offset;
      node = masMn(mas, "mas_skip_node");
      slotCount = node.layout.slots - 1;
    }
  } while (slot > slotCount);
  mas.offset = ++slot;
  // pivots[slot_count] is one past a full node's pivot array: the kernel read the next word.
  if (slot > 0) mas.min = inc64(pivotAlias(mas, node, slot - 1));
  if (slot <= slotCount) mas.max = pivotAlias(mas, node, slot);
  return true;
}

/** mas_awalk: descend and skip until a leaf gap of `size` in [mas.index, mas.last] is found. */
export function masAwalk(mas: MaState, size: Index): void {
  let last: MapleNode | null = null;
  while (!mas.isErr() && !masAnodeDescend(mas, size)) {
    if (last === mas.node) masSkipNode(mas);
    else last = mas.node;
  }
}
