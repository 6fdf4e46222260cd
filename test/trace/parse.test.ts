import { describe, expect, it } from "vitest";
import { XA_ZERO_ENTRY } from "../../src/impl/entry.js";
import { ULONG_MAX } from "../../src/impl/u64.js";
import { parseLine, parseTokens, parseTrace } from "../../src/trace/parse.js";

describe("parseTrace", () => {
  it("skips blank and # lines and keeps 1-based line numbers", () => {
    const lines = parseTrace("# c\n\nload 1\n  \t\r\n   # indented\nstore 1 2 null\n");
    expect(lines.map((l) => [l.lineNo, l.name])).toEqual([
      [3, "load"],
      [6, "store"],
    ]);
  });

  it("reads a last line without newline and splits on spaces, tabs and CR", () => {
    const lines = parseTrace("load 1\r\n\tstore\t1 \t2\r3");
    expect(lines).toHaveLength(2);
    expect(lines[1]?.parsed).toEqual({
      kind: "op",
      op: { op: "store", first: 1n, last: 2n, entry: 3n },
    });
    expect(lines[1]?.text).toBe("store\t1 \t2\r3");
  });

  it("ends a line at a NUL byte, as the C reader does", () => {
    expect(parseLine("load 3\0garbage", 1)?.parsed).toEqual({
      kind: "op",
      op: { op: "load", index: 3n },
    });
  });
});

describe("parseTokens", () => {
  it("takes `zero` (XA_ZERO_ENTRY) as store's VALUE only, as the C runner does", () => {
    expect(parseTokens(["store", "1", "2", "zero"])).toEqual({
      kind: "op",
      op: { op: "store", first: 1n, last: 2n, entry: XA_ZERO_ENTRY },
    });
    for (const tok of [
      ["insert", "1", "2", "zero"],
      ["alloc", "1", "0", "9", "zero"],
      ["cyclic", "0", "9", "zero"],
      ["mstore", "zero"],
      ["poke", "1", "0", "slot0", "zero"],
    ])
      expect(parseTokens(tok)).toEqual({ kind: "parse-error" });
  });

  it("types every operation", () => {
    expect(parseTokens(["init", "alloc|rcu"])).toEqual({
      kind: "op",
      op: { op: "init", flags: 3 },
    });
    expect(parseTokens(["init"])).toEqual({ kind: "op", op: { op: "init", flags: 0 } });
    expect(parseTokens(["find", "0", "max"])).toEqual({
      kind: "op",
      op: { op: "find", index: 0n, max: ULONG_MAX },
    });
    expect(parseTokens(["prev", "9", "0"])).toEqual({
      kind: "op",
      op: { op: "prev", index: 9n, min: 0n },
    });
    expect(parseTokens(["alloc", "5", "0", "max", "null"])).toEqual({
      kind: "op",
      op: { op: "alloc", size: 5n, min: 0n, max: ULONG_MAX, entry: null },
    });
    expect(parseTokens(["cyclic", "1", "9", "4"])).toEqual({
      kind: "op",
      op: { op: "cyclic", min: 1n, max: 9n, entry: 4n },
    });
    expect(parseTokens(["cyclicnw", "1", "9", "4"])).toEqual({
      kind: "op",
      op: { op: "cyclicnw", min: 1n, max: 9n, entry: 4n },
    });
    expect(parseTokens(["mfindrangerev", "0"])).toEqual({
      kind: "op",
      op: { op: "mfindrangerev", limit: 0n },
    });
    expect(parseTokens(["mstore", "null"])).toEqual({
      kind: "op",
      op: { op: "mstore", entry: null },
    });
    expect(parseTokens(["mrgap", "1", "2", "3"])).toEqual({
      kind: "op",
      op: { op: "mrgap", min: 1n, max: 2n, size: 3n },
    });
    expect(parseTokens(["validate"])).toEqual({ kind: "op", op: { op: "validate" } });
  });

  it("gives parse errors for argument counts and bad numbers", () => {
    expect(parseTokens(["store", "1", "2"])).toEqual({ kind: "parse-error" });
    expect(parseTokens(["validate", "1"])).toEqual({ kind: "parse-error" });
    expect(parseTokens(["load", "-1"])).toEqual({
      kind: "parse-error",
      reason: "index out of range",
    });
    expect(parseTokens(["store", "1", "2", "max"])).toEqual({
      kind: "parse-error",
      reason: "value out of range",
    });
    expect(parseTokens(["init", "alloc", "rcu"])).toEqual({ kind: "parse-error" });
    expect(parseTokens(["init", "bogus"])).toEqual({ kind: "parse-error" });
  });

  it("says when a number is out of range (the driver's answer stays `err parse`)", () => {
    const reason = (...tok: string[]) => {
      const p = parseTokens(tok);
      return p.kind === "parse-error" ? (p.reason ?? "not a number") : p.kind;
    };
    expect(reason("load", "18446744073709551615")).toBe("op");
    expect(reason("load", "18446744073709551616")).toBe("index out of range");
    expect(reason("load", "0x10000000000000000")).toBe("index out of range");
    expect(reason("load", "-1")).toBe("index out of range");
    expect(reason("load", "-0x1")).toBe("index out of range");
    expect(reason("load", "-0")).toBe("not a number");
    expect(reason("load", "1e3")).toBe("not a number");
    expect(reason("load", "--1")).toBe("not a number");
    expect(reason("store", "1", "2", "9223372036854775808")).toBe("value out of range");
    expect(reason("store", "1", "2", "-5")).toBe("value out of range");
    expect(reason("store", "1", "2", "x")).toBe("not a number");
  });

  it("names unknown operations, and rejects more than 8 tokens before anything else", () => {
    expect(parseTokens(["frobnicate"])).toEqual({ kind: "unknown-op" });
    expect(parseTokens("a b c d e f g h".split(" "))).toEqual({ kind: "unknown-op" });
    expect(parseTokens("load 1 2 3 4 5 6 7 8".split(" "))).toEqual({ kind: "too-many-tokens" });
  });
});
