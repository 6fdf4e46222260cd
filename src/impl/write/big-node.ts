/**
 * struct maple_big_node: one level's worth of (slot, pivot, gap) triples while a split,
 * rebalance or spanning store is being assembled. It lives off-tree (the kernel keeps it on
 * the stack), so its fields are plain arrays, not node words.
 */
import { NodeType } from "../constants.js";
import { bigNodeSlots } from "../geometry.js";
import type { Word } from "../node.js";
import type { MapleTree } from "../tree.js";
import type { Index } from "../u64.js";
import { writeSpares } from "./write-spares.js";

export class BigNode {
  readonly pivot: Index[];
  readonly slot: Word[];
  /** Gaps (alloc trees, internal levels). The kernel overlays them on the tail of slot[]. */
  readonly gap: Index[];
  /** Index of the last used entry, or the next free one, depending on the phase (as in C). */
  bEnd = 0;
  type: NodeType = NodeType.leaf64;

  constructor(readonly capacity: number) {
    // Room beyond the kernel's capacity so that a stray read past the end sees zeroes.
    const len = 2 * capacity + 2;
    this.pivot = new Array<Index>(len).fill(0n);
    this.slot = new Array<Word>(len).fill(null);
    this.gap = new Array<Index>(len).fill(0n);
  }

  /** memset(b_node, 0, ...): pivots, slots, gaps and b_end cleared (type too, as memset does). */
  clear(): void {
    this.clearArrays();
    this.type = NodeType.dense;
  }

  /** The arrays and b_end only (mast_fill_bnode keeps the type). */
  clearArrays(): void {
    // A plain loop: Array.prototype.fill with a bigint takes V8's slow generic path.
    const { pivot, slot, gap } = this;
    for (let i = 0; i < pivot.length; i++) pivot[i] = 0n;
    for (let i = 0; i < slot.length; i++) slot[i] = null;
    for (let i = 0; i < gap.length; i++) gap[i] = 0n;
    this.bEnd = 0;
  }
}

/**
 * One spare big node per tree. Splits, rebalances and spanning stores each need one (the
 * kernel's is on the stack) and drop it when the write ends; handing the same one out again,
 * cleared to the state of a new one, keeps three arrays per such write away from the
 * garbage collector. A big node not given back (a write that threw) is simply not reused.
 * A zeroed big node for one write; give it back with releaseBigNode when the write is done.
 */
export function newBigNode(tree: MapleTree): BigNode {
  const spares = writeSpares(tree);
  const spare = spares.bigNode;
  if (spare === null) return new BigNode(bigNodeSlots(tree.geometry));
  spares.bigNode = null;
  spare.clearArrays();
  spare.type = NodeType.leaf64;
  return spare;
}

/** The write that took `b` from newBigNode no longer uses it. */
export function releaseBigNode(tree: MapleTree, b: BigNode): void {
  writeSpares(tree).bigNode = b;
}

/** mt_slots[type] */
export function slotsOf(tree: MapleTree, type: NodeType): number {
  const l = tree.layouts[type];
  if (l === null) throw new Error("dense nodes are not modelled");
  return l.slots;
}

/** mt_min_slots[type] */
export function minSlotsOf(tree: MapleTree, type: NodeType): number {
  const l = tree.layouts[type];
  if (l === null) throw new Error("dense nodes are not modelled");
  return l.minSlots;
}

/** mab_shift_right: move the first b_end entries up by `shift` (the old places keep stale copies). */
export function mabShiftRight(b: BigNode, shift: number): void {
  const n = b.bEnd;
  for (let i = n - 1; i >= 0; i--) {
    b.pivot[i + shift] = b.pivot[i];
    b.slot[i + shift] = b.slot[i];
    if (b.type === NodeType.arange64) b.gap[i + shift] = b.gap[i];
  }
}
