import { describe, expect, it } from "vitest";
import type { Boundaries } from "../../../src/checker/sequential/index-choice.js";
import { resolveIndex } from "../../../src/checker/sequential/index-choice.js";
import { resolveLine } from "../../../src/checker/sequential/op-template.js";
import { ULONG_MAX } from "../../../src/impl/u64.js";

const b: Boundaries = {
  ranges: [
    [0n, 9n],
    [10n, 19n],
    [20n, ULONG_MAX],
  ],
  leaves: [[0n, ULONG_MAX]],
};

describe("command templates", () => {
  it("resolves boundary choices against the current ranges, clamped to the index space", () => {
    expect(resolveIndex({ kind: "range", nth: 1, end: true, delta: 1 }, b)).toBe(20n);
    expect(resolveIndex({ kind: "range", nth: 4, end: false, delta: -1 }, b)).toBe(9n); // 4 % 3 = 1
    expect(resolveIndex({ kind: "range", nth: 0, end: false, delta: -1 }, b)).toBe(0n);
    expect(resolveIndex({ kind: "range", nth: 2, end: true, delta: 1 }, b)).toBe(ULONG_MAX);
    expect(resolveIndex({ kind: "node", nth: 0, end: true, delta: 0 }, b)).toBe(ULONG_MAX);
  });

  it("prints protocol lines with max, null and ranges reaching from their first index", () => {
    const line = resolveLine(
      {
        name: "store",
        args: [
          { t: "index", c: { kind: "range", nth: 1, end: false, delta: 0 } },
          { t: "last", from: 0, reach: { kind: "len", len: 5n } },
          { t: "value", v: { kind: "null" } },
        ],
      },
      b,
    );
    expect(line).toBe("store 10 15 null");
    const top = resolveLine(
      {
        name: "insert",
        args: [
          { t: "index", c: { kind: "lit", value: ULONG_MAX - 1n } },
          { t: "last", from: 0, reach: { kind: "len", len: 7n } },
          { t: "value", v: { kind: "lit", value: 3n } },
        ],
      },
      b,
    );
    expect(top).toBe("insert 18446744073709551614 max 3");
  });

  it("never produces a last below the first for `to` reaches", () => {
    const line = resolveLine(
      {
        name: "mrange",
        args: [
          { t: "index", c: { kind: "lit", value: 30n } },
          { t: "last", from: 0, reach: { kind: "to", to: { kind: "lit", value: 5n } } },
        ],
      },
      b,
    );
    expect(line).toBe("mrange 30 30");
  });
});
