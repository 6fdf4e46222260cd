/** Budgets: running out of executions or cutting choices with a preemption bound is never a pass. */
import { describe, expect, it } from "vitest";
import { runSpec } from "../../../src/checker/run/run-spec.js";
import { variant } from "./helpers.js";

describe("bounds", () => {
  it("an execution budget too small for the RCU-on seed bug gives incomplete", () => {
    const spec = variant("explore-seed-bug-rcu-on", (j) => {
      j.explore.bounds.executions = 10;
    });
    const o = runSpec(spec);
    expect(o.verdict).toBe("incomplete");
    expect(o.executions).toBe(10);
    expect(o.exploration?.[0].incompleteReason).toMatch(/execution budget of 10/);
  });

  it("a preemption bound that cuts choices gives incomplete", () => {
    const spec = variant("explore-seed-bug-rcu-on", (j) => {
      j.explore.bounds.preemptions = 0;
    });
    const o = runSpec(spec);
    expect(o.verdict).toBe("incomplete");
    expect(o.exploration?.[0].incompleteReason).toMatch(/preemption bound 0/);
  });

  it("a violation within the bound is still found, and replays with that bound", () => {
    const spec = variant("explore-seed-bug-rcu-off", (j) => {
      j.explore.bounds.preemptions = 1;
    });
    const o = runSpec(spec);
    expect(o.verdict).toBe("violation");
    expect(o.counterexample?.replayToken).toMatch(
      /^explore:explore-seed-bug-rcu-off@[0-9a-f]{12}:1:/,
    );
  });

  it("a reader step budget too small reports a livelock", () => {
    const spec = variant("explore-seed-bug-rcu-on", (j) => {
      j.explore.bounds.readerSteps = 3;
      j.expect = "violation";
    });
    const o = runSpec(spec);
    expect(o.verdict).toBe("violation");
    expect(o.counterexample?.error).toMatch(/^livelock/);
  });
});
