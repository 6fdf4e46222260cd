import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  resolveValue,
  storedEntry,
  valueChoice,
  valueClass,
} from "../../../src/checker/sequential/entry-value.js";
import { LONG_MAX, ULONG_MAX } from "../../../src/impl/u64.js";
import { parseArgs } from "../../../src/trace/parse.js";

describe("entry values", () => {
  it("tie values to an argument's index, clamped to LONG_MAX", () => {
    expect(resolveValue({ kind: "index", from: 0, plus: 0n }, [40n, 50n])).toBe(40n);
    expect(resolveValue({ kind: "index", from: 1, plus: 2n }, [40n, 50n])).toBe(52n);
    expect(resolveValue({ kind: "index", from: 0, plus: 1n }, [ULONG_MAX])).toBe(LONG_MAX);
    expect(resolveValue({ kind: "null" }, [])).toBeNull();
    expect(resolveValue({ kind: "lit", value: 0n }, [])).toBe(0n);
  });

  it("are always entries the protocol accepts", () => {
    fc.assert(
      fc.property(valueChoice(true, 0), fc.bigInt({ min: 0n, max: ULONG_MAX }), (c, first) => {
        const v = resolveValue(c, [first, first]);
        expect(parseArgs("store", [first, first, v], 1).parsed.kind).toBe("op");
      }),
      { seed: 1 },
    );
  });

  it("cover every class: NULL, 0, small, =index, >index, large, LONG_MAX", () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(valueChoice(true, 0), fc.bigInt({ min: 7n, max: 1000n }), (c, first) => {
        seen.add(valueClass(resolveValue(c, [first]), first));
      }),
      { seed: 1, numRuns: 2000 },
    );
    expect([...seen].sort()).toEqual(
      [">index", "=index", "LONG_MAX", "large", "null", "small", "zero"].sort(),
    );
  });

  it("classify entries by the index they are stored at", () => {
    expect(valueClass(null, 5n)).toBe("null");
    expect(valueClass(0n, 0n)).toBe("zero");
    expect(valueClass(LONG_MAX, LONG_MAX)).toBe("LONG_MAX");
    expect(valueClass(1000n, 1000n)).toBe("=index");
    expect(valueClass(1002n, 1000n)).toBe(">index");
    expect(valueClass((1n << 32n) + 10n, 10n)).toBe(">index");
    expect(valueClass(3n, 1000n)).toBe("small");
    expect(valueClass(1n << 40n, 0n)).toBe("large");
    expect(storedEntry("store", [3n, 9n, 4n])).toEqual([4n, 3n]);
    expect(storedEntry("alloc", [2n, 10n, 20n, 7n])).toEqual([7n, 10n]);
    expect(storedEntry("load", [3n])).toBeUndefined();
  });
});
