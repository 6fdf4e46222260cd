/**
 * Generated scenarios: fast-check draws them, the explorer enumerates each one; a failure is
 * shrunk as a scenario (fewer, smaller lines) and then as a schedule (fewest preemptions).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseToken } from "../../../src/checker/run/replay-token.js";
import { runSpec } from "../../../src/checker/run/run-spec.js";
import { exploredFully } from "../../../src/checker/scenario/coverage.js";
import { generatedScenario, scenarioArbitrary } from "../../../src/checker/scenario/generate.js";
import { plantedFaultSpec, specNamed } from "./helpers.js";

describe("generated scenarios", () => {
  it("draws scenarios inside the spec's limits, deterministically", () => {
    const spec = specNamed("explore-generated-rcu");
    const g = spec.explore?.generate;
    const a = fc.sample(scenarioArbitrary(spec), { seed: 3, numRuns: 60 });
    const b = fc.sample(scenarioArbitrary(spec), { seed: 3, numRuns: 60 });
    expect(a).toEqual(b);
    for (const s of a) {
      expect(s.writer.length).toBeGreaterThanOrEqual(1);
      expect(s.writer.length).toBeLessThanOrEqual(g?.maxWriterOps ?? 0);
      expect(s.readers.length).toBeLessThanOrEqual(g?.maxReaders ?? 0);
      expect(s.order).toBe("per-thread");
      const ops = s.readers.flatMap((r) => r.lines.filter((l) => !l.startsWith("mset")));
      expect(ops.length).toBeGreaterThanOrEqual(1);
      expect(ops.length).toBeLessThanOrEqual(g?.maxReaderOps ?? 0);
      for (const r of s.readers)
        if (r.lines[0].startsWith("m")) expect(r.lines[0]).toMatch(/^mset \d+$/);
    }
    // The sample reaches every prefix shape and reader family the spec names.
    const text = a.map((s) => [...s.prefix, ...s.readers.flatMap((r) => r.lines)].join(";"));
    expect(a.some((s) => s.prefix.length === 0)).toBe(true);
    expect(a.some((s) => s.prefix.length === 1 && s.prefix[0].startsWith("store 0 0 "))).toBe(true);
    expect(a.some((s) => s.prefix.length > 20)).toBe(true);
    for (const op of ["load", "walk", "next", "prev", "mfind", "mfindr", "mnext", "mprev"])
      expect(text.some((t) => t.includes(`${op} `))).toBe(true);
    const writes = a.flatMap((s) => s.writer).join(";");
    for (const w of ["store", "insert", "erase", "alloc", "ralloc", "null", " max"])
      expect(writes).toContain(w);
  });

  it("the generated specs pass: every scenario explored completely, coverage counted", () => {
    for (const name of [
      "explore-generated-rcu",
      "explore-generated-small-rcu",
      "explore-generated-rcu-off",
    ]) {
      const o = runSpec(specNamed(name));
      expect(o.verdict).toBe("pass");
      expect(o.scenarios).toBe(30);
      const c = o.exploreCoverage;
      if (c === undefined) throw new Error("no coverage");
      // Every scenario explored: none skipped; each either passed or met a known finding.
      expect(c.excluded).toEqual({});
      expect(c.scenarios).toBe(30);
      expect(o.exploration).toHaveLength(30);
      const met = Object.values(c.knownMet).reduce((n, x) => n + x, 0);
      const stopped = (o.exploration ?? []).filter((e) => e.verdict === "violation").length;
      expect(stopped).toBe(met);
      expect((o.exploration ?? []).filter((e) => e.verdict === "pass")).toHaveLength(30 - met);
      expect(exploredFully(c)).toBe(30 - met);
      expect(Object.keys(c.readerOps).length).toBeGreaterThan(4);
    }
  });

  it("any seed, and ten times the runs, is explored to the end on a clean tree", () => {
    const names = [
      "explore-generated-rcu",
      "explore-generated-small-rcu",
      "explore-generated-rcu-off",
      "explore-generated-forward-readers-rcu",
    ];
    const cases: [string, number | undefined, number | undefined][] = [
      ...names.flatMap((n) =>
        [1, 2, 3].map((seed): [string, number, undefined] => [n, seed, undefined]),
      ),
      ["explore-generated-rcu", undefined, 300],
      // Seed 4 at ten times the runs needs more than 60,000 executions in one scenario.
      ["explore-generated-small-rcu", 4, 300],
    ];
    for (const [name, seed, runs] of cases) {
      const base = specNamed(name);
      const g = base.explore?.generate;
      if (base.explore === undefined || g === undefined) throw new Error(`${name}: not generated`);
      const spec = {
        ...base,
        explore: {
          ...base.explore,
          generate: { ...g, seed: seed ?? g.seed, runs: runs ?? g.runs },
        },
      };
      const o = runSpec(spec);
      expect(`${name} seed ${seed} runs ${runs}: ${o.verdict}`).toBe(
        `${name} seed ${seed} runs ${runs}: pass`,
      );
      for (const e of o.exploration ?? []) expect(e.verdict).not.toBe("incomplete");
    }
  }, 120_000);

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
    // Shrunk: a few stores, one writer line, one reader operation.
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
    // A scenario that stopped at a violation met a known finding (counted in the coverage).
    const met = Object.values(o.exploreCoverage?.knownMet ?? {}).reduce((n, x) => n + x, 0);
    expect((o.exploration ?? []).filter((e) => e.verdict === "violation")).toHaveLength(met);
    for (const e of o.exploration ?? []) {
      if (e.verdict === "incomplete") expect(e.incompleteReason).toMatch(/execution budget/);
    }
    expect(o.verdict).toBe(
      o.exploration?.some((e) => e.verdict === "incomplete") ? "incomplete" : "pass",
    );
  });
});
