/** rangeCount counts the ranges allRanges lists (spans and the NULL gaps), edges included. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ULONG_MAX } from "../../src/impl/u64.js";
import { allRanges, overwrite, rangeCount, type Span } from "../../src/model/range-map.js";

const index = fc.oneof(
  fc.bigInt({ min: 0n, max: 40n }),
  fc.constantFrom(0n, 1n, ULONG_MAX - 1n, ULONG_MAX),
);
const write = fc.tuple(index, index, fc.option(fc.bigInt({ min: 1n, max: 5n }), { nil: null }));

describe("rangeCount", () => {
  it("is the length of allRanges after any writes", () => {
    fc.assert(
      fc.property(fc.array(write, { maxLength: 30 }), (writes) => {
        let spans: Span[] = [];
        for (const [x, y, e] of writes) {
          const [a, b] = x <= y ? [x, y] : [y, x];
          spans = overwrite(spans, a, b, e);
        }
        expect(rangeCount(spans)).toBe(allRanges(spans).length);
      }),
    );
  });

  it("counts the empty map as one range and a map that covers everything as its spans", () => {
    expect(rangeCount([])).toBe(1);
    expect(rangeCount([{ first: 0n, last: ULONG_MAX, entry: 1n }])).toBe(1);
    expect(rangeCount([{ first: 5n, last: 9n, entry: 1n }])).toBe(3);
  });
});
