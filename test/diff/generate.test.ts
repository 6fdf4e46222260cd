/** The diff trace generator: deterministic, well-formed, and covering the protocol. */
import { describe, expect, it } from "vitest";
import { generateTrace } from "../../src/diff/generate.js";
import { Rng, traceSeed } from "../../src/diff/rng.js";
import { parseTrace } from "../../src/trace/parse.js";

const shape = { flags: "alloc|rcu", ops: 400, cursor: true, universe: "mixed" as const };

describe("fuzz trace generator", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    const a = generateTrace(new Rng(traceSeed(5, 3)), shape);
    expect(generateTrace(new Rng(traceSeed(5, 3)), shape)).toBe(a);
    expect(generateTrace(new Rng(traceSeed(5, 4)), shape)).not.toBe(a);
  });

  it("starts with init, ends with validate and nodes, and mixes whole-tree and cursor ops", () => {
    const lines = parseTrace(generateTrace(new Rng(traceSeed(1, 1)), shape));
    expect(lines[0]?.text).toBe("init alloc|rcu");
    expect(lines.slice(-2).map((l) => l.text)).toEqual(["validate", "nodes"]);
    const names = new Set(lines.map((l) => l.name));
    for (const op of ["store", "erase", "load", "mset", "mnext", "mstore"])
      expect(names.has(op), op).toBe(true);
    expect(lines.length).toBeGreaterThanOrEqual(shape.ops);
  });

  it("writes only valid lines except the deliberate bad ones", () => {
    const lines = parseTrace(generateTrace(new Rng(traceSeed(2, 0)), { ...shape, ops: 3000 }));
    const bad = lines.filter((l) => l.parsed.kind !== "op");
    expect(bad.length).toBeLessThan(lines.length / 100);
  });

  it("Rng.big stays within its bounds", () => {
    const r = new Rng(9);
    for (let i = 0; i < 1000; i++) {
      const v = r.big(10n, 20n);
      expect(v >= 10n && v <= 20n).toBe(true);
    }
  });
});
