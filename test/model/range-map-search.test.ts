// The range map's binary searches against the plainest possible reading of a map: one entry
// per index, on a small index space (indices past it are NULL).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allRanges, overwrite, rangeAt, type Span } from "../../src/model/range-map.js";

const SIZE = 24;

/** The entry of every index 0..SIZE-1, read off the spans. */
function perIndex(spans: readonly Span[]): (number | null)[] {
  return Array.from({ length: SIZE }, (_, i) => {
    const s = spans.find((x) => x.first <= BigInt(i) && BigInt(i) <= x.last);
    return s === undefined ? null : (s.entry as number);
  });
}

const writes = fc.array(
  fc.tuple(fc.nat(SIZE - 1), fc.nat(SIZE - 1), fc.option(fc.integer({ min: 1, max: 4 }))),
  { maxLength: 30 },
);

describe("range map searches", () => {
  it("overwrite keeps every index's entry, and rangeAt finds the range holding it", () => {
    fc.assert(
      fc.property(writes, (ws) => {
        let spans: Span[] = [];
        const plain: (number | null)[] = Array(SIZE).fill(null);
        for (const [x, y, e] of ws) {
          const [a, b] = x <= y ? [x, y] : [y, x];
          spans = overwrite(spans, BigInt(a), BigInt(b), e as never);
          for (let i = a; i <= b; i++) plain[i] = e;
        }
        expect(perIndex(spans)).toEqual(plain);
        // Sorted, disjoint, no empty span.
        for (let k = 0; k < spans.length; k++) {
          expect(spans[k].first <= spans[k].last).toBe(true);
          if (k > 0) expect(spans[k - 1].last < spans[k].first).toBe(true);
        }
        for (let i = 0; i < SIZE + 2; i++) {
          const r = rangeAt(spans, BigInt(i));
          expect(r.first <= BigInt(i) && BigInt(i) <= r.last).toBe(true);
          expect(r.entry).toBe(i < SIZE ? plain[i] : null);
        }
        // The ranges partition the index space.
        const all = allRanges(spans);
        expect(all[0].first).toBe(0n);
        for (let k = 1; k < all.length; k++) expect(all[k].first).toBe(all[k - 1].last + 1n);
      }),
      { seed: 1, numRuns: 500 },
    );
  });
});
