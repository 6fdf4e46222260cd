/**
 * A bulk fill: one command that stores a run of ranges, `count` of them, each `len` long and
 * `step` apart, forward or in reverse. Runs of adjacent ranges fill leaves to capacity and
 * grow the tree by whole levels (a height-3 tree on the kernel's node sizes needs a few hundred
 * ranges, which single random stores over a few dozen indices never make); gaps of one index
 * between them keep NULL ranges in every leaf; reverse runs split leaves from their left end.
 * Shrinking shortens the run like any other argument.
 */
import fc from "fast-check";
import { type Index, LONG_MAX, ULONG_MAX } from "../../impl/u64.js";
import {
  type Boundaries,
  type IndexChoice,
  indexChoice,
  resolveIndex,
  showChoice,
  type Universe,
} from "./index-choice.js";

/** How the stored values follow the run: all one value, counting up, or each its own index. */
export type FillValues = "same" | "count" | "index";

export interface FillTemplate {
  readonly name: "fill";
  readonly start: IndexChoice;
  readonly count: number;
  /** The length of each range (at least 1). */
  readonly len: Index;
  /** From one range's first index to the next one's (at least len: ranges never overlap). */
  readonly step: Index;
  readonly reverse: boolean;
  readonly values: FillValues;
  /** The value of `same`, the first value of `count`. */
  readonly base: Index;
}

/** The store lines' arguments [first, last, value] of a fill under the given boundaries. */
export function fillStores(t: FillTemplate, b: Boundaries): Array<[Index, Index, Index]> {
  const start = resolveIndex(t.start, b);
  const out: Array<[Index, Index, Index]> = [];
  for (let i = 0; i < t.count; i++) {
    const k = BigInt(t.reverse ? t.count - 1 - i : i);
    const first = start + k * t.step;
    if (first > ULONG_MAX) continue; // the run stops at the top of the index space
    const last = first + t.len - 1n > ULONG_MAX ? ULONG_MAX : first + t.len - 1n;
    const v = t.values === "same" ? t.base : t.values === "count" ? t.base + k : first;
    out.push([first, last, v > LONG_MAX ? LONG_MAX : v]);
  }
  return out;
}

export function showFill(t: FillTemplate): string {
  const dir = t.reverse ? " reverse" : "";
  return `fill ${showChoice(t.start)} ${t.count}x len ${t.len} step ${t.step} ${t.values} ${t.base}${dir}`;
}

const LENS = [1n, 1n, 1n, 2n, 3n, 10n, 100n, 1n << 32n] as const;

/**
 * Short runs (a leaf or two), medium ones (a level) and long ones (a few hundred ranges: the
 * kernel's height 3, most of them with NULL gaps between them).
 */
const COUNT = fc.oneof(
  // Cross shrinking lets a long run shrink into the short ones' range, down to one store.
  { withCrossShrink: true },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 24 }) },
  { weight: 2, arbitrary: fc.integer({ min: 25, max: 99 }) },
  { weight: 3, arbitrary: fc.integer({ min: 100, max: 300 }) },
);

export function fillArbitrary(u: Universe): fc.Arbitrary<FillTemplate> {
  return fc
    .record({
      start: indexChoice(u),
      count: COUNT,
      len: fc.constantFrom(...LENS),
      gap: fc.constantFrom(0n, 1n, 1n, 2n),
      reverse: fc.boolean(),
      values: fc.constantFrom<FillValues>("same", "count", "count", "index"),
      base: fc.oneof(fc.bigInt({ min: 0n, max: 6n }), fc.constantFrom(1000n, LONG_MAX - 500n)),
    })
    .map(({ gap, ...r }) => ({
      name: "fill" as const,
      ...r,
      step: r.len + (r.len > 3n ? gap * r.len : gap),
    }));
}
