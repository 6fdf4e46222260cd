/**
 * `maple-check faults`: the fault gate. Every fault of the catalog is switched on and the
 * specs that must catch it are run; the table shows caught or not, by which mode, how fast.
 * Compared with the committed baseline: exit 1 when a fault the baseline caught escapes.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import {
  baselineOf,
  compareWithBaseline,
  FAULT_BASELINE_PATH,
  FAULT_CATALOG,
  type FaultBaseline,
  formatGate,
  runFaultGate,
} from "../../checker/faults/index.js";
import {
  formatKernelGate,
  kernelGatePasses,
  runKernelFaultGate,
} from "../../checker/faults/kernel-gate.js";
import { ExitCode, HarnessError } from "../exit-codes.js";
import { packageRoot, writeStdout } from "../io.js";
import { addKernelOption, buildRunner, kernelDir } from "../kernel-option.js";
import { intArg, usageErrors } from "./checker-errors.js";

interface FaultFlags {
  specs?: string;
  fault: string[];
  maxRuns?: number;
  controls: boolean;
  baseline?: string;
  json?: string;
  writeBaseline?: string;
  kernel?: string;
}

/**
 * `faults --kernel DIR`: the patches of specs/kernel-faults/ on copies of DIR. Exit 1 when a
 * reachable fault escapes or its patch no longer applies; the faults 6.12 masks are listed
 * with why, as in the TypeScript gate, and do not fail it.
 */
async function kernelFaultsCommand(dir: string, f: FaultFlags): Promise<ExitCode> {
  const root = packageRoot();
  buildRunner(dir); // a DIR that is not a kernel tree, or no compiler: one line, exit 4
  const result = runKernelFaultGate({
    kernelDir: dir,
    specsDir: f.specs ?? join(root, "specs"),
    faultsDir: join(f.specs ?? join(root, "specs"), "kernel-faults"),
    only: f.fault,
    ...(f.maxRuns !== undefined && { maxRuns: f.maxRuns }),
    log: (line) =>
      process.stderr.write(`maple-check: ${line}
`),
  });
  await writeStdout(`kernel faults on ${dir}
${formatKernelGate(result)}
`);
  if (f.json !== undefined)
    writeFileSync(
      f.json,
      `${JSON.stringify(result, null, 2)}
`,
    );
  return kernelGatePasses(result) ? ExitCode.pass : ExitCode.violation;
}

function readBaseline(path: string, required: boolean): FaultBaseline | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    if (!required && (e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new HarnessError(
      `cannot read the baseline '${path}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  try {
    const b = JSON.parse(text) as FaultBaseline;
    if (typeof b !== "object" || b === null || typeof b.faults !== "object")
      throw new Error("no `faults` object");
    return b;
  } catch (e) {
    throw new HarnessError(`'${path}' is not a fault baseline: ${(e as Error).message}`);
  }
}

export async function faultsCommand(f: FaultFlags): Promise<ExitCode> {
  const dir = kernelDir(f.kernel);
  if (dir !== undefined) return kernelFaultsCommand(dir, f);
  const root = packageRoot();
  const known = new Set(FAULT_CATALOG.map((e) => e.fault));
  const unknown = f.fault.filter((x) => !known.has(x));
  if (unknown.length > 0)
    throw new HarnessError(
      `unknown fault: ${unknown.join(", ")} (see src/checker/faults/catalog.ts)`,
    );
  const baseline = readBaseline(
    f.baseline ?? join(root, FAULT_BASELINE_PATH),
    f.baseline !== undefined,
  );
  const result = runFaultGate({
    specsDir: f.specs ?? join(root, "specs"),
    ...(f.fault.length > 0 && { faults: f.fault }),
    ...(f.maxRuns !== undefined && { maxRuns: f.maxRuns }),
    controls: f.controls,
  });
  const out = [formatGate(result)];
  let code: ExitCode = ExitCode.pass;
  if (baseline !== undefined) {
    const compared: FaultBaseline =
      f.fault.length === 0
        ? baseline
        : {
            faults: Object.fromEntries(
              Object.entries(baseline.faults).filter(([k]) => f.fault.includes(k)),
            ),
          };
    const cmp = compareWithBaseline(result.rows, compared);
    if (cmp.newlyCaught.length > 0) out.push(`newly caught: ${cmp.newlyCaught.join(", ")}`);
    if (!cmp.ok) {
      out.push(`ESCAPED (caught in the baseline): ${cmp.escaped.join(", ")}`);
      code = ExitCode.violation;
    } else out.push("baseline: no fault it caught escapes");
  }
  await writeStdout(`${out.join("\n")}\n`);
  if (f.json !== undefined) writeFileSync(f.json, `${JSON.stringify(result, null, 2)}\n`);
  if (f.writeBaseline !== undefined)
    writeFileSync(f.writeBaseline, `${JSON.stringify(baselineOf(result.rows), null, 2)}\n`);
  return code;
}

export function registerFaults(program: Command): void {
  const command = program
    .command("faults")
    .description(
      "the fault gate: every known-bug fault switched on must be caught (exit 1 if one the baseline caught escapes)",
    )
    .option("--specs <dir>", "the spec folder (default: specs/ of this package)")
    .option(
      "--fault <name>",
      "only this fault (repeatable)",
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .option(
      "--max-runs <n>",
      "sequential specs: at most this many runs (a fast gate)",
      intArg("--max-runs", 1),
    )
    .option("--controls", "also run each spec with no fault: it must pass (no false alarm)", false)
    .option("--baseline <file>", `the baseline to compare with (default: ${FAULT_BASELINE_PATH})`)
    .option("--json <file>", "write the gate's rows as JSON")
    .option("--write-baseline <file>", "write this run's caught/escaped as a new baseline")
    .action(async (flags: FaultFlags) => {
      process.exitCode = await usageErrors(() => faultsCommand(flags));
    });
  addKernelOption(command);
}
