import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runSpec } from "../../../src/checker/run/run-spec.js";
import { loadSpecFile } from "../../../src/checker/spec/load-spec.js";
import { SPECS } from "./helpers.js";

const PASSING = [
  "explore-seed-bug-rcu-on",
  "explore-slot-store-both-sides-rcu-on",
  "explore-rcu-reader-inversion-per-thread",
  "explore-guard-gap-rcu-off",
];

describe("an exploration split into schedule subtrees (ExploreOptions.subtree)", () => {
  it.each(PASSING)(
    "%s: the parts' executions add up to the whole, for 2, 3, 4, 5 and 8 parts",
    (name) => {
      const spec = loadSpecFile(join(SPECS, `${name}.json`));
      const whole = runSpec(spec);
      expect(whole.verdict).toBe("pass");
      for (const count of [2, 3, 4, 5, 8]) {
        const parts = Array.from({ length: count }, (_, i) =>
          runSpec(spec, { subtree: { index: i + 1, count } }),
        );
        expect(parts.every((p) => p.verdict === "pass")).toBe(true);
        expect(parts.reduce((n, p) => n + p.executions, 0)).toBe(whole.executions);
      }
    },
  );

  it("a violation is found in its part, and replays from its token", () => {
    const spec = loadSpecFile(join(SPECS, "explore-rcu-reader-inversion.json"));
    const parts = [1, 2].map((index) => runSpec(spec, { subtree: { index, count: 2 } }));
    const failing = parts.filter((p) => p.verdict === "violation");
    expect(failing.length).toBeGreaterThan(0);
    expect(failing[0].counterexample?.replayToken).toMatch(
      /^explore:explore-rcu-reader-inversion@[0-9a-f]{12}:/,
    );
  });
});
