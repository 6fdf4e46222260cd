/**
 * The writer's walk from mas.node down to the leaf that holds mas.index. Writers hold the
 * lock, so they never check for dead nodes.
 */
import { isLeafType, type MapleNode } from "../node.js";
import { dataEnd, readPivot, readSlot, safeMin } from "../node-access.js";
import { ULONG_MAX } from "../u64.js";
import type { MaWrState } from "./wr-state.js";

/**
 * mas_wr_node_walk: from mas.offset, find the slot whose range holds mas.index (or the last
 * slot) and record its range; also caches the node's data end in mas.end.
 */
export function masWrNodeWalk(wrMas: MaWrState): void {
  const mas = wrMas.mas;
  const mem = mas.tree.mem;
  const node = mas.node as MapleNode;
  wrMas.node = node;
  const count = dataEnd(mem, node, mas.max);
  mas.end = count;
  let offset = mas.offset;
  let pivot = 0n;
  const index = mas.index;
  while (offset < count) {
    pivot = readPivot(mem, node, offset);
    if (index <= pivot) break;
    offset++;
  }
  wrMas.rMax = offset < count ? pivot : mas.max;
  wrMas.rMin = safeMin(mas, node, offset);
  wrMas.offsetEnd = offset;
  mas.offset = offset;
}

/**
 * mas_is_span_wr: does [index, last] reach past this slot (internal node) or this leaf? A NULL
 * write that ends exactly at a leaf's max also counts, unless it is the rightmost leaf: a
 * non-rightmost leaf may not end in NULL.
 */
export function masIsSpanWr(wrMas: MaWrState): boolean {
  const mas = wrMas.mas;
  const last = mas.last;
  let max = wrMas.rMax;
  if (last < max) return false;
  if (isLeafType(wrMas.type)) {
    max = mas.max;
    if (last < max) return false;
  }
  if (last === max && (wrMas.entry !== null || last === ULONG_MAX)) return false;
  return true;
}

/** mas_wr_walk_descend */
export function masWrWalkDescend(wrMas: MaWrState): void {
  wrMas.type = (wrMas.mas.node as MapleNode).type;
  masWrNodeWalk(wrMas);
}

/** mas_wr_walk_traverse: step into the child found at mas.offset (held in wrMas.content). */
export function masWrWalkTraverse(wrMas: MaWrState): void {
  const mas = wrMas.mas;
  mas.max = wrMas.rMax;
  mas.min = wrMas.rMin;
  mas.node = wrMas.content as MapleNode;
  mas.offset = 0;
  mas.depth++;
}

/** mas_wr_walk: descend to the leaf; false when the write spans nodes (mas stays where it spans). */
export function masWrWalk(wrMas: MaWrState): boolean {
  const mas = wrMas.mas;
  const mem = mas.tree.mem;
  for (;;) {
    masWrWalkDescend(wrMas);
    if (masIsSpanWr(wrMas)) return false;
    wrMas.content = readSlot(mem, wrMas.node as MapleNode, mas.offset);
    if (isLeafType(wrMas.type)) return true;
    masWrWalkTraverse(wrMas);
  }
}

/** mas_wr_walk_index: descend to the leaf holding mas.index, ignoring where mas.last ends. */
export function masWrWalkIndex(wrMas: MaWrState): void {
  const mas = wrMas.mas;
  const mem = mas.tree.mem;
  for (;;) {
    masWrWalkDescend(wrMas);
    wrMas.content = readSlot(mem, wrMas.node as MapleNode, mas.offset);
    if (isLeafType(wrMas.type)) return;
    masWrWalkTraverse(wrMas);
  }
}
