import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rangeBounds, sameRanges } from "../../../src/checker/sequential/span-ranges.js";
import { ULONG_MAX } from "../../../src/impl/u64.js";
import { allRanges, overwrite, type Span } from "../../../src/model/range-map.js";
import type { RangeEntry } from "../../../src/trace/results.js";

const index = fc.oneof(
  fc.bigInt({ min: 0n, max: 40n }),
  fc.constantFrom(ULONG_MAX, ULONG_MAX - 1n),
);
const write = fc.tuple(index, index, fc.option(fc.bigInt({ min: 1n, max: 3n }), { nil: null }));

/** Span lists as the model builds them: a sequence of overwrites. */
const spansArb = fc
  .array(write, { maxLength: 12 })
  .map((ws) =>
    ws.reduce<Span[]>(
      (spans, [a, b, e]) => (a <= b ? overwrite(spans, a, b, e) : overwrite(spans, b, a, e)),
      [],
    ),
  );

const asTree = (spans: readonly Span[]): RangeEntry[] =>
  allRanges(spans).map((r) => ({ index: r.first, last: r.last, entry: r.entry }));

describe("span ranges", () => {
  it("rangeBounds gives the bounds of allRanges", () => {
    fc.assert(
      fc.property(spansArb, (spans) => {
        expect(rangeBounds(spans)).toEqual(allRanges(spans).map((r) => [r.first, r.last]));
      }),
      { numRuns: 500 },
    );
  });

  it("sameRanges holds exactly when the lists equal allRanges", () => {
    fc.assert(
      fc.property(spansArb, fc.nat(20), fc.nat(3), (spans, at, how) => {
        const tree = asTree(spans);
        expect(sameRanges(tree, spans)).toBe(true);
        // Any change to the tree's list is seen.
        const changed = tree.map((r) => ({ ...r }));
        const k = at % changed.length;
        if (how === 0) changed.splice(k, 1);
        else if (how === 1) changed.push({ index: 0n, last: 0n, entry: null });
        else if (how === 2) changed[k].entry = changed[k].entry === null ? 9n : null;
        else changed[k].last = changed[k].last === ULONG_MAX ? 0n : changed[k].last + 1n;
        expect(sameRanges(changed, spans)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it("the empty map is one NULL range", () => {
    expect(rangeBounds([])).toEqual([[0n, ULONG_MAX]]);
    expect(sameRanges([{ index: 0n, last: ULONG_MAX, entry: null }], [])).toBe(true);
    expect(sameRanges([], [])).toBe(false);
  });
});
