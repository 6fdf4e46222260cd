/** Edits of a sorted, disjoint list of mappings: cut a range out, put one in, merge it. */
import {
  anonVmasCompatible,
  canMerge,
  canTake,
  hasCloseHook,
  type Mapping,
  slice,
} from "./mapping.js";

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
 * two can merge, and with its neighbour on the right when `right` and they can. Every page
 * keeps its memory: a neighbour takes m in only when canTake allows, and when m would join
 * both, the two neighbours' anon_vmas must agree too (else only the left merge). A mapping
 * with a close hook is never merged away: when m is an existing mapping's whole range
 * (`existing`, left and right), it merges with nothing; the right neighbour is not absorbed
 * into the left one.
 */
export function mergeAround(
  list: readonly Mapping[],
  m: Mapping,
  left: boolean,
  right: boolean,
  existing = false,
): Mapping[] {
  const out = [...list];
  const i = out.indexOf(m);
  const prev = out[i - 1];
  const next = out[i + 1];
  if (existing && left && right && hasCloseHook(m)) return out;
  const toLeft = left && prev !== undefined && canMerge(prev, m) && canTake(prev, m);
  let toRight = right && next !== undefined && canMerge(m, next) && canTake(next, m);
  if (toLeft && toRight) toRight = anonVmasCompatible(prev, next) && !hasCloseHook(next);
  if (!toLeft && !toRight) return out;
  const from = toLeft ? prev : m;
  const to = toRight ? next : m;
  const anonVma = [prev, m, next].find(
    (x) => x !== undefined && (x === from || x === m || x === to) && x.anonVma !== undefined,
  )?.anonVma;
  const merged: Mapping = { ...from, end: to.end, anonVma };
  if (anonVma === undefined) delete (merged as { anonVma?: number }).anonVma;
  out.splice(toLeft ? i - 1 : i, (toLeft ? 1 : 0) + 1 + (toRight ? 1 : 0), merged);
  return out;
}
