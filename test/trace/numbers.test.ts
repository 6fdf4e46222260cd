import { describe, expect, it } from "vitest";
import { LONG_MAX, ULONG_MAX } from "../../src/impl/u64.js";
import { BAD_VALUE, parseFlags, parseIndex, parseValue } from "../../src/trace/numbers.js";

describe("parseIndex (the driver's parse_ul)", () => {
  it("reads decimal, 0x hex and max", () => {
    expect(parseIndex("0")).toBe(0n);
    expect(parseIndex("00017")).toBe(17n);
    expect(parseIndex("0x1f")).toBe(31n);
    expect(parseIndex("0X1F")).toBe(31n);
    expect(parseIndex("max")).toBe(ULONG_MAX);
    expect(parseIndex("18446744073709551615")).toBe(ULONG_MAX);
    expect(parseIndex("0xffffffffffffffff")).toBe(ULONG_MAX);
  });

  it("accepts a second 0x prefix as strtoul does, but not an empty one", () => {
    expect(parseIndex("0x0x12")).toBe(18n);
    expect(parseIndex("0x0x")).toBeNull();
    expect(parseIndex("0x")).toBeNull();
    expect(parseIndex("0xg")).toBeNull();
  });

  it("rejects signs, letters, overflow and other spellings", () => {
    for (const bad of [
      "-1",
      "+1",
      "1f",
      "MAX",
      "Max",
      "1e3",
      "1.0",
      "",
      " 1",
      "18446744073709551616",
      "0x10000000000000000",
    ]) {
      expect(parseIndex(bad), bad).toBeNull();
    }
    expect(parseIndex(undefined)).toBeNull();
  });
});

describe("parseValue (the driver's parse_entry)", () => {
  it("reads null and integers up to LONG_MAX", () => {
    expect(parseValue("null")).toBeNull();
    expect(parseValue("0")).toBe(0n);
    expect(parseValue("9223372036854775807")).toBe(LONG_MAX);
    expect(parseValue("0x7fffffffffffffff")).toBe(LONG_MAX);
  });

  it("rejects values above LONG_MAX, max and junk", () => {
    expect(parseValue("9223372036854775808")).toBe(BAD_VALUE);
    expect(parseValue("max")).toBe(BAD_VALUE);
    expect(parseValue("NULL")).toBe(BAD_VALUE);
    expect(parseValue(undefined)).toBe(BAD_VALUE);
  });
});

describe("parseFlags (the driver's parse_flags)", () => {
  it("joins alloc and rcu with |, , or + and skips 0, none and empty words", () => {
    expect(parseFlags(undefined)).toBe(0);
    expect(parseFlags("0")).toBe(0);
    expect(parseFlags("none")).toBe(0);
    expect(parseFlags("alloc")).toBe(1);
    expect(parseFlags("rcu")).toBe(2);
    expect(parseFlags("alloc|rcu")).toBe(3);
    expect(parseFlags("rcu+alloc")).toBe(3);
    expect(parseFlags("alloc,,rcu")).toBe(3);
    expect(parseFlags(",,|+")).toBe(0);
  });

  it("rejects unknown words", () => {
    expect(parseFlags("bogus")).toBeNull();
    expect(parseFlags("alloc|Rcu")).toBeNull();
  });

  it("reads only the first 127 bytes, like the driver's buffer", () => {
    // Checked against the oracle: 5 + 119 + 3 bytes fit, 120 cuts "rcu" to "rc", 122 drops it.
    const pad = (n: number) => "|".repeat(n);
    expect(parseFlags(`alloc${pad(119)}rcu`)).toBe(3);
    expect(parseFlags(`alloc${pad(120)}rcu`)).toBeNull();
    expect(parseFlags(`alloc${pad(122)}rcu`)).toBe(1);
    expect(parseFlags(`alloc${pad(122)}bogus`)).toBe(1);
  });
});
