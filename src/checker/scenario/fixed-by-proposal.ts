/**
 * A finding named by its cure. The explorer's RCU readers met answers no state gives on the
 * TypeScript tree and 6.12's C tree alike: mas_next_slot and mas_prev_slot, on a dead node,
 * walk again to the end of the step's range and step over the slot they land in, which a write
 * may have widened (kept by explore-finding-rewalk-skips-entry-rcu and its kin). Their answers
 * look unlike each other (NULL past an entry, a range mixed from two leaves, a step in a dead
 * leaf), so no signature of the answer names them all. The cause does: a violation is this
 * finding when the TypeScript tree gives it without the proposed fix
 * (FAULTS.fixRestartStepFromOperationStart) and the same scenario, explored to the end with the
 * fix, has none (or stops at another kept finding's signature: then the rest of that space is
 * not explored, a limit this judgement shares with every scenario that meets a kept finding).
 * A second bug in the same scenario stays visible unless the fix cures it too.
 */
import { FAULTS } from "../../impl/faults.js";
import { ScenarioError } from "./compile.js";
import { scenarioFacts } from "./coverage.js";
import type { ExploreBoundsData, ScenarioViolation } from "./explore-scenario.js";
import { knownFindingFor } from "./known-findings.js";
import type { ScenarioData } from "./scenario-data.js";
import { type ScenarioTree, TS_SCENARIO_TREE } from "./scenario-tree.js";

/** The spec that keeps the finding, and the fix that removes it. */
export const REWALK_FINDING = {
  spec: "explore-finding-rewalk-skips-entry-rcu",
  fix: FAULTS.fixRestartStepFromOperationStart,
} as const;

/**
 * Explores `data` on the TypeScript tree: violated (true), passed to the end (false), or
 * neither. With `unlike` (the violation to put down to the fix), a run that stops at another
 * violation, one an answer signature of a kept finding claims, counts as passed: with the fix
 * on, a scenario may still reach another kept finding (the tree emptied under a step), and the
 * exploration stops there. The same reader answering the same counts as not cured.
 */
function violatedOnTs(
  data: ScenarioData,
  bounds: ExploreBoundsData,
  forwardCopyOnly: boolean,
  unlike?: ScenarioViolation,
): boolean | undefined {
  try {
    const s = TS_SCENARIO_TREE.scenario(data, forwardCopyOnly);
    if (s === undefined) return undefined;
    const run = s.explore(bounds, false);
    const v = run.violation;
    if (v !== undefined) {
      if (unlike === undefined || sameAnswer(v, unlike)) return true;
      return knownFindingFor(data, scenarioFacts(data), v) === undefined;
    }
    return run.summary.verdict === "incomplete" ? undefined : false;
  } catch (e) {
    if (e instanceof ScenarioError) return undefined;
    throw e;
  }
}

/**
 * The finding's spec when the proposed fix removes the violation `tree` found in `data`, else
 * undefined. On another tree (the kernel's C code) the TypeScript tree must show a violation
 * without the fix too, so that a C-only divergence is never put down to this finding.
 */
export function fixedByProposal(
  tree: ScenarioTree,
  data: ScenarioData,
  bounds: ExploreBoundsData,
  forwardCopyOnly: boolean,
  violation?: ScenarioViolation,
): string | undefined {
  if (data.faults.length > 0) return undefined;
  if (tree !== TS_SCENARIO_TREE && violatedOnTs(data, bounds, forwardCopyOnly) !== true)
    return undefined;
  const fixed: ScenarioData = { ...data, faults: [REWALK_FINDING.fix] };
  return violatedOnTs(fixed, bounds, forwardCopyOnly, violation) === false
    ? REWALK_FINDING.spec
    : undefined;
}

/** Two violations of the same reader step with the same answer (or the same crash). */
function sameAnswer(a: ScenarioViolation, b: ScenarioViolation): boolean {
  if (a.kind !== b.kind) return false;
  if (a.found === undefined || b.found === undefined) return a.error === b.error;
  return (
    a.found.reader === b.found.reader &&
    a.found.line === b.found.line &&
    a.found.answer === b.found.answer
  );
}
