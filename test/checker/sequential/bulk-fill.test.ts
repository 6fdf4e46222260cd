import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type FillTemplate,
  fillArbitrary,
  fillStores,
} from "../../../src/checker/sequential/bulk-fill.js";
import type { Boundaries } from "../../../src/checker/sequential/index-choice.js";
import { LONG_MAX, ULONG_MAX } from "../../../src/impl/u64.js";

const b: Boundaries = { ranges: [[0n, ULONG_MAX]], leaves: [[0n, ULONG_MAX]] };
const fill = (t: Partial<FillTemplate>): FillTemplate => ({
  name: "fill",
  start: { kind: "lit", value: 10n },
  count: 3,
  len: 2n,
  step: 3n,
  reverse: false,
  values: "count",
  base: 1n,
  ...t,
});

describe("bulk fills", () => {
  it("store count ranges of len, step apart, forward or in reverse", () => {
    expect(fillStores(fill({}), b)).toEqual([
      [10n, 11n, 1n],
      [13n, 14n, 2n],
      [16n, 17n, 3n],
    ]);
    expect(fillStores(fill({ reverse: true, values: "index" }), b)).toEqual([
      [16n, 17n, 16n],
      [13n, 14n, 13n],
      [10n, 11n, 10n],
    ]);
    expect(fillStores(fill({ values: "same", base: 5n, step: 2n }), b).map((s) => s[2])).toEqual([
      5n,
      5n,
      5n,
    ]);
  });

  it("stop at the top of the index space and keep values within LONG_MAX", () => {
    const top = fill({ start: { kind: "lit", value: ULONG_MAX - 3n }, count: 4, values: "index" });
    expect(fillStores(top, b)).toEqual([
      [ULONG_MAX - 3n, ULONG_MAX - 2n, LONG_MAX],
      [ULONG_MAX, ULONG_MAX, LONG_MAX],
    ]);
  });

  it("never overlap their own ranges, and count from 1 to 300", () => {
    fc.assert(
      fc.property(fillArbitrary("small"), (t) => {
        expect(t.count).toBeGreaterThanOrEqual(1);
        expect(t.count).toBeLessThanOrEqual(300);
        const s = fillStores(t, b).sort((x, y) => (x[0] < y[0] ? -1 : 1));
        for (let i = 1; i < s.length; i++) expect(s[i][0] > s[i - 1][1]).toBe(true);
        for (const [first, last, v] of s) {
          expect(first <= last).toBe(true);
          expect(v <= LONG_MAX).toBe(true);
        }
      }),
      { seed: 1, numRuns: 100 },
    );
  });
});
