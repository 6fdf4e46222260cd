/**
 * The trace checks kept in specs/ (NAME.trace beside the oracle's NAME.expected), run by
 * `maple-check run` after the specs. Each kind of check in CHECK_KINDS lists its checks; all
 * of them run, and the exit code is the worst verdict: 1 if one found a violation, else 2 if
 * one ran out of budget, else 0.
 */
import type { CheckKind, Verdict } from "../checks/check.js";
import { TRACE_CHECKS } from "../checks/trace-checks.js";
import { ExitCode, HarnessError } from "../exit-codes.js";

/** The kinds of check `run` looks for in the specs folder. */
export const CHECK_KINDS: CheckKind[] = [TRACE_CHECKS];

/** Runs every check in `dir`; prints one report per check and a summary; returns the exit code. */
export function runChecks(dir: string, log: (line: string) => void, kinds = CHECK_KINDS): ExitCode {
  const checks = kinds.flatMap((k) => k.find(dir));
  if (checks.length === 0) throw new HarnessError(`no checks in '${dir}'`);
  const count: Record<Verdict, number> = { pass: 0, violation: 0, incomplete: 0 };
  for (const check of checks) count[check.run(log)]++;
  // Not in the `N passed, N failed` form: CI reads that line as the run's test count.
  log(
    `trace checks: ${count.pass} of ${checks.length} passed` +
      (count.incomplete > 0 ? ` (${count.incomplete} incomplete)` : ""),
  );
  if (count.violation > 0) return ExitCode.violation;
  if (count.incomplete > 0) return ExitCode.incomplete;
  return ExitCode.pass;
}
