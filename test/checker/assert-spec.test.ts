import { describe, expect, it } from "vitest";
import { assertSpec } from "../../src/checker/assert-spec.js";

describe("assertSpec: specs from a user's own test file", () => {
  it("returns the outcome when a spec keeps its verdict", () => {
    const outcome = assertSpec("specs/explore-seed-bug-rcu-off.json");
    expect(outcome.verdict).toBe("violation");
    expect(outcome.counterexample?.replayToken).toMatch(
      /^explore:explore-seed-bug-rcu-off@[0-9a-f]{12}:/,
    );
  });

  it("takes a spec as data and runs it with overrides", () => {
    const outcome = assertSpec(
      {
        name: "inline",
        mode: "sequential",
        tree: { flags: ["alloc"], geometry: "small" },
        expect: "pass",
        sequential: { runs: 20, seed: 3 },
      },
      { runs: 5 },
    );
    expect(outcome.scenarios).toBe(5);
    expect(outcome.executions).toBeGreaterThan(0);
  });

  it("throws the formatted counterexample when the verdict is not the expected one", () => {
    expect(() =>
      assertSpec({
        name: "planted",
        mode: "sequential",
        tree: { flags: ["alloc"], geometry: "small", faults: ["planted:rev-gap-fit-off-by-one"] },
        expect: "pass",
        sequential: { runs: 200, seed: 12 },
      }),
    ).toThrow(
      /planted: violation \(expected pass\)[\s\S]*replay: maple-check replay seq:planted@[0-9a-f]{12}:/,
    );
  });
});
