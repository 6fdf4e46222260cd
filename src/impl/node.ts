import { NodeType } from "./constants.js";
import type { Entry } from "./entry.js";
import type { NodeLayout } from "./geometry.js";

/**
 * A node is an array of words, laid out as the kernel lays out its 256-byte nodes
 * (see geometry.ts). Every read and write of a word goes through NodeMemory (memory.ts) so
 * that a checker can schedule, record or replay each one.
 *
 * Word values:
 *   pivot and gap words  -> bigint
 *   slot words           -> Entry | MapleNode (internal nodes) | null
 *   the parent word      -> ParentPtr | TreeRootParent | the node itself (dead) | Poison
 *   the metadata word    -> Meta (overlays the last slot in range64/leaf64 nodes)
 */
export type Word = bigint | Entry | MapleNode | ParentPtr | Meta | null;

/** Lifetime of a node, for reports and use-after-free detection. */
export enum NodeLife {
  /** Allocated, being filled, not yet reachable. */
  fresh = 0,
  /** Reachable from the root (or was, until it was marked dead). */
  live = 1,
  /** Marked dead (parent = self); a reader that sees this must restart. */
  dead = 2,
  /** Dead and queued for freeing after an RCU grace period. */
  retired = 3,
  /** Freed: its words are poisoned. */
  freed = 4,
}

let nextNodeId = 1;

export class MapleNode {
  /** A stable name for reports; allocation order within a process. */
  readonly id: number;
  type: NodeType;
  layout: NodeLayout;
  readonly words: Word[];
  life: NodeLife = NodeLife.fresh;
  /** Interned parent words naming this node, by slot (see parentPtrTo). */
  childPtrs: Array<ParentPtr | undefined> | null = null;

  /** `id` names the node in reports; trees number their own nodes (see allocNode). */
  constructor(layout: NodeLayout, id: number = nextNodeId++) {
    this.id = id;
    this.type = layout.type;
    this.layout = layout;
    // A copy of the layout's zeroed image: one memcpy, and a packed array (no hole checks on
    // every word access for the node's whole life), unlike `new Array(n)` filled afterwards.
    this.words = zeroedWords(layout).slice();
  }
}

/** Zeroed images by node type and slot count (all a layout depends on; trees share them). */
const zeroedImages = new Map<number, readonly Word[]>();

/** The words of a freshly zeroed node of this layout (shared, never written). */
function zeroedWords(layout: NodeLayout): readonly Word[] {
  const key = layout.type * 64 + layout.slots;
  let image = zeroedImages.get(key);
  if (image === undefined) {
    const words: Word[] = [];
    for (let i = 0; i < layout.words; i++) words.push(null);
    zeroWords(layout, words);
    image = words;
    zeroedImages.set(key, image);
  }
  return image;
}

/** Zero a node's words as kzalloc would: pivots and gaps 0, slots NULL, metadata {0, 0}. */
export function clearWords(node: MapleNode): void {
  zeroWords(node.layout, node.words);
}

function zeroWords(l: NodeLayout, w: Word[]): void {
  w[0] = null;
  for (let i = 0; i < l.pivots; i++) w[l.pivotBase + i] = 0n;
  for (let i = 0; i < l.slots; i++) w[l.slotBase + i] = null;
  if (l.gapBase >= 0) for (let i = 0; i < l.slots; i++) w[l.gapBase + i] = 0n;
  // In range64/leaf64 nodes the metadata overlays the last slot: a zero word there is both a
  // NULL slot and metadata {0, 0} (readMetaEnd of NULL gives 0).
  w[l.metaWord] = l.gapBase >= 0 ? META_ZERO : null;
}

/** Reset the counter for nodes made without a tree (hand-built test nodes). */
export function resetNodeIds(): void {
  nextNodeId = 1;
}

/** Encoded parent pointer of a non-root node: the parent node and the slot that holds us. */
export class ParentPtr {
  constructor(
    readonly node: MapleNode,
    readonly slot: number,
  ) {}
}

/**
 * The parent word naming (parent, slot). A parent word is a value (the kernel's is a tagged
 * pointer), so one object per (node, slot) serves every store of it: adopting children
 * after a split or rebalance would otherwise allocate one per child.
 */
export function parentPtrTo(parent: MapleNode, slot: number): ParentPtr {
  let ptrs = parent.childPtrs;
  if (ptrs === null) {
    ptrs = [];
    parent.childPtrs = ptrs;
  }
  let p = ptrs[slot];
  if (p === undefined) {
    p = new ParentPtr(parent, slot);
    ptrs[slot] = p;
  }
  return p;
}

/** Parent word of the root node: points back at the tree (MA_ROOT_PARENT). */
export class TreeRootParent {
  constructor(readonly tree: object) {}
}

/** struct maple_metadata { u8 end; u8 gap; }. Instances are interned: compare by identity. */
export class Meta {
  private constructor(
    readonly end: number,
    readonly gap: number,
  ) {}
  private static readonly table: Meta[] = [];
  static of(end: number, gap: number): Meta {
    const key = (end & 0xff) | ((gap & 0xff) << 8);
    let m = Meta.table[key];
    if (m === undefined) {
      m = new Meta(end & 0xff, gap & 0xff);
      Meta.table[key] = m;
    }
    return m;
  }
}

export const META_ZERO = Meta.of(0, 0);

/**
 * Freed memory. Pivot and gap words of a freed node read as POISON_INDEX (the slab poison
 * byte 0x6b repeated), every other word as POISON. A reader that keeps using a freed node
 * sees garbage, not a consistent old snapshot: it walks into POISON (an exception, the
 * analogue of a fault) or returns it as an entry (a wrong answer).
 */
export class Poison {
  toString(): string {
    return "POISON";
  }
}
export const POISON = Object.freeze(new Poison());
export const POISON_INDEX = 0x6b6b6b6b6b6b6b6bn;

export function isNode(w: unknown): w is MapleNode {
  return w instanceof MapleNode;
}

/** ma_is_leaf */
export function isLeafType(type: NodeType): boolean {
  return type < NodeType.range64;
}
