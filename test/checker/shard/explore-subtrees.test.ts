import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { explore } from "../../../src/checker/explorer/index.js";
import { compileScenario } from "../../../src/checker/scenario/compile.js";
import { specScenario } from "../../../src/checker/scenario/from-spec.js";
import { loadSpecFile } from "../../../src/checker/spec/load-spec.js";

const SPECS = join(import.meta.dirname, "../../../specs");
const ALWAYS_CUT = { maxPlanShare: Number.POSITIVE_INFINITY };

function compiled(name: string) {
  return compileScenario(specScenario(loadSpecFile(join(SPECS, `${name}.json`))));
}

describe("an exploration cut into subtrees for shards (ExploreOptions.subtree)", () => {
  it.each([
    ["explore-slot-store-both-sides-rcu-on", 4],
    ["explore-slot-store-both-sides-rcu-on", 8],
    ["explore-seed-bug-rcu-off", 8],
  ])(
    "%s in %i parts: the same executions, observations and violations as the whole",
    (name, count) => {
      const c = compiled(name);
      const opts = { check: c.check, stopOnFirstViolation: false, collectObservations: true };
      const whole = explore(c.scenario, opts);
      const parts = Array.from({ length: count }, (_, i) =>
        explore(c.scenario, { ...opts, subtree: { index: i + 1, count, plan: ALWAYS_CUT } }),
      );
      const sum = (f: (r: (typeof parts)[0]) => number) => parts.reduce((n, p) => n + f(p), 0);
      expect(sum((p) => p.executions)).toBe(whole.executions);
      expect(sum((p) => p.violatingExecutions)).toBe(whole.violatingExecutions);
      const seen = new Set(parts.flatMap((p) => p.observations ?? []));
      expect([...seen].sort()).toEqual(whole.observations);
      // Every part has work: the schedule space is cut deeper than its first choice.
      expect(parts.every((p) => p.executions > 0)).toBe(true);
    },
  );

  it("deals by estimated size: 4 parts within 1.3 of the mean", () => {
    const c = compiled("explore-slot-store-both-sides-rcu-on");
    const runs = [1, 2, 3, 4].map(
      (index) =>
        explore(c.scenario, {
          check: c.check,
          subtree: { index, count: 4, plan: ALWAYS_CUT },
        }).executions,
    );
    const mean = runs.reduce((a, b) => a + b, 0) / 4;
    expect(Math.max(...runs) / mean).toBeLessThanOrEqual(1.3);
  });

  it("a small exploration goes whole to one part", () => {
    const c = compiled("explore-slot-store-both-sides-rcu-on");
    const runs = [1, 2, 3, 4].map(
      (index) => explore(c.scenario, { check: c.check, subtree: { index, count: 4 } }).executions,
    );
    expect(runs.filter((n) => n > 0)).toEqual([explore(c.scenario, { check: c.check }).executions]);
  });

  it("a violation found in a part replays from its path", () => {
    const c = compiled("explore-seed-bug-rcu-off");
    const part = explore(c.scenario, {
      check: c.check,
      subtree: { index: 5, count: 8, plan: ALWAYS_CUT },
    });
    expect(part.verdict).toBe("violation");
    const again = explore(c.scenario, { check: c.check, replayPath: part.violations[0].path });
    expect(again.violations[0].text).toBe(part.violations[0].text);
  });
});
