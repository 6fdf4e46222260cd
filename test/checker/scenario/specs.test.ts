/**
 * Every explore spec of specs/ keeps its verdict: the seed bug and its controls (maple-tree.md
 * §7.3, §9.6), the slot store grown on both sides, the planted historic faults, the generated
 * scenarios, and the findings kept as specs.
 */
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { meetsExpectation } from "../../../src/checker/run/outcome.js";
import { runSpec } from "../../../src/checker/run/run-spec.js";
import { specNamed } from "./helpers.js";

const EXPLORE_SPECS = readdirSync("specs")
  .filter((n) => n.startsWith("explore-") && n.endsWith(".json"))
  .map((n) => n.replace(/\.json$/, ""))
  .sort();

describe("explore specs keep their verdicts", () => {
  it("the set of specs is the expected one", () => {
    expect(EXPLORE_SPECS).toEqual(
      expect.arrayContaining([
        "explore-seed-bug-rcu-off",
        "explore-seed-bug-rcu-on",
        "explore-guard-gap-rcu-off",
        "explore-guard-gap-rcu-on",
        "explore-slot-store-both-sides-rcu-off",
        "explore-slot-store-both-sides-rcu-on",
        "explore-fault-append-in-rcu",
        "explore-fault-node-store-in-place",
        "explore-generated-rcu",
      ]),
    );
  });

  for (const name of EXPLORE_SPECS) {
    it(name, () => {
      const spec = specNamed(name);
      const o = runSpec(spec);
      expect(o.mode).toBe("explore");
      expect(o.verdict).toBe(spec.expect);
      expect(meetsExpectation(o)).toBe(true);
      // Every generated scenario is explored; one that met a known finding stopped there.
      expect(o.exploreCoverage?.excluded ?? {}).toEqual({});
      expect(o.exploration?.length).toBe(o.scenarios);
      const met = Object.values(o.exploreCoverage?.knownMet ?? {}).reduce((n, x) => n + x, 0);
      if (o.verdict === "pass") {
        expect(o.counterexample).toBeUndefined();
        const stopped = (o.exploration ?? []).filter((e) => e.verdict !== "pass");
        expect(stopped.length).toBe(met);
        for (const e of stopped) expect(e.verdict).toBe("violation");
      } else {
        expect(o.counterexample?.replayToken).toMatch(new RegExp(`^explore:${name}@[0-9a-f]{12}:`));
        expect(o.counterexample?.body).toContain("timeline:");
      }
    });
  }
});

describe("the seed bug, RCU off", () => {
  it("is found at once, with one preemption, and the timeline shows where the answer went wrong", () => {
    const o = runSpec(specNamed("explore-seed-bug-rcu-off"));
    const e = o.exploration?.[0];
    expect(e?.executions).toBeLessThanOrEqual(5);
    expect(e?.copyBlocks).toEqual([32]);
    const cx = o.counterexample;
    expect(cx?.size.preemptions).toBe(1);
    expect(cx?.error).toContain("walk-then-prev `mprev 0`");
    // mas_prev returns B although the model has S before 0x8000 in both states.
    expect(cx?.body).toContain('in S0 the spec answers "3 20480 32767 active"');
    expect(cx?.body).toContain('in S1 the spec answers "3 16384 32767 active"');
    expect(cx?.body).toMatch(
      /read node#1 slot\[5\] = NULL {3}<== the answer leaves every state the model allows/,
    );
    expect(cx?.body).toContain("store node#1 slot[5] := NULL (was 0x3)");
  });

  it("with RCU on every interleaving is explored (each distinct observation at least once)", () => {
    const o = runSpec(specNamed("explore-seed-bug-rcu-on"));
    const e = o.exploration?.[0];
    expect(o.verdict).toBe("pass");
    expect(e?.gracePeriods).toBe(1);
    expect(e?.copyBlocks).toEqual([]);
    expect(e?.distinctObservations).toBeLessThanOrEqual(e?.executions ?? 0);
    expect(BigInt(e?.naiveInterleavings ?? "0")).toBeGreaterThan(10n ** 30n);
  });

  it("the append fault shows the cfeb6ae8bcb9 symptom: the new entry with the old end pivot", () => {
    const o = runSpec(specNamed("explore-fault-append-in-rcu"));
    expect(o.counterexample?.body).toContain("(store type wr_append)");
    expect(o.counterexample?.error).toContain('-> "9 80 18446744073709551615 active"');
  });
});
