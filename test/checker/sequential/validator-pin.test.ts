/**
 * The validator fires in the main job: each fault of a seq-validate-* spec (a self-test fault,
 * selftest:*, or a planted or historic one) corrupts the tree in one way a check of
 * mt_validate must report; its sequential spec ends on that check and pins it (KIND:check:line
 * and the tree's text). Another first violation, or a run that ends elsewhere, fails the spec;
 * the same spec without its fault passes; the tolerated corruption passes with the fault on.
 */
import { describe, expect, it } from "vitest";
import { meetsExpectation } from "../../../src/checker/run/outcome.js";
import { runSpec } from "../../../src/checker/run/run-spec.js";
import { Spec } from "../../../src/checker/spec/schema.js";
import { FAULTS } from "../../../src/impl/faults.js";
import { specNamed, variant } from "../scenario/helpers.js";

const PINNED = [
  ["seq-validate-stale-pivot", "WARN:mas_validate_limits:7545"],
  ["seq-validate-stale-slot", "BUG:mas_validate_limits:7534"],
  ["seq-validate-adjacent-nulls", "BUG:mt_validate_nulls:7571"],
  ["seq-validate-missing-limit-pivot", "WARN:mas_validate_limits:7498"],
  ["seq-validate-data-end", "BUG:mas_validate_limits:7525"],
  ["seq-validate-parent-gap", "BUG:mas_validate_gaps:7399"],
  ["seq-validate-node-size", "WARN:mt_validate:7608"],
  ["seq-validate-parent-slot-held-elsewhere", "BUG:mas_validate_parent_slot:7433"],
  ["seq-validate-parent-slot-not-held", "BUG:mas_validate_parent_slot:7429"],
  ["seq-validate-pivot-past-limit", "WARN:mas_validate_limits:7515"],
  ["seq-validate-meta-gap", "BUG:mas_validate_gaps:7378"],
  ["seq-validate-descending-pivot", "WARN:mas_validate_limits:7504"],
  ["seq-validate-dead-node", "WARN:mt_validate:7606"],
] as const;

describe.each(PINNED)("%s", (name, key) => {
  it("ends on the pinned validator check, with the tree's text of it", () => {
    const o = runSpec(specNamed(name));
    expect(o.verdict).toBe("violation");
    expect(o.counterexample?.validation?.key).toBe(key);
    expect(o.counterexample?.validation?.text).toBe(specNamed(name).pin?.["says" as never]);
    expect(o.pinMismatch).toBeUndefined();
    expect(meetsExpectation(o)).toBe(true);
  });

  it("is a fixed scenario: another --seed or more --runs gives the same pinned run", () => {
    const own = runSpec(specNamed(name));
    for (const seed of [2, 5]) {
      const o = runSpec(specNamed(name), { seed, runs: 1500 });
      expect(o.counterexample?.replayToken).toBe(own.counterexample?.replayToken);
      expect(o.pinMismatch).toBeUndefined();
    }
  });

  it("fails when another check is pinned, though the verdict is a violation", () => {
    const o = runSpec(
      variant(name, (j) => {
        j.pin = { validate: "BUG:mas_validate_child_slot:7462" };
      }),
    );
    expect(o.verdict).toBe("violation");
    expect(o.pinMismatch).toBe(
      `pinned the validator's BUG:mas_validate_child_slot:7462, found ${key} "${o.counterexample?.validation?.text}"`,
    );
    expect(meetsExpectation(o)).toBe(false);
  });

  it("fails when the tree's text differs from the pinned one", () => {
    const o = runSpec(
      variant(name, (j) => {
        j.pin.says = "somewhere else";
      }),
    );
    expect(o.pinMismatch).toMatch(/^pinned the validator's .* "somewhere else", found /);
    expect(meetsExpectation(o)).toBe(false);
  });

  it("passes without its fault", () => {
    const o = runSpec(
      variant(name, (j) => {
        j.tree.faults = [];
        j.expect = "pass";
        delete j.pin;
      }),
    );
    expect(o.verdict).toBe("pass");
  });
});

describe("validator pins", () => {
  it("a run that ends on the model comparison, not the validator, misses the pin", () => {
    // planted:next-skips-entry-after-null gives a wrong answer; the tree stays valid.
    const o = runSpec(
      variant("seq-validate-adjacent-nulls", (j) => {
        j.tree.faults = [FAULTS.plantedNextSkipsEntryAfterNull];
        j.tree.geometry = "small";
        j.sequential.runs = 300;
        j.sequential.mix = {};
      }),
    );
    expect(o.verdict).toBe("violation");
    expect(o.counterexample?.validation).toBeUndefined();
    expect(o.pinMismatch).toMatch(/^pinned the validator's BUG:mt_validate_nulls:7571 .*, found /);
  });

  it("the tolerated last pivot of an allocation node passes with its fault on", () => {
    const spec = specNamed("seq-validate-last-pivot-tolerated");
    expect(spec.tree.faults).toEqual([FAULTS.selftestArangeCopyFillsLastPivot]);
    expect(runSpec(spec).verdict).toBe("pass");
  });

  it("a sequential spec pins the validator, an explore spec a reader answer", () => {
    const seq = JSON.parse(JSON.stringify(specNamed("seq-validate-stale-pivot")));
    seq.pin = { reader: "r", line: "load 1", answer: "null" };
    expect(() => Spec.parse(seq)).toThrow(/a sequential spec pins its validator violation/);
    const explore = JSON.parse(JSON.stringify(specNamed("explore-seed-bug-rcu-off")));
    explore.pin = { validate: "BUG:mt_validate_nulls:7571" };
    expect(() => Spec.parse(explore)).toThrow(/a sequential spec pins its validator violation/);
    seq.pin = { validate: "mt_validate_nulls" };
    expect(() => Spec.parse(seq)).toThrow(/KIND:check:line/);
  });
});

describe("a validator pin under --shard", () => {
  it("is judged on the whole run, not on a later block that meets another check first", () => {
    const spec = specNamed("seq-validate-descending-pivot");
    const block = { runs: 75, path: "75" };
    // Runs 75-150 of this spec's seed end on another report of the same corruption.
    expect(runSpec(spec, block).pinMismatch).toBeDefined();
    const o = runSpec(spec, { ...block, shardBlock: true });
    expect(o.verdict).toBe("violation");
    expect(o.pinMismatch).toBeUndefined();
  });
});
