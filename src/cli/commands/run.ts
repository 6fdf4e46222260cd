/**
 * `maple-check run [--specs DIR]`: every check kept in specs/. Each kind of check in
 * CHECK_KINDS lists its checks; all of them run, and the exit code is the worst verdict:
 * 1 if one found a violation, else 2 if one ran out of budget, else 0.
 */
import { join } from "node:path";
import type { Command } from "commander";
import type { CheckKind, Verdict } from "../checks/check.js";
import { TRACE_CHECKS } from "../checks/trace-checks.js";
import { ExitCode, HarnessError } from "../exit-codes.js";
import { packageRoot } from "../io.js";

/** The kinds of check `run` looks for in the specs folder. */
export const CHECK_KINDS: CheckKind[] = [TRACE_CHECKS];

/** Runs every check in `dir`; prints one report per check and a summary; returns the exit code. */
export function runChecks(dir: string, log: (line: string) => void, kinds = CHECK_KINDS): ExitCode {
  const checks = kinds.flatMap((k) => k.find(dir));
  if (checks.length === 0) throw new HarnessError(`no checks in '${dir}'`);
  const count: Record<Verdict, number> = { pass: 0, violation: 0, incomplete: 0 };
  for (const check of checks) count[check.run(log)]++;
  log(
    `${count.pass} passed, ${count.violation + count.incomplete} failed` +
      (count.incomplete > 0 ? ` (${count.incomplete} incomplete)` : ""),
  );
  if (count.violation > 0) return ExitCode.violation;
  if (count.incomplete > 0) return ExitCode.incomplete;
  return ExitCode.pass;
}

export function registerRun(program: Command): void {
  program
    .command("run")
    .description("run every check in specs/ (exit 0 all pass, 1 violation, 2 incomplete)")
    .option("--specs <dir>", "the folder of checks (default: specs/ of this package)")
    .action((opts: { specs?: string }) => {
      const dir = opts.specs ?? join(packageRoot(), "specs");
      process.exitCode = runChecks(dir, (line) => process.stdout.write(`${line}\n`));
    });
}
