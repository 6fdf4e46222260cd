/**
 * Known findings are judged by signature, not skipped by shape: each kept finding's own
 * violation is recognised as that finding, and a violation in a scenario of the same shape but
 * with another signature (another operation, kind of failure or answer) is not.
 */
import { describe, expect, it } from "vitest";
import { parseToken } from "../../../src/checker/run/replay-token.js";
import { runSpec } from "../../../src/checker/run/run-spec.js";
import { compileScenario } from "../../../src/checker/scenario/compile.js";
import { scenarioFacts } from "../../../src/checker/scenario/coverage.js";
import {
  exploreScenario,
  type ScenarioViolation,
} from "../../../src/checker/scenario/explore-scenario.js";
import {
  fixedByProposal,
  REWALK_FINDING,
} from "../../../src/checker/scenario/fixed-by-proposal.js";
import { specScenario } from "../../../src/checker/scenario/from-spec.js";
import { generatedScenario } from "../../../src/checker/scenario/generate.js";
import { knownFindingFor, knownFindingOf } from "../../../src/checker/scenario/known-findings.js";
import type { ScenarioData } from "../../../src/checker/scenario/scenario-data.js";
import { TS_SCENARIO_TREE } from "../../../src/checker/scenario/scenario-tree.js";
import { plantedFaultSpec, specNamed } from "./helpers.js";

/** A finding spec's scenario and the violation the TypeScript tree finds in it. */
function violationOf(name: string): { data: ScenarioData; v: ScenarioViolation } {
  const spec = specNamed(name);
  const data = specScenario(spec);
  const bounds = {
    readerSteps: spec.explore?.bounds.readerSteps ?? 100_000,
    executions: spec.explore?.bounds.executions ?? 1_000_000,
  };
  const run = exploreScenario(compileScenario(data), bounds, false, false);
  if (run.violation === undefined) throw new Error(`${name}: no violation`);
  return { data, v: run.violation };
}

function classify(data: ScenarioData, v: ScenarioViolation): string | undefined {
  return knownFindingFor(data, scenarioFacts(data), v);
}

describe("known findings by signature", () => {
  it.each([
    ["explore-finding-prev-spanning-null-rcu", "explore-finding-prev-spanning-null-rcu"],
    ["explore-next-emptied-tree", "explore-next-emptied-tree"],
    ["explore-prev-emptied-tree", "explore-prev-emptied-tree"],
    ["explore-prev-waits-for-parent-update", "explore-prev-waits-for-parent-update"],
    ["explore-rcu-slot-store-walk-range", "explore-rcu-slot-store-walk-range"],
    ["explore-root-expansion-prev", "explore-root-expansion-prev"],
    ["explore-seed-bug-rcu-off", "explore-seed-bug-rcu-off"],
    ["explore-slot-store-both-sides-rcu-off", "explore-seed-bug-rcu-off"],
    [
      "explore-finding-next-spanning-stale-parent-rcu",
      "explore-finding-next-spanning-stale-parent-rcu",
    ],
    [
      "explore-finding-cursor-steps-from-stale-last-rcu",
      "explore-finding-cursor-steps-from-stale-last-rcu",
    ],
    ["explore-finding-null-answer-range-rcu", "explore-finding-null-answer-range-rcu"],
  ])("%s's own violation is known as %s", (name, finding) => {
    const { data, v } = violationOf(name);
    expect(classify(data, v)).toBe(finding);
  });

  it("the same shape with another kind of failure is not known", () => {
    const { data, v } = violationOf("explore-next-emptied-tree");
    expect(knownFindingOf(scenarioFacts(data))).toBe("explore-next-emptied-tree");
    // A livelock, or a crash of another kind, where the finding crashes on a NULL node.
    expect(classify(data, { ...v, kind: "livelock" })).toBeUndefined();
    const wild = v.error.replace(/NullNodeError: mas_next_slot.*/, "WildReadError: freed node");
    expect(classify(data, { ...v, error: wild })).toBeUndefined();
    // A wrong answer (no crash) of the same operation.
    const answer = { ...v.found, answer: "1 0 1" } as ScenarioViolation["found"];
    expect(classify(data, { ...v, kind: "check-failed", found: answer })).toBeUndefined();
  });

  it("the same shape with another answer or operation is not known", () => {
    const spanning = violationOf("explore-finding-prev-spanning-null-rcu");
    const f = spanning.v.found;
    if (f === undefined) throw new Error("no answer");
    // mas_prev's underflow is the finding; a wrong range without it (and not put together
    // from the states' boundaries) is not.
    expect(
      classify(spanning.data, { ...spanning.v, found: { ...f, answer: "7 87 89 active" } }),
    ).toBeUndefined();
    const livelock = violationOf("explore-prev-waits-for-parent-update");
    const l = livelock.v.found;
    if (l === undefined) throw new Error("no answer");
    // The livelock is the finding; a wrong answer of the same reader is not.
    expect(
      classify(livelock.data, {
        ...livelock.v,
        kind: "check-failed",
        found: { ...l, answer: "1 0 0" },
      }),
    ).toBeUndefined();
    const slot = violationOf("explore-rcu-slot-store-walk-range");
    const s = slot.v.found;
    if (s === undefined) throw new Error("no answer");
    // The slot store's mixed range carries a state's entry; an entry no state holds is new.
    expect(classify(slot.data, { ...slot.v, found: { ...s, answer: "9 1 1" } })).toBeUndefined();
  });

  it.each([
    // The root leaf destroyed without its dead mark: the reader goes on in it and answers a
    // wrong range where the finding crashes.
    "no-dead-mark-on-root-leaf-destroy",
    // mas_prev at the minimum pauses instead of stopping: `null 0 0 pause`.
    "prev-exhausted-sets-pause-not-none",
  ])("a tree fault (%s) in a known finding's scenario is a new violation", (fault) => {
    const spec = specNamed("explore-prev-emptied-tree");
    const data = { ...specScenario(spec), faults: [fault] };
    const run = exploreScenario(compileScenario(data), { readerSteps: 10_000, executions: 20_000 });
    const v = run.violation;
    if (v === undefined) throw new Error(`${fault}: no violation`);
    // Skipping by shape would have hidden it: its shape is that of kept findings.
    expect(knownFindingOf(scenarioFacts(data))).toBeDefined();
    expect(v.kind).toBe("check-failed");
    expect(classify(data, v)).toBeUndefined();
  });

  it("a generated spec with that fault fails with its counterexample", () => {
    const spec = plantedFaultSpec("no-dead-mark-on-root-leaf-destroy");
    const o = runSpec(spec);
    expect(o.verdict).toBe("violation");
    const cx = o.counterexample;
    if (cx === undefined) throw new Error("no counterexample");
    const token = parseToken(cx.replayToken);
    if (token.mode !== "explore" || token.generated === undefined)
      throw new Error("not a generated token");
    const data = generatedScenario(spec, token.generated.seed, token.generated.path);
    expect(data.faults).toEqual(["no-dead-mark-on-root-leaf-destroy"]);
  });

  it("the skip by shape is only an explicit opt-in: no default spec uses it", () => {
    for (const name of [
      "explore-generated-rcu",
      "explore-generated-small-rcu",
      "explore-generated-rcu-off",
    ])
      expect(specNamed(name).explore?.generate?.skipKnownFindings).toBe(false);
  });
});

describe("the rewalk finding, known by its cure", () => {
  const bounds = { readerSteps: 10_000, executions: 20_000 };
  it.each([
    "explore-finding-rewalk-skips-entry-rcu",
    "explore-finding-rewalk-null-over-new-root-rcu",
    "explore-finding-rewalk-null-past-limit-rcu",
    "explore-finding-rewalk-continues-in-dead-leaf-rcu",
    "explore-finding-rewalk-small-next-range-mixed-entry-rcu",
    "explore-finding-rewalk-small-node-store-mixed-range-rcu",
  ])("%s: the proposed fix removes it", (name) => {
    const { data } = violationOf(name);
    expect(fixedByProposal(TS_SCENARIO_TREE, data, bounds, false)).toBe(REWALK_FINDING.spec);
  });

  it("the skip itself is known by its cure alone: no answer signature claims it", () => {
    const { data, v } = violationOf("explore-finding-rewalk-skips-entry-rcu");
    expect(classify(data, v)).toBeUndefined();
  });

  it("a cursor step from its stale last needs that: the same step from elsewhere is new", () => {
    const { data, v } = violationOf("explore-finding-cursor-steps-from-stale-last-rcu");
    const f = v.found;
    if (f === undefined) throw new Error("no answer");
    // `null 10 max`: not one past the cursor's last index (8).
    const moved = { ...v, found: { ...f, answer: "null 10 18446744073709551615 active" } };
    expect(classify(data, moved)).toBeUndefined();
  });

  it("a NULL answer is known by its range only when a state gives NULL with that status", () => {
    const { data, v } = violationOf("explore-finding-null-answer-range-rcu");
    const f = v.found;
    if (f === undefined) throw new Error("no answer");
    // The same range with another status is a different answer.
    const active = { ...v, found: { ...f, answer: "null 2 18446744073709551615 active" } };
    expect(classify(data, active)).toBeUndefined();
  });

  it("a violation the fix leaves in place is not put down to it", () => {
    // The stale parent slot of a spanning store: the fix does not touch it.
    const { data, v } = violationOf("explore-finding-next-spanning-stale-parent-rcu");
    expect(fixedByProposal(TS_SCENARIO_TREE, data, bounds, false)).toBeUndefined();
    // Its violation is a kept finding's, and the fixed run stops at that same answer.
    expect(fixedByProposal(TS_SCENARIO_TREE, data, bounds, false, v)).toBeUndefined();
    // A planted fault's violation in a rewalk finding's scenario stays a new violation.
    const rewalk = violationOf("explore-finding-rewalk-skips-entry-rcu").data;
    const planted = { ...rewalk, faults: ["skip-dead-check-in-reader-walk:next-entry"] };
    expect(fixedByProposal(TS_SCENARIO_TREE, planted, bounds, false)).toBeUndefined();
  });
});
