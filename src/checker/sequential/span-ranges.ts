/**
 * The model's ranges (its spans with the NULL ranges between them, model/range-map.ts
 * allRanges) read off the spans in one pass, for the checks made after every command.
 */

import { type Index, ULONG_MAX } from "../../impl/u64.js";
import type { Span } from "../../model/range-map.js";
import type { RangeEntry } from "../../trace/results.js";

/**
 * The tree's slot ranges equal the model's ranges, ranges(model): its spans with the NULL
 * ranges between them (model/range-map.ts allRanges), compared without building that list
 * or printing either.
 */
export function sameRanges(tree: readonly RangeEntry[], spans: readonly Span[]): boolean {
  let i = 0; // the next tree range
  let next = 0n; // the first index of the next model range
  for (const s of spans) {
    if (next < s.first) {
      // The NULL range before this span.
      const t = tree[i++];
      if (t === undefined || t.index !== next || t.last !== s.first - 1n || t.entry !== null)
        return false;
    }
    const t = tree[i++];
    if (t === undefined || t.index !== s.first || t.last !== s.last || t.entry !== s.entry)
      return false;
    if (s.last === ULONG_MAX) return i === tree.length;
    next = s.last + 1n;
  }
  // The NULL range up to ULONG_MAX.
  const t = tree[i++];
  if (t === undefined || t.index !== next || t.last !== ULONG_MAX || t.entry !== null) return false;
  return i === tree.length;
}

/**
 * [first, last] of every range of the map, NULL ranges included, in order: those of
 * ranges(model) (model/range-map.ts allRanges), read off the spans in one pass.
 */
export function rangeBounds(spans: readonly Span[]): Array<readonly [Index, Index]> {
  const out: Array<readonly [Index, Index]> = [];
  let next = 0n; // the first index of the next range
  for (const s of spans) {
    if (next < s.first) out.push([next, s.first - 1n]);
    out.push([s.first, s.last]);
    if (s.last === ULONG_MAX) return out;
    next = s.last + 1n;
  }
  out.push([next, ULONG_MAX]);
  return out;
}
