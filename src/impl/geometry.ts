import { NodeType } from "./constants.js";

/**
 * Node geometry. The kernel's is 16 slots for leaf_64/range_64 and 10 for arange_64; a model
 * check wants far smaller nodes so that splits, rebalances and height 3 happen with a handful
 * of entries. Everything in src/impl reads slot counts from here, never from literals.
 */
export interface Geometry {
  /** Slots of leaf_64 and range_64 nodes (pivots = slots - 1). Kernel: 16. */
  readonly rangeSlots: number;
  /** mt_min_slots for leaf_64/range_64. Kernel: 16/2 - 2 = 6. */
  readonly rangeMinSlots: number;
  /** Slots of arange_64 nodes (also the number of gaps). Kernel: 10. */
  readonly arangeSlots: number;
  /** mt_min_slots for arange_64. Kernel: 10/2 - 1 = 4. */
  readonly arangeMinSlots: number;
}

export const KERNEL_GEOMETRY: Geometry = Object.freeze({
  rangeSlots: 16,
  rangeMinSlots: 6,
  arangeSlots: 10,
  arangeMinSlots: 4,
});

/**
 * Small nodes: splits, rebalances and height 3 within a few dozen entries. With nodes this
 * small the kernel's split arithmetic no longer keeps every node at its minimum occupancy
 * (a three-way split can leave a middle node one slot short; with four-slot leaves
 * mab_no_null_split can too), so checks on this geometry leave that one validate report out.
 * Five-slot leaves and four-slot allocation nodes are the smallest sizes at which the
 * kernel's algorithms keep every other invariant.
 */
export const SMALL_GEOMETRY: Geometry = Object.freeze({
  rangeSlots: 5,
  rangeMinSlots: 1,
  arangeSlots: 4,
  arangeMinSlots: 1,
});

/**
 * Word layout of one node type, mirroring the kernel's 256-byte nodes:
 *   range64/leaf64: parent, pivot[0..P-1], slot[0..S-1]; the metadata overlays the last slot.
 *   arange64:       parent, pivot[0..P-1], slot[0..S-1], gap[0..S-1], metadata.
 */
export interface NodeLayout {
  readonly type: NodeType;
  readonly slots: number;
  readonly pivots: number;
  readonly minSlots: number;
  readonly pivotBase: number;
  readonly slotBase: number;
  /** -1 when the type keeps no gaps. */
  readonly gapBase: number;
  readonly metaWord: number;
  readonly words: number;
}

export const PARENT_WORD = 0;

export function nodeLayout(geometry: Geometry, type: NodeType): NodeLayout {
  if (type === NodeType.arange64) {
    const slots = geometry.arangeSlots;
    const pivots = slots - 1;
    const slotBase = 1 + pivots;
    const gapBase = slotBase + slots;
    const metaWord = gapBase + slots;
    return {
      type,
      slots,
      pivots,
      minSlots: geometry.arangeMinSlots,
      pivotBase: 1,
      slotBase,
      gapBase,
      metaWord,
      words: metaWord + 1,
    };
  }
  if (type === NodeType.dense) throw new Error("dense nodes are not created by 6.12 write paths");
  const slots = geometry.rangeSlots;
  const pivots = slots - 1;
  const slotBase = 1 + pivots;
  return {
    type,
    slots,
    pivots,
    minSlots: geometry.rangeMinSlots,
    pivotBase: 1,
    slotBase,
    gapBase: -1,
    metaWord: slotBase + slots - 1,
    words: slotBase + slots,
  };
}

/** The layouts of one geometry, indexed by NodeType. */
export type Layouts = readonly [NodeLayout | null, NodeLayout, NodeLayout, NodeLayout];

export function layoutsFor(geometry: Geometry): Layouts {
  validateGeometry(geometry);
  return [
    null,
    nodeLayout(geometry, NodeType.leaf64),
    nodeLayout(geometry, NodeType.range64),
    nodeLayout(geometry, NodeType.arange64),
  ];
}

/** Big-node capacity (MAPLE_BIG_NODE_SLOTS = 2 * 16 + 2 in the kernel). */
export function bigNodeSlots(geometry: Geometry): number {
  return 2 * Math.max(geometry.rangeSlots, geometry.arangeSlots) + 2;
}

export function validateGeometry(g: Geometry): void {
  const ok =
    Number.isInteger(g.rangeSlots) &&
    Number.isInteger(g.arangeSlots) &&
    g.rangeSlots >= 3 &&
    g.rangeSlots <= 16 &&
    g.arangeSlots >= 3 &&
    g.arangeSlots <= 16 &&
    g.rangeMinSlots >= 0 &&
    g.rangeMinSlots < g.rangeSlots &&
    g.arangeMinSlots >= 0 &&
    g.arangeMinSlots < g.arangeSlots;
  if (!ok) throw new RangeError(`invalid node geometry ${JSON.stringify(g)}`);
}
