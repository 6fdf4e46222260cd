/**
 * Trace checks: each `NAME.trace` in the specs folder runs on the TypeScript tree and must
 * print exactly `NAME.expected`, the kernel oracle's output for it. `NAME.guard.trace` runs
 * with --guard.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { runTrace } from "../../trace/run-trace.js";
import { HarnessError } from "../exit-codes.js";
import { readInput } from "../io.js";
import type { Check, CheckKind, Verdict } from "./check.js";

/** The first line where two outputs differ, 1-based, or 0 when they are equal. */
export function firstDifference(expected: string[], actual: string[]): number {
  const n = Math.max(expected.length, actual.length);
  for (let i = 0; i < n; i++) if (expected[i] !== actual[i]) return i + 1;
  return 0;
}

export function traceCheck(name: string, tracePath: string, expectedPath: string): Check {
  return {
    name: `trace ${name}`,
    run(log): Verdict {
      const expected = readInput(expectedPath, "expected output");
      const trace = readInput(tracePath, "trace");
      const run = runTrace(trace, { guard: name.endsWith(".guard") });
      if (run.output === expected) {
        log(`trace ${name}: pass (${run.ops} operations)`);
        return "pass";
      }
      const exp = expected.split("\n");
      const act = run.output.split("\n");
      const at = firstDifference(exp, act);
      log(`trace ${name}: FAIL at output line ${at}`);
      log(`  expected: ${exp[at - 1] ?? "(end of output)"}`);
      log(`  actual:   ${act[at - 1] ?? "(end of output)"}`);
      return "violation";
    },
  };
}

export const TRACE_CHECKS: CheckKind = {
  find(dir) {
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
        return traceCheck(name, join(dir, n), join(dir, `${name}.expected`));
      });
  },
};
