/**
 * The address space as a map of ranges: every index in [0, ULONG_MAX] belongs to exactly one
 * range. Only the non-NULL ranges are stored (sorted, disjoint); the NULL ranges are the gaps
 * between them, so adjacent NULL ranges are merged by construction, while equal non-NULL
 * neighbours stay separate ranges (the tree never compares entries).
 */
import type { Entry, MaybeEntry } from "../impl/entry.js";
import { type Index, ULONG_MAX } from "../impl/u64.js";

/** One range of the map: [first, last] -> entry (null for a NULL range). */
export interface Range {
  readonly first: Index;
  readonly last: Index;
  readonly entry: MaybeEntry;
}

/** A stored, non-NULL range. */
export interface Span extends Range {
  readonly entry: Entry;
}

/** The position of the first span that ends at or after i (spans.length if none). */
function firstEndingFrom(spans: readonly Span[], i: Index): number {
  // Binary search: spans are sorted and disjoint, so their ends increase.
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (spans[mid].last < i) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The range (stored span or NULL gap) that contains index i. */
export function rangeAt(spans: readonly Span[], i: Index): Range {
  const k = firstEndingFrom(spans, i);
  const first = k === 0 ? 0n : spans[k - 1].last + 1n;
  if (k === spans.length) return { first, last: ULONG_MAX, entry: null };
  const s = spans[k];
  return i >= s.first ? s : { first, last: s.first - 1n, entry: null };
}

/** The range after r, or undefined if r ends at ULONG_MAX. */
export function rangeAfter(spans: readonly Span[], r: Range): Range | undefined {
  return r.last === ULONG_MAX ? undefined : rangeAt(spans, r.last + 1n);
}

/** The range before r, or undefined if r starts at 0. */
export function rangeBefore(spans: readonly Span[], r: Range): Range | undefined {
  return r.first === 0n ? undefined : rangeAt(spans, r.first - 1n);
}

/** The ranges from the one holding i up to ULONG_MAX, in order. */
export function* rangesFrom(spans: readonly Span[], i: Index): Generator<Range> {
  for (let r: Range | undefined = rangeAt(spans, i); r; r = rangeAfter(spans, r)) yield r;
}

/** Every range in order, NULL ranges included: a partition of [0, ULONG_MAX]. */
export function allRanges(spans: readonly Span[]): Range[] {
  return [...rangesFrom(spans, 0n)];
}

/** How many ranges allRanges gives (spans and the NULL gaps around them), without listing them. */
export function rangeCount(spans: readonly Span[]): number {
  if (spans.length === 0) return 1;
  let n = spans.length;
  if (spans[0].first > 0n) n++;
  for (let k = 1; k < spans.length; k++) if (spans[k].first > spans[k - 1].last + 1n) n++;
  if (spans[spans.length - 1].last < ULONG_MAX) n++;
  return n;
}

/** The spans after writing entry over [a, b]: overlapped spans are cut, not merged. */
export function overwrite(spans: readonly Span[], a: Index, b: Index, entry: MaybeEntry): Span[] {
  // Spans are sorted and disjoint: those ending before a stay, then the overlapped ones are
  // cut around [a, b], then the rest stay.
  const from = firstEndingFrom(spans, a);
  let to = from;
  while (to < spans.length && spans[to].first <= b) to++;
  const out = spans.slice(0, from);
  if (from < to && spans[from].first < a)
    out.push({ first: spans[from].first, last: a - 1n, entry: spans[from].entry });
  if (entry !== null) out.push({ first: a, last: b, entry });
  if (from < to && spans[to - 1].last > b)
    out.push({ first: b + 1n, last: spans[to - 1].last, entry: spans[to - 1].entry });
  for (let k = to; k < spans.length; k++) out.push(spans[k]);
  return out;
}

/** Whether some non-NULL entry (XA_ZERO_ENTRY included) occupies part of [a, b]. */
export function occupied(spans: readonly Span[], a: Index, b: Index): boolean {
  return spans.some((s) => s.last >= a && s.first <= b);
}
