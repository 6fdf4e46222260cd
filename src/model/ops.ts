/**
 * The tree's whole-map operations (mtree_* and mt_*), each a pure function of the model state.
 * Writes made here restart the cursor (status start, index/last kept), as any write through
 * another path does to a maple state that is not the writer's.
 */
import { produce } from "immer";
import { EBUSY, EEXIST, EINVAL, MaStatus } from "../impl/constants.js";
import { type Entry, isReservedEntry, isZeroEntry, type MaybeEntry } from "../impl/entry.js";
import { type Index, ULONG_MAX } from "../impl/u64.js";
import { occupied, overwrite, type Range, rangeAt, rangesFrom, type Span } from "./range-map.js";
import {
  change,
  isAllocTree,
  type ModelState,
  mayBeOneLeaf,
  type RootForm,
  type Step,
} from "./state.js";

/** The ranges the tree holds, as seen by the advanced API (root forms included). */
export function rangeOf(s: ModelState, i: Index): Range {
  return rangeAt(s.spans, i);
}

/**
 * The root form after writing entry over [a, b] (maple-tree.md §1.7):
 * - only a non-NULL, non-internal entry at exactly [0,0] lives in the root pointer, and only
 *   when the tree holds no node yet;
 * - NULL written into a root entry removes it when it covers index 0, else changes nothing;
 * - a node tree turns empty only when a NULL write, widened over its NULL neighbours, covers
 *   [0, ULONG_MAX] and replaces more than one range (a NULL write that exactly replaces the
 *   single range of a one-slot leaf keeps that leaf: `empty` stays false).
 */
function rootAfterWrite(
  s: ModelState,
  a: Index,
  b: Index,
  entry: MaybeEntry,
  after: Span[],
): RootForm {
  if (s.root !== "node") {
    if (entry === null) return after.length ? s.root : "empty";
    return a === 0n && b === 0n && !isReservedEntry(entry) ? "entry" : "node";
  }
  if (entry !== null || after.length) return "node";
  const single = s.spans.length === 0 || (s.spans[0].first === 0n && s.spans[0].last === ULONG_MAX);
  return single ? "node" : "empty";
}

/** Overwrite [a, b] with entry (no argument checks); the cursor is left untouched. */
export function write(s: ModelState, a: Index, b: Index, entry: MaybeEntry): ModelState {
  const after = overwrite(s.spans, a, b, entry);
  const root = rootAfterWrite(s, a, b, entry, after);
  const whole = entry !== null && a === 0n && b === ULONG_MAX;
  return change(s, { spans: after, root, wholeStore: root === "node" && (whole || s.wholeStore) });
}

/** The cursor restarts (mas_reset) after a write through another path. */
function resetCursor(s: ModelState): ModelState {
  return s.cursor.status === MaStatus.start
    ? s
    : change(s, { cursor: { ...s.cursor, status: MaStatus.start } });
}

/** mtree_load: XA_ZERO_ENTRY reads as NULL. */
export function load(s: ModelState, i: Index): Step<MaybeEntry> {
  const e = rangeOf(s, i).entry;
  return { result: isZeroEntry(e) ? null : e, state: s };
}

/** mtree_store_range: -EINVAL when first > last. */
export function store(s: ModelState, a: Index, b: Index, entry: MaybeEntry): Step<number> {
  if (a > b) return { result: EINVAL, state: resetCursor(s) };
  return { result: 0, state: resetCursor(write(s, a, b, entry)) };
}

/**
 * mtree_insert_range: -EEXIST if anything (XA_ZERO_ENTRY too) occupies part of [a, b].
 * Kernel quirk: in a tree that is a single leaf, an insert whose write would cover the whole
 * space ([0, ULONG_MAX] itself, or for NULL once widened over its NULL neighbours) is taken
 * for a new root before the occupancy check and overwrites instead (unless it exactly
 * replaces the leaf's one range). The model cannot know the height: that outcome is `alt`.
 */
export function insert(s: ModelState, a: Index, b: Index, entry: MaybeEntry): Step<number> {
  if (a > b) return { result: EINVAL, state: resetCursor(s) };
  if (!occupied(s.spans, a, b)) return { result: 0, state: resetCursor(write(s, a, b, entry)) };
  const refused = { result: EEXIST, state: resetCursor(s) };
  const onlyInside = !occupied(s.spans, 0n, a - 1n) && !occupied(s.spans, b + 1n, ULONG_MAX);
  const coversAll = entry === null ? onlyInside : a === 0n && b === ULONG_MAX;
  const wholeSingle =
    s.spans.length === 1 && s.spans[0].first === 0n && s.spans[0].last === ULONG_MAX;
  if (!mayBeOneLeaf(s) || !coversAll || wholeSingle) return refused;
  return { ...refused, alt: { result: 0, state: resetCursor(write(s, a, b, entry)) } };
}

/** mtree_erase: NULL over the whole range holding i; returns what was there. */
export function erase(s: ModelState, i: Index): Step<MaybeEntry> {
  const r = rangeOf(s, i);
  const next = r.entry === null ? s : write(s, r.first, r.last, null);
  return { result: r.entry, state: resetCursor(next) };
}

/** mtree_destroy: the map empties, the flags (and the wrapped flag) stay. */
export function destroy(s: ModelState): Step<number> {
  return {
    result: 0,
    state: produce(s, (d) => {
      d.spans = [];
      d.root = "empty";
      d.wholeStore = false;
      d.cursor.status = MaStatus.start;
    }),
  };
}

/** A found entry with its range; mt_find also gives the index to continue from. */
export interface Found {
  readonly entry: Entry;
  readonly first: Index;
  readonly last: Index;
}

/**
 * mt_find(&index, max): the first entry, XA_ZERO_ENTRY skipped, whose range ends at or after
 * index and starts at or before max. `next` is last + 1, which wraps to 0 after ULONG_MAX.
 */
export function mtFind(
  s: ModelState,
  index: Index,
  max: Index,
): Step<(Found & { next: Index }) | null> {
  for (const r of index > max ? [] : rangesFrom(s.spans, index)) {
    if (r.first > max) break;
    if (r.entry !== null && !isZeroEntry(r.entry)) {
      const next = r.last === ULONG_MAX ? 0n : r.last + 1n;
      return { result: { entry: r.entry, first: r.first, last: r.last, next }, state: s };
    }
  }
  return { result: null, state: s };
}

/** A gap found by mas_empty_area(_rev): [index, last], or an errno. */
export type GapResult = { readonly index: Index; readonly last: Index } | number;

/** The argument checks shared by both gap searches. */
function badGapArgs(min: Index, max: Index, size: Index): boolean {
  return min > max || size === 0n || max - min < size - 1n;
}

/**
 * The NULL ranges the gap searches may use, clipped to [min, max]; a root entry holds 0.
 * Kernel quirk: a leaf holding one NULL range [0, ULONG_MAX] searched over all of it has a
 * gap of 2^64 indices, which wraps to 0: nothing fits.
 */
function freeRanges(s: ModelState, min: Index, max: Index): Range[] {
  if (s.root === "node" && !s.spans.length && min === 0n && max === ULONG_MAX) return [];
  const out: Range[] = [];
  for (const r of rangesFrom(s.spans, min)) {
    if (r.first > max) break;
    if (r.entry === null)
      out.push({ ...r, first: r.first < min ? min : r.first, last: r.last > max ? max : r.last });
  }
  return out;
}

/** mas_empty_area: the lowest [start, start + size - 1] inside [min, max] that is all NULL. */
export function emptyArea(s: ModelState, min: Index, max: Index, size: Index): GapResult {
  if (badGapArgs(min, max, size)) return EINVAL;
  const fit = freeRanges(s, min, max).find((r) => r.last - r.first >= size - 1n);
  return fit ? { index: fit.first, last: fit.first + size - 1n } : EBUSY;
}

/** mas_empty_area_rev: the highest such range. */
export function emptyAreaRev(s: ModelState, min: Index, max: Index, size: Index): GapResult {
  if (badGapArgs(min, max, size)) return EINVAL;
  const fit = freeRanges(s, min, max)
    .reverse()
    .find((r) => r.last - r.first >= size - 1n);
  return fit ? { index: fit.last - size + 1n, last: fit.last } : EBUSY;
}

/**
 * A gap search as a step. Some kernel outcomes depend on the tree's height, which the model
 * does not know, so a found gap then comes with the `alt` -EBUSY:
 * - without MT_FLAGS_ALLOC_RANGE the internal nodes keep no gaps: a tree higher than one
 *   leaf answers -EBUSY (always, once the map has more ranges than a leaf holds);
 * - the reverse search with max == ULONG_MAX in a tree higher than one leaf answers -EBUSY
 *   when the rightmost leaf holds no fit, although a lower gap fits;
 * - the reverse search in a leaf made by a [0, ULONG_MAX] store answers -EBUSY (that leaf
 *   lives on until a split replaces it, which the model cannot see: `wholeStore`).
 */
export function gapSearch(
  s: ModelState,
  min: Index,
  max: Index,
  size: Index,
  rev: boolean,
): Step<GapResult> {
  const found = (rev ? emptyAreaRev : emptyArea)(s, min, max, size);
  const blindTree = !isAllocTree(s) && s.root === "node" && !mayBeOneLeaf(s);
  const result = blindTree && typeof found !== "number" ? EBUSY : found;
  const shaky = !isAllocTree(s) || (rev && (max === ULONG_MAX || s.wholeStore));
  const blind = shaky && s.root === "node" && typeof result !== "number";
  return blind ? { result, state: s, alt: { result: EBUSY, state: s } } : { result, state: s };
}

/**
 * The start an allocation reports: the stored range's start. Allocating NULL in a node tree
 * stores NULL, which merges with the free range around it: the start is the merged start.
 */
function allocStart(s: ModelState, t: ModelState, index: Index, entry: MaybeEntry): Index {
  return entry === null && s.root === "node" ? rangeOf(t, index).first : index;
}

/** mtree_alloc_range / mtree_alloc_rrange: -EINVAL on a tree without MT_FLAGS_ALLOC_RANGE. */
function allocWith(
  rev: boolean,
  s: ModelState,
  size: Index,
  min: Index,
  max: Index,
  entry: MaybeEntry,
): Step<number | { start: Index }> {
  if (!isAllocTree(s) || isReservedEntry(entry)) return { result: EINVAL, state: resetCursor(s) };
  const found = gapSearch(s, min, max, size, rev);
  const gap = found.result;
  const alt = found.alt && { result: EBUSY, state: resetCursor(s) };
  if (typeof gap === "number") return { result: gap, state: resetCursor(s) };
  const t = write(s, gap.index, gap.last, entry);
  const ok = { result: { start: allocStart(s, t, gap.index, entry) }, state: resetCursor(t) };
  return alt ? { ...ok, alt } : ok;
}

export function allocRange(s: ModelState, size: Index, min: Index, max: Index, entry: MaybeEntry) {
  return allocWith(false, s, size, min, max, entry);
}

export function allocRrange(s: ModelState, size: Index, min: Index, max: Index, entry: MaybeEntry) {
  return allocWith(true, s, size, min, max, entry);
}

export interface Cyclic {
  readonly start: Index;
  /** 1 when the allocation wrapped (searched again from min, or the wrapped flag was set). */
  readonly wrapped: 0 | 1;
  readonly next: Index;
}

/**
 * mtree_alloc_cyclic(min, max, &next): the lowest free index at or after max(min, next), else
 * the lowest from min (wrapped = 1). next becomes start + 1; taking ULONG_MAX makes next 0
 * and sets the tree's wrapped flag, which turns the next successful first search into a
 * wrapped (1) result and is cleared by it.
 */
export function allocCyclic(
  s: ModelState,
  min: Index,
  max: Index,
  entry: MaybeEntry,
  next: Index,
): Step<number | Cyclic> {
  if (!isAllocTree(s) || isReservedEntry(entry)) return { result: EINVAL, state: resetCursor(s) };
  const lo = next > min ? next : min;
  let gap = emptyArea(s, lo, max, 1n);
  let wrapped: 0 | 1 = 0;
  let flag = s.wrapped;
  if (typeof gap !== "number") {
    if (flag) wrapped = 1;
    flag = false;
  } else if (lo > min) {
    gap = emptyArea(s, min, max, 1n);
    wrapped = 1;
  }
  if (typeof gap === "number") return { result: gap, state: resetCursor(s) };
  const t = write(s, gap.index, gap.index, entry);
  const start = allocStart(s, t, gap.index, entry);
  const state = produce(resetCursor(t), (d) => {
    d.wrapped = flag || start === ULONG_MAX;
  });
  return { result: { start, wrapped, next: start === ULONG_MAX ? 0n : start + 1n }, state };
}
