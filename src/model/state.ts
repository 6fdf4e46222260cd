/**
 * The model's state: the map of ranges, the one structural fact the kernel lets show through
 * its API (which of the three root forms holds the map), the cyclic allocator's wrapped flag,
 * and one persistent cursor (a struct ma_state reduced to index, last and status).
 */
import { freeze } from "immer";
import { MaStatus, MT_FLAGS_ALLOC_RANGE } from "../impl/constants.js";
import { KERNEL_GEOMETRY } from "../impl/geometry.js";
import type { Index } from "../impl/u64.js";
import { allRanges, type Range, rangeCount, type Span } from "./range-map.js";

/**
 * The root forms of the kernel tree (maple-tree.md §1.7), visible through mtree_empty and the
 * cursor statuses `none` / `root`:
 * - "empty": ma_root is NULL;
 * - "entry": ma_root is the entry of [0,0] itself (the map is exactly {[0,0] -> entry});
 * - "node": the map lives in nodes — possibly a single NULL range, see store rules in ops.ts.
 */
export type RootForm = "empty" | "entry" | "node";

export interface Cursor {
  readonly index: Index;
  readonly last: Index;
  readonly status: MaStatus;
  /**
   * Set when the cursor's own store turned a root form into a leaf: the kernel then keeps a
   * data end left over from earlier walks, so forward moves may overflow early. Cleared by
   * any walk from the root. See README.md.
   */
  readonly stale?: boolean;
}

export interface ModelState {
  /** MT_FLAGS_ALLOC_RANGE | MT_FLAGS_USE_RCU as given to init (RCU changes no meaning). */
  readonly flags: number;
  /** Slots of a leaf of the tree being modelled: a map with more ranges is not one leaf. */
  readonly leafSlots: number;
  readonly root: RootForm;
  /** The non-NULL ranges, sorted; every other index maps to NULL. */
  readonly spans: readonly Span[];
  /**
   * A non-NULL entry was written over [0, ULONG_MAX] since the map last left the nodes: the
   * kernel's reverse gap search may then fail (see README.md); cleared when the root empties.
   */
  readonly wholeStore: boolean;
  /** MT_FLAGS_ALLOC_WRAPPED: the last cyclic allocation took ULONG_MAX. */
  readonly wrapped: boolean;
  readonly cursor: Cursor;
}

/**
 * An operation's answer together with the state it leaves. `alt` is a second outcome the
 * kernel may give instead, where the choice depends on the tree's shape (see README.md).
 */
export interface Step<R> {
  readonly result: R;
  readonly state: ModelState;
  readonly alt?: Step<R>;
  /** The kernel's answer depends on state the model does not keep (a stale cursor). */
  readonly unknown?: boolean;
}

/** mt_init_flags + mas_init of the cursor at 0 (leafSlots: 5 for SMALL_GEOMETRY). */
export function initialModel(flags = 0, leafSlots = KERNEL_GEOMETRY.rangeSlots): ModelState {
  return {
    flags,
    leafSlots,
    root: "empty",
    spans: [],
    wholeStore: false,
    wrapped: false,
    cursor: { index: 0n, last: 0n, status: MaStatus.start },
  };
}

let freezeStates = true;

/**
 * Whether states made by `change` are deep-frozen, as immer's produce freezes its results by
 * default. The sequential checker turns both off for its runs (check-sequential.ts): freezing
 * only guards against mutation in place, which the model never does.
 */
export function setFreezeStates(on: boolean): void {
  freezeStates = on;
}

/**
 * s with some top-level fields replaced. A spread, not produce: a write replaces whole fields
 * (spans, root, cursor), and produce's draft and finalize for that cost more than the write
 * itself in the sequential checker's profile.
 */
export function change(s: ModelState, fields: Partial<ModelState>): ModelState {
  const next: ModelState = { ...s, ...fields };
  return freezeStates ? freeze(next, true) : next;
}

/** Every range of the map in order, NULL ranges included. */
export function ranges(s: ModelState): Range[] {
  return allRanges(s.spans);
}

/** Whether the map may be a single leaf (the shape some kernel answers depend on). */
export function mayBeOneLeaf(s: ModelState): boolean {
  return s.root === "node" && s.spans.length <= s.leafSlots && rangeCount(s.spans) <= s.leafSlots;
}

export function isAllocTree(s: ModelState): boolean {
  return (s.flags & MT_FLAGS_ALLOC_RANGE) !== 0;
}
