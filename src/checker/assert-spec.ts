/**
 * The checks of specs/ from a user's own vitest (or any test runner) file:
 *
 *   import { assertSpec } from "maple-check";
 *   it("the tree matches the model", () => { assertSpec("specs/seq-small-alloc.json"); });
 *
 * Throws an Error carrying the formatted counterexample when the verdict is not the one the
 * spec expects; returns the outcome otherwise.
 */
import { formatOutcome } from "./report/format-outcome.js";
import { meetsExpectation, type SpecOutcome } from "./run/outcome.js";
import { type RunOverrides, runSpec } from "./run/run-spec.js";
import { checkSpecLines } from "./spec/check-spec-lines.js";
import { loadSpecFile } from "./spec/load-spec.js";
import { Spec } from "./spec/schema.js";

export function assertSpec(
  spec: string | Spec | Record<string, unknown>,
  overrides: RunOverrides = {},
): SpecOutcome {
  const parsed = typeof spec === "string" ? loadSpecFile(spec) : Spec.parse(spec);
  checkSpecLines(parsed);
  const outcome = runSpec(parsed, overrides);
  if (!meetsExpectation(outcome)) throw new Error(formatOutcome(outcome));
  return outcome;
}
