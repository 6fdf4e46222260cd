/** Edits of a sorted, disjoint list of mappings: cut a range out, put one in, merge it. */
import { canMerge, type Mapping, slice } from "./mapping.js";

/** The list without [start, end): mappings across an end are split there. */
export function carve(list: readonly Mapping[], start: number, end: number): Mapping[] {
  const out: Mapping[] = [];
  for (const m of list) {
    if (m.end <= start || m.start >= end) {
      out.push(m);
      continue;
    }
    if (m.start < start) out.push(slice(m, m.start, start));
    if (m.end > end) out.push(slice(m, end, m.end));
  }
  return out;
}

/** The list with m put in its place (its range must be free). */
export function place(list: readonly Mapping[], m: Mapping): Mapping[] {
  const out = list.filter((x) => x.end <= m.start);
  return [...out, m, ...list.filter((x) => x.start >= m.end)];
}

/**
 * The list after m (which is in it) merges with its neighbour on the left when `left` and the
 * two can merge, and with its neighbour on the right when `right` and they can.
 */
export function mergeAround(
  list: readonly Mapping[],
  m: Mapping,
  left: boolean,
  right: boolean,
): Mapping[] {
  const out = [...list];
  let i = out.indexOf(m);
  let cur = m;
  const next = out[i + 1];
  if (right && next !== undefined && canMerge(cur, next)) {
    cur = { ...cur, end: next.end };
    out.splice(i, 2, cur);
  }
  const prev = out[i - 1];
  if (left && prev !== undefined && canMerge(prev, cur)) {
    cur = { ...prev, end: cur.end };
    out.splice(i - 1, 2, cur);
    i--;
  }
  return out;
}
