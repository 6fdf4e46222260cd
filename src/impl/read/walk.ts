/**
 * Read-side descents: the lockless walks an RCU reader makes from the root to a leaf.
 * Each node word is read once through tree.mem, in the kernel's order, and the node is
 * checked for death after its slot was read; a dead node resets the state so the caller
 * restarts from the root.
 */
import { MaStatus } from "../constants.js";
import type { MaybeEntry } from "../entry.js";
import { FAULTS } from "../faults.js";
import type { MaState } from "../ma-state.js";
import type { NodeMemory } from "../memory.js";
import { isLeafType, isNode, type MapleNode, type Word } from "../node.js";
import { dataEnd, isDeadNode, masStart, readPivot, readSlot, safePivot } from "../node-access.js";
import { type Index, inc64, ULONG_MAX } from "../u64.js";

/** The slot word as an entry; a node pointer here means the caller walked into a leaf wrongly. */
export function asEntry(w: Word): MaybeEntry {
  return w as MaybeEntry;
}

/** The slot word as a child node; anything else is a corrupted or freed internal slot. */
export function asChild(w: Word, where: string): MapleNode {
  if (!isNode(w)) throw new TypeError(`${where}: internal slot does not hold a node`);
  return w;
}

/**
 * mtree_range_walk: descend from mas.node (with mas.min/max) to the leaf slot holding
 * mas.index. On success mas.node is the leaf, offset/end/index/last describe the slot and
 * min/max the leaf's range. On a dead node the state is reset (status start) and null returned.
 */
export function mtreeRangeWalk(mas: MaState): MaybeEntry {
  const mem = mas.tree.mem;
  const skipDead = mas.tree.hasFault(FAULTS.skipDeadCheckFirstEntry);
  let next: Word = mas.node;
  let min = mas.min;
  let max = mas.max;
  let last: MapleNode;
  let node: MapleNode;
  let end: number;
  let offset: number;
  let prevMin: bigint;
  let prevMax: bigint;
  const index = mas.index;
  do {
    node = asChild(next, "mtree_range_walk");
    last = node;
    end = dataEnd(mem, node, max);
    prevMin = min;
    prevMax = max;
    const p0 = readPivot(mem, node, 0);
    if (p0 >= index) {
      offset = 0;
      max = p0;
    } else {
      offset = 1;
      while (offset < end) {
        const p = readPivot(mem, node, offset);
        if (p >= index) {
          max = p;
          break;
        }
        offset++;
      }
      min = inc64(readPivot(mem, node, offset - 1));
    }
    next = readSlot(mem, node, offset);
    if (!skipDead && isDeadNode(mem, node)) {
      mas.reset();
      return null;
    }
  } while (!isLeafType(node.type));

  mas.end = end;
  mas.offset = offset;
  mas.index = min;
  mas.last = max;
  mas.min = prevMin;
  mas.max = prevMax;
  mas.node = last;
  return asEntry(next);
}

/** What lookupFrom answers when it met a dead node: the reader restarts from the root. */
export const DEAD_NODE_MET: unique symbol = Symbol("dead node met");

/**
 * The descent of mtree_lookup_walk from node `next` to index, on locals only (mtree_load
 * runs it without a maple state). Scans all pivots of each node (not just up to the data
 * end) and keeps no range.
 */
export function lookupFrom(
  mem: NodeMemory,
  next: Word,
  index: Index,
): MaybeEntry | typeof DEAD_NODE_MET {
  let node: MapleNode;
  do {
    node = asChild(next, "mtree_lookup_walk");
    // The layout's fields are read once per node (they are not node words): the pivot scan
    // is the hot loop of every mtree_load.
    const layout = node.layout;
    const end = layout.pivots;
    const pivotBase = layout.pivotBase;
    let offset = 0;
    do {
      if ((mem.read(node, pivotBase + offset) as Index) >= index) break;
    } while (++offset < end);
    next = mem.read(node, layout.slotBase + offset);
    if (isDeadNode(mem, node)) return DEAD_NODE_MET;
  } while (!isLeafType(node.type));
  return asEntry(next);
}

/** mtree_lookup_walk: lookupFrom mas.node; a dead node resets the state and gives null. */
export function mtreeLookupWalk(mas: MaState): MaybeEntry {
  const entry = lookupFrom(mas.tree.mem, mas.node, mas.index);
  if (entry === DEAD_NODE_MET) {
    mas.reset();
    return null;
  }
  return entry;
}

/** mas_state_walk: mas_start, then a range walk unless the tree is empty or a root entry. */
export function masStateWalk(mas: MaState): MaybeEntry {
  const entry = masStart(mas);
  if (mas.status === MaStatus.none) return null;
  if (mas.status === MaStatus.root) return asEntry(entry);
  return mtreeRangeWalk(mas);
}

/** mas_walk: find mas.index, setting index/last to the range of the slot (NULL ranges too). */
export function masWalkImpl(mas: MaState): MaybeEntry {
  // The kernel tests `!active || !start`, which always holds: every walk restarts at the root.
  mas.status = MaStatus.start;
  let entry: MaybeEntry;
  for (;;) {
    entry = masStateWalk(mas);
    if (mas.status !== MaStatus.start) break;
  }
  if (mas.status === MaStatus.none) {
    mas.index = 0n;
    mas.last = ULONG_MAX;
  } else if (mas.status === MaStatus.root) {
    if (mas.index === 0n) {
      mas.last = 0n;
      return entry;
    }
    mas.index = 1n;
    mas.last = ULONG_MAX;
    mas.status = MaStatus.none;
    return null;
  }
  return entry;
}

/** mas_rewalk: walk to index again, retrying until no dead node is met. */
export function masRewalk(mas: MaState, index: bigint): void {
  for (;;) {
    mas.set(index);
    masStateWalk(mas);
    if (mas.status !== MaStatus.start) return;
  }
}

/** mas_rewalk_if_dead: true (after re-walking to index) when node is dead. */
export function masRewalkIfDead(mas: MaState, node: MapleNode, index: bigint): boolean {
  if (mas.tree.hasFault(FAULTS.skipDeadCheckNextEntry)) return false;
  if (isDeadNode(mas.tree.mem, node)) {
    masRewalk(mas, index);
    return true;
  }
  return false;
}

/**
 * mas_descend: move into the child at mas.offset, narrowing min/max. Not RCU safe (no dead
 * check): for the write side and validation, which hold the lock.
 */
export function masDescend(mas: MaState): void {
  const mem = mas.tree.mem;
  const node = mas.node as MapleNode;
  if (mas.offset) mas.min = inc64(readPivot(mem, node, mas.offset - 1));
  mas.max = safePivot(mas, node, mas.offset);
  mas.node = asChild(readSlot(mem, node, mas.offset), "mas_descend");
}
