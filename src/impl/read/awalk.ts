/** Forward gap search: mas_anode_descend, mas_skip_node and mas_awalk (under the tree lock). */
import { EBUSY } from "../constants.js";
import type { MaState } from "../ma-state.js";
import { isLeafType, type MapleNode } from "../node.js";
import {
  dataEnd,
  isRootNode,
  masAscend,
  masDataEnd,
  readGap,
  readSlot,
  safeMin,
  safePivot,
} from "../node-access.js";
import { add64, type Index, sub64 } from "../u64.js";
import { masMn } from "./cursor-node.js";
import { asChild } from "./walk.js";

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
  let min = safeMin(mas, node, offset);
  const end = dataEnd(mem, node, mas.max);
  let found = false;
  for (; offset <= end; offset++) {
    const pivot = safePivot(mas, node, offset);
    if (mas.index <= pivot) {
      let gap: Index | null = null;
      if (hasGaps) gap = readGap(mem, node, offset);
      else if (readSlot(mem, node, offset) === null)
        gap = add64(sub64(minOf(pivot, mas.last), maxOf(mas.index, min)), 1n);
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
    min = add64(pivot, 1n);
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

/** mas_awalk: descend and skip until a leaf gap of `size` in [mas.index, mas.last] is found. */
export function masAwalk(mas: MaState, size: Index): void {
  let last: MapleNode | null = null;
  while (!mas.isErr() && !masAnodeDescend(mas, size)) {
    if (last === mas.node) masSkipNode(mas);
    else last = mas.node;
  }
}
