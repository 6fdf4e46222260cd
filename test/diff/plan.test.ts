/** Which trace a diff run makes as trace t: deterministic from the seed and t alone. */
import { describe, expect, it } from "vitest";
import { type DiffPlan, flagSetProblem, planTrace } from "../../src/diff/plan.js";

const plan: DiffPlan = {
  seed: 7,
  traces: 12,
  ops: 50,
  flagSets: ["0", "alloc|rcu"],
  cursor: true,
  unguarded: false,
  universe: "all",
};

describe("planTrace", () => {
  it("gives the same trace for the same seed and number, another for another seed", () => {
    expect(planTrace(plan, 5)).toEqual(planTrace(plan, 5));
    expect(planTrace({ ...plan, traces: 1000 }, 5)).toEqual(planTrace(plan, 5));
    expect(planTrace({ ...plan, seed: 8 }, 5).text).not.toBe(planTrace(plan, 5).text);
  });

  it("rotates flag sets per trace, and cursor traces and universes per round", () => {
    const ts = Array.from({ length: 8 }, (_, t) => planTrace(plan, t));
    expect(ts.map((t) => t.flags)).toEqual([
      "0",
      "alloc|rcu",
      "0",
      "alloc|rcu",
      "0",
      "alloc|rcu",
      "0",
      "alloc|rcu",
    ]);
    expect(ts.map((t) => t.cursor)).toEqual([false, false, true, true, false, false, true, true]);
    expect(ts.map((t) => t.guard)).toEqual(ts.map((t) => t.cursor));
    expect(ts.map((t) => t.universe).slice(0, 6)).toEqual([
      "small",
      "small",
      "spread",
      "spread",
      "mixed",
      "mixed",
    ]);
    expect(ts[1]?.text.startsWith("init alloc|rcu\n")).toBe(true);
  });

  it("runs cursor traces without --guard when unguarded", () => {
    const t = planTrace({ ...plan, unguarded: true }, 2);
    expect(t.cursor).toBe(true);
    expect(t.guard).toBe(false);
  });
});

describe("flagSetProblem", () => {
  it("accepts what init accepts as one token, and names anything else", () => {
    for (const ok of ["0", "alloc", "rcu", "alloc|rcu", "rcu+alloc"])
      expect(flagSetProblem(ok)).toBeNull();
    for (const bad of ["bogus", "alloc|x", "alloc rcu", "ALLOC"])
      expect(flagSetProblem(bad)).toMatch(/^bad flag set ".*": expected 0, alloc or rcu/);
  });
});
