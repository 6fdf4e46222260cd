/**
 * Generated scenarios: fast-check draws them, the explorer enumerates each one; a failure is
 * shrunk as a scenario (fewer, smaller lines) and then as a schedule (fewest preemptions).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseToken } from "../../../src/checker/run/replay-token.js";
import { runSpec } from "../../../src/checker/run/run-spec.js";
import { generatedScenario, scenarioArbitrary } from "../../../src/checker/scenario/generate.js";
import { plantedFaultSpec, specNamed } from "./helpers.js";

describe("generated scenarios", () => {
  it("draws scenarios inside the spec's limits, deterministically", () => {
    const spec = specNamed("explore-generated-rcu");
    const g = spec.explore?.generate;
    const a = fc.sample(scenarioArbitrary(spec), { seed: 3, numRuns: 30 });
    const b = fc.sample(scenarioArbitrary(spec), { seed: 3, numRuns: 30 });
    expect(a).toEqual(b);
    for (const s of a) {
      expect(s.prefix.slice(0, 2)).toEqual(["store 300 309 9", "store 320 329 9"]);
      expect(s.prefix.length - 2).toBeLessThanOrEqual(g?.maxPrefixStores ?? 0);
      expect(s.writer.length).toBeGreaterThanOrEqual(1);
      expect(s.writer.length).toBeLessThanOrEqual(g?.maxWriterOps ?? 0);
      expect(s.readers.length).toBeLessThanOrEqual(g?.maxReaders ?? 0);
      expect(s.order).toBe("linearizable");
      for (const r of s.readers) {
        expect(r.lines.length).toBeLessThanOrEqual(g?.maxReaderOps ?? 0);
        for (const l of r.lines) expect(l).toMatch(/^load \d+$/);
      }
    }
  });

  it("the RCU spec passes: every generated scenario explored completely", () => {
    const o = runSpec(specNamed("explore-generated-rcu"));
    expect(o.verdict).toBe("pass");
    expect(o.scenarios).toBe(12);
    expect(o.exploration).toHaveLength(12);
    for (const e of o.exploration ?? []) expect(e.verdict).toBe("pass");
  });

  it("a planted fault (node store in place under RCU) shrinks to a small scenario and schedule", () => {
    const spec = plantedFaultSpec("node-store-in-place-in-rcu");
    const o = runSpec(spec);
    expect(o.verdict).toBe("violation");
    const cx = o.counterexample;
    if (cx === undefined) throw new Error("no counterexample");
    const token = parseToken(cx.replayToken);
    if (token.mode !== "explore" || token.generated === undefined)
      throw new Error("not a generated token");
    const data = generatedScenario(spec, token.generated.seed, token.generated.path);
    // Shrunk: the two fixed ranges, a few more stores, one writer line, one load.
    console.log(cx.body.split("\n").slice(0, 8).join("\n"));
    expect(data.prefix.length).toBeLessThanOrEqual(6);
    expect(data.writer).toHaveLength(1);
    expect(data.readers).toHaveLength(1);
    expect(data.readers[0].lines).toHaveLength(1);
    expect(cx.size.commands).toBeLessThanOrEqual(8);
    expect(cx.size.preemptions).toBeLessThanOrEqual(2);
    expect(cx.body).toContain("faults node-store-in-place-in-rcu");
    expect(cx.body).toContain("(store type wr_node_store)");
  });

  it("without the fault the same generated scenarios find nothing (a spent budget is incomplete)", () => {
    const spec = plantedFaultSpec("node-store-in-place-in-rcu");
    spec.tree.faults = [];
    spec.expect = "pass";
    if (spec.explore?.generate) spec.explore.generate.runs = 20;
    const o = runSpec(spec);
    expect(o.counterexample).toBeUndefined();
    expect(o.scenarios).toBe(20);
    for (const e of o.exploration ?? []) {
      if (e.verdict !== "pass") expect(e.incompleteReason).toMatch(/execution budget/);
    }
    expect(o.verdict).toBe(
      o.exploration?.every((e) => e.verdict === "pass") ? "pass" : "incomplete",
    );
  });
});
