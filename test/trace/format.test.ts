import { describe, expect, it } from "vitest";
import { EBUSY, EEXIST, EINVAL, MaStatus } from "../../src/impl/constants.js";
import { XA_ZERO_ENTRY } from "../../src/impl/entry.js";
import { ULONG_MAX } from "../../src/impl/u64.js";
import { formatEntry, formatErr, formatResult } from "../../src/trace/format.js";

describe("formatResult", () => {
  it("prints entries as the driver's entry_str", () => {
    expect(formatEntry(null)).toBe("null");
    expect(formatEntry(42n)).toBe("42");
    expect(formatEntry(XA_ZERO_ENTRY)).toBe("zero");
  });

  it("prints errors by name, unknown ones as numbers", () => {
    expect(formatErr(EINVAL)).toBe("err -EINVAL");
    expect(formatErr(EEXIST)).toBe("err -EEXIST");
    expect(formatErr(EBUSY)).toBe("err -EBUSY");
    expect(formatErr(-5)).toBe("err -5");
  });

  it("prints every result kind in the protocol's form", () => {
    const r = { entry: 7n, index: 10n, last: ULONG_MAX };
    expect(formatResult({ kind: "ok" })).toBe("ok");
    expect(formatResult({ kind: "parse-error" })).toBe("err parse");
    expect(formatResult({ kind: "unknown-op" })).toBe("err unknown-op");
    expect(formatResult({ kind: "ub" })).toBe("err ub");
    expect(formatResult({ kind: "range", range: { ...r, entry: null } })).toBe(
      "null 10 18446744073709551615",
    );
    expect(formatResult({ kind: "found", hit: null })).toBe("null");
    expect(formatResult({ kind: "found", hit: r })).toBe("7 10 18446744073709551615");
    expect(formatResult({ kind: "find", hit: { ...r, newIndex: 0n, mismatch: false } })).toBe(
      "7 10 18446744073709551615 0",
    );
    expect(formatResult({ kind: "find", hit: { ...r, newIndex: 0n, mismatch: true } })).toBe(
      "7 10 18446744073709551615 0 !mismatch",
    );
    expect(formatResult({ kind: "cyclic", start: 5n, wrapped: 1, next: 6n })).toBe("5 1 6");
    expect(formatResult({ kind: "entries", list: [] })).toBe("empty");
    expect(formatResult({ kind: "entries", list: [r, { entry: 1n, index: 0n, last: 0n }] })).toBe(
      "[10,18446744073709551615]=7 [0,0]=1",
    );
    expect(
      formatResult({ kind: "ranges", list: [{ entry: null, index: 0n, last: ULONG_MAX }] }),
    ).toBe("[0,18446744073709551615]=null");
    expect(formatResult({ kind: "bool", value: true })).toBe("true");
    expect(formatResult({ kind: "validate", count: 0, first: "" })).toBe("valid");
    expect(formatResult({ kind: "validate", count: 2, first: "BUG:mt_validate_nulls:7571" })).toBe(
      "invalid 2 first=BUG:mt_validate_nulls:7571",
    );
    expect(formatResult({ kind: "state", index: 1n, last: 2n, status: MaStatus.underflow })).toBe(
      "1 2 underflow",
    );
    expect(
      formatResult({ kind: "cursor", entry: null, index: 3n, last: 4n, status: MaStatus.pause }),
    ).toBe("null 3 4 pause");
    expect(formatResult({ kind: "crash", error: new Error("x") })).toBe("crash");
  });
});
