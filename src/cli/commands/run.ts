/**
 * `maple-check run [--specs DIR]`: every check kept in specs/. For now these are the trace
 * checks: each `NAME.trace` with its `NAME.expected` (the kernel oracle's output for it) runs
 * on the TypeScript tree and must print exactly the expected bytes.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { runTrace } from "../../trace/run-trace.js";
import { ExitCode, HarnessError } from "../exit-codes.js";
import { packageRoot, readInput } from "../io.js";

export interface TraceCheck {
  name: string;
  trace: string;
  expected: string;
}

/** The trace checks in a folder, by name. */
export function findTraceChecks(dir: string): TraceCheck[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new HarnessError(`cannot read the specs folder '${dir}'`);
  }
  return names
    .filter((n) => n.endsWith(".trace"))
    .sort()
    .map((n) => {
      const name = n.slice(0, -".trace".length);
      return { name, trace: join(dir, n), expected: join(dir, `${name}.expected`) };
    });
}

/** The first line where two outputs differ, 1-based, or 0 when they are equal. */
export function firstDifference(expected: string[], actual: string[]): number {
  const n = Math.max(expected.length, actual.length);
  for (let i = 0; i < n; i++) if (expected[i] !== actual[i]) return i + 1;
  return 0;
}

/** Runs one trace check; returns whether it matched, and prints one line about it. */
export function runTraceCheck(check: TraceCheck, log: (line: string) => void): boolean {
  const expected = readInput(check.expected, "expected output");
  const trace = readInput(check.trace, "trace");
  const run = runTrace(trace, { guard: check.name.endsWith(".guard") });
  if (run.output === expected) {
    log(`trace ${check.name}: pass (${run.ops} operations)`);
    return true;
  }
  const exp = expected.split("\n");
  const act = run.output.split("\n");
  const at = firstDifference(exp, act);
  log(`trace ${check.name}: FAIL at output line ${at}`);
  log(`  expected: ${exp[at - 1] ?? "(end of output)"}`);
  log(`  actual:   ${act[at - 1] ?? "(end of output)"}`);
  return false;
}

export function registerRun(program: Command): void {
  program
    .command("run")
    .description("run every check in specs/ (exit 0 when all pass, 1 when one fails)")
    .option("--specs <dir>", "the folder of checks (default: specs/ of this package)")
    .action((opts: { specs?: string }) => {
      const dir = opts.specs ?? join(packageRoot(), "specs");
      const checks = findTraceChecks(dir);
      if (checks.length === 0) throw new HarnessError(`no checks in '${dir}'`);
      const log = (line: string) => process.stdout.write(`${line}\n`);
      let failed = 0;
      for (const check of checks) if (!runTraceCheck(check, log)) failed++;
      log(`${checks.length - failed} passed, ${failed} failed`);
      process.exitCode = failed > 0 ? ExitCode.violation : ExitCode.pass;
    });
}
