/**
 * Word-level accessors shared by the read and write paths. Each one is a single
 * NodeMemory read or write, so the granularity a checker sees is the kernel's: one pivot,
 * slot, gap, metadata or parent word at a time.
 */
import { MAPLE_NODE_SLOTS, MaStatus, NodeType } from "./constants.js";
import { FAULTS } from "./faults.js";
import type { MaState } from "./ma-state.js";
import type { NodeMemory } from "./memory.js";
import {
  isNode,
  type MapleNode,
  Meta,
  NodeLife,
  ParentPtr,
  Poison,
  parentPtrTo,
  TreeRootParent,
  type Word,
} from "./node.js";
import type { MapleTree } from "./tree.js";
import { type Index, inc64, ULONG_MAX } from "./u64.js";

// ---- single words ----

export function readPivot(mem: NodeMemory, n: MapleNode, i: number): Index {
  return mem.read(n, n.layout.pivotBase + i) as Index;
}
export function writePivot(mem: NodeMemory, n: MapleNode, i: number, v: Index): void {
  mem.write(n, n.layout.pivotBase + i, v);
}
export function readSlot(mem: NodeMemory, n: MapleNode, i: number): Word {
  return mem.read(n, n.layout.slotBase + i);
}
export function writeSlot(mem: NodeMemory, n: MapleNode, i: number, v: Word): void {
  mem.write(n, n.layout.slotBase + i, v);
}
export function readGap(mem: NodeMemory, n: MapleNode, i: number): Index {
  return mem.read(n, n.layout.gapBase + i) as Index;
}
export function writeGap(mem: NodeMemory, n: MapleNode, i: number, v: Index): void {
  mem.write(n, n.layout.gapBase + i, v);
}

/**
 * The byte a metadata field yields when the word does not hold metadata: in a range64 node
 * the metadata overlays the last slot, so a torn reader may read an entry or a node pointer
 * there. We return the low byte the kernel's pointer would have (value entries are 2v+1,
 * node pointers carry type << 3 | 4, slab poison is 0x6b), so such a reader goes wrong the
 * way the kernel's would.
 */
function garbageByte(w: Word, shift: bigint): number {
  if (w instanceof Poison) return 0x6b;
  if (typeof w === "bigint") return Number(((2n * w + 1n) >> shift) & 0xffn);
  if (isNode(w)) return shift === 0n ? (w.type << 3) | 4 : 0;
  return 0;
}

/** ma_meta_end */
export function readMetaEnd(mem: NodeMemory, n: MapleNode): number {
  const w = mem.read(n, n.layout.metaWord);
  return w instanceof Meta ? w.end : garbageByte(w, 0n);
}

/** ma_meta_gap */
export function readMetaGap(mem: NodeMemory, n: MapleNode): number {
  const w = mem.read(n, n.layout.metaWord);
  return w instanceof Meta ? w.gap : garbageByte(w, 8n);
}

/**
 * Whether a range64/leaf64 node with this data end uses its last slot for data, so that the
 * metadata overlaying that slot must not be written. With the kernel's 16 slots no caller
 * writes metadata into a full node (some write it unconditionally because their data end is
 * always small); with smaller geometries those callers can reach a full node.
 */
function metaOverlaysData(n: MapleNode, end: number): boolean {
  return n.type !== NodeType.arange64 && end >= n.layout.pivots;
}

/** ma_set_meta: one word store of {end, gap}. */
export function writeMeta(mem: NodeMemory, n: MapleNode, gap: number, end: number): void {
  if (metaOverlaysData(n, end)) return;
  mem.write(n, n.layout.metaWord, Meta.of(end, gap));
}

/** ma_set_meta_gap: rewrites the gap byte, keeping the end byte. */
export function writeMetaGap(mem: NodeMemory, n: MapleNode, gap: number): void {
  const w = mem.read(n, n.layout.metaWord);
  if (!(w instanceof Meta) && n.type !== NodeType.arange64) return; // full node: no metadata
  mem.write(n, n.layout.metaWord, Meta.of(readMetaEnd(mem, n), gap));
}

// ---- parent word ----

export function readParentWord(mem: NodeMemory, n: MapleNode): Word {
  return mem.read(n, 0);
}

/** mte_set_parent */
export function writeParent(mem: NodeMemory, n: MapleNode, parent: MapleNode, slot: number): void {
  mem.write(n, 0, parentPtrTo(parent, slot));
}

/** The root node's parent word points at the tree (MA_ROOT_PARENT). */
export function writeRootParent(mem: NodeMemory, n: MapleNode, tree: MapleTree): void {
  mem.write(n, 0, new TreeRootParent(tree));
}

/** ma_is_root / mte_is_root */
export function isRootNode(mem: NodeMemory, n: MapleNode): boolean {
  return readParentWord(mem, n) instanceof TreeRootParent;
}

/** ma_dead_node: the parent word points at the node itself. */
export function isDeadNode(mem: NodeMemory, n: MapleNode): boolean {
  return readParentWord(mem, n) === n;
}

/**
 * mte_parent: the parent node, or null for the root and for dead nodes.
 * A poisoned parent word is returned as null as well; callers check deadness first.
 */
export function parentNode(mem: NodeMemory, n: MapleNode): MapleNode | null {
  const p = readParentWord(mem, n);
  return p instanceof ParentPtr ? p.node : null;
}

/** mte_parent_slot */
export function parentSlot(mem: NodeMemory, n: MapleNode): number {
  const p = readParentWord(mem, n);
  return p instanceof ParentPtr ? p.slot : 0;
}

/** mte_set_node_dead: parent := self (then smp_wmb). */
export function markNodeDead(tree: MapleTree, n: MapleNode): void {
  tree.mem.write(n, 0, n);
  n.life = NodeLife.dead;
  tree.observer.markedDead?.(n);
}

// ---- root pointer ----

/** mas_root / mt_root_locked: one read of ma_root. */
export function readRoot(tree: MapleTree): Word {
  return tree.mem.readRoot(tree.rootCell);
}

/** rcu_assign_pointer(mt->ma_root, ...) */
export function writeRoot(tree: MapleTree, v: Word): void {
  tree.mem.writeRoot(tree.rootCell, v);
}

// ---- derived values ----

/** ma_data_end */
export function dataEnd(mem: NodeMemory, n: MapleNode, max: Index): number {
  const l = n.layout;
  if (n.type === NodeType.arange64) return readMetaEnd(mem, n);
  const last = l.pivots - 1;
  const p = readPivot(mem, n, last);
  if (p === 0n) return readMetaEnd(mem, n);
  if (p === max) return last;
  return l.pivots;
}

/** mas_data_end: like ma_data_end, but answers 0 for a node found dead. */
export function masDataEnd(mas: MaState): number {
  const mem = mas.tree.mem;
  const n = mas.node as MapleNode;
  if (n.type === NodeType.arange64) return readMetaEnd(mem, n);
  if (isDeadNode(mem, n)) return 0;
  const last = n.layout.pivots - 1;
  const p = readPivot(mem, n, last);
  if (p === 0n) return readMetaEnd(mem, n);
  if (p === mas.max) return last;
  return n.layout.pivots;
}

/** mas_safe_pivot: the pivot at i, or mas.max past the last pivot. */
export function safePivot(mas: MaState, n: MapleNode, i: number): Index {
  if (i >= n.layout.pivots) return mas.max;
  return readPivot(mas.tree.mem, n, i);
}

/** mas_safe_min: the lowest index slot `offset` covers. */
export function safeMin(mas: MaState, n: MapleNode, offset: number): Index {
  if (offset > 0) return inc64(readPivot(mas.tree.mem, n, offset - 1));
  return mas.min;
}

/**
 * mas_start's test of a root node it has just read: dead means the walk starts again (unless
 * the fault that skips the test is on). mtree_load, which runs mas_start on locals, makes it too.
 */
export function rootDeadAtStart(tree: MapleTree, root: MapleNode): boolean {
  return !tree.hasFault(FAULTS.skipDeadCheckAtWalkStart) && isDeadNode(tree.mem, root);
}

/** mas_start: set up a state in ma_start; returns the root entry for a single-entry tree. */
export function masStart(mas: MaState): Word {
  if (mas.status !== MaStatus.start) return null;
  mas.min = 0n;
  mas.max = ULONG_MAX;
  for (;;) {
    mas.depth = 0;
    const root = readRoot(mas.tree);
    if (isNode(root)) {
      mas.depth = 1;
      mas.status = MaStatus.active;
      mas.node = root;
      mas.offset = 0;
      if (rootDeadAtStart(mas.tree, root)) continue;
      return null;
    }
    mas.node = null;
    mas.offset = MAPLE_NODE_SLOTS;
    if (root === null) {
      mas.status = MaStatus.none;
      return null;
    }
    mas.status = MaStatus.root;
    if (mas.index > 0n) return null;
    return root;
  }
}

/**
 * mas_ascend: move mas to the parent, recomputing min/max from the ancestors.
 * Returns true when a dead node was seen (the caller re-walks).
 */
export function masAscend(mas: MaState): boolean {
  const mem = mas.tree.mem;
  const aNode0 = mas.node as MapleNode;
  if (isRootNode(mem, aNode0)) {
    mas.offset = 0;
    return false;
  }
  const pWord = readParentWord(mem, aNode0);
  if (pWord === aNode0) return true;
  if (!(pWord instanceof ParentPtr))
    throw new TypeError(`node #${aNode0.id}: parent word is not a node`);
  const pNode = pWord.node;
  mas.offset = pWord.slot;
  // Re-read the parent word: it must not have changed while we read it.
  const again = readParentWord(mem, aNode0);
  if (!(again instanceof ParentPtr) || again.node !== pNode) return true;
  mas.node = pNode;
  if (isRootNode(mem, pNode)) {
    mas.max = ULONG_MAX;
    mas.min = 0n;
    return false;
  }
  let min = 0n;
  let max = ULONG_MAX;
  let setMin = false;
  let setMax = false;
  if (mas.offset === 0) {
    min = mas.min;
    setMin = true;
  }
  if (mas.max === ULONG_MAX) setMax = true;
  let pEnode = pNode;
  do {
    const w = readParentWord(mem, pEnode);
    if (!(w instanceof ParentPtr)) {
      if (w === pEnode) return true;
      throw new TypeError(`node #${pEnode.id}: parent word is not a node`);
    }
    const aNode = w.node;
    const aSlot = w.slot;
    if (isDeadNode(mem, aNode)) return true;
    if (!setMin && aSlot > 0) {
      setMin = true;
      min = inc64(readPivot(mem, aNode, aSlot - 1));
    }
    if (!setMax && aSlot < aNode.layout.pivots) {
      setMax = true;
      max = readPivot(mem, aNode, aSlot);
    }
    if (isDeadNode(mem, aNode)) return true;
    if (isRootNode(mem, aNode)) break;
    pEnode = aNode;
  } while (!setMin || !setMax);
  mas.max = max;
  mas.min = min;
  return false;
}
