/**
 * `maple-check diff --kernel DIR`: differential fuzzing of the TypeScript tree against the
 * kernel's C tree. Random traces run on both (the kernel runner, one process per trace; the
 * TypeScript tree in a worker thread); the first trace whose outputs differ is shrunk, and
 * the shrunk trace, both outputs side by side and the replay commands are printed. Exit: 0 no
 * divergence; 1 a divergence; 4 usage or harness error (no kernel, a bad flag set, a runner
 * that does not speak the protocol).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Command, Option } from "commander";
import { KernelRunner } from "../../diff/kernel-runner.js";
import {
  type DiffPlan,
  flagSetProblem,
  UNIVERSE_CHOICES,
  type UniverseChoice,
} from "../../diff/plan.js";
import { formatFound, formatHeader, formatSummary } from "../../diff/report.js";
import { type Found, runDiff } from "../../diff/run-diff.js";
import { resolveRunner } from "../../diff/runner-binary.js";
import { TsRunner } from "../../diff/ts-runner.js";
import { ALL_FAULTS, type Fault } from "../../impl/faults.js";
import { ExitCode, HarnessError } from "../exit-codes.js";
import { writeStdout } from "../io.js";
import { addKernelOption } from "../kernel-option.js";
import { progressBar } from "../progress.js";
import { intArg, usageErrors } from "./checker-errors.js";

interface DiffFlags {
  kernel?: string;
  seed: number;
  ops: number;
  traces: number;
  flags: string;
  cursor: boolean;
  universe: UniverseChoice;
  unguarded: boolean;
  out?: string;
  timeout: number;
  times: boolean;
  progress: boolean;
  tsFault: string[];
}

function plan(f: DiffFlags): DiffPlan {
  const flagSets = f.flags.split(",").filter((s) => s !== "");
  if (flagSets.length === 0) throw new HarnessError(`bad --flags "${f.flags}": no flag set`);
  for (const set of flagSets) {
    const problem = flagSetProblem(set);
    if (problem !== null) throw new HarnessError(`bad --flags: ${problem}`);
  }
  if (f.unguarded && !f.cursor)
    throw new HarnessError("--unguarded applies to cursor traces: it needs --cursor");
  return {
    seed: f.seed,
    traces: f.traces,
    ops: f.ops,
    flagSets,
    cursor: f.cursor,
    unguarded: f.unguarded,
    universe: f.universe,
  };
}

function faults(names: readonly string[]): Fault[] {
  for (const n of names)
    if (!(ALL_FAULTS as readonly string[]).includes(n))
      throw new HarnessError(`unknown --ts-fault "${n}" (see maple-check faults for the names)`);
  return names as Fault[];
}

function write(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (e) {
    throw new HarnessError(`cannot write '${path}': ${(e as NodeJS.ErrnoException).code ?? e}`);
  }
}

/**
 * Writes the shrunk trace as NAME.trace (NAME.guard.trace when it runs with --guard, as the
 * trace checks in specs/ expect) and, with --out, the kernel's output as NAME.expected (the
 * two files make a trace check), maple-check's as NAME.ts.out and the trace as generated as
 * NAME.original.txt. Returns the paths written, the trace first.
 */
function writeFound(found: Found, seed: number, out: string | undefined): string[] {
  const name = `diff-s${seed}-t${found.trace.index}${found.trace.guard ? ".guard" : ""}`;
  const path = (ext: string) => (out === undefined ? `${name}${ext}` : join(out, `${name}${ext}`));
  const files: [string, string][] = [[path(".trace"), found.shrunk]];
  if (out !== undefined)
    files.push(
      [path(".expected"), found.kernel],
      [path(".ts.out"), found.ts],
      [path(".original.txt"), found.trace.text],
    );
  for (const [p, text] of files) write(p, text);
  return files.map(([p]) => p);
}

async function diffCommand(f: DiffFlags): Promise<ExitCode> {
  const p = plan(f);
  const tsFaults = faults(f.tsFault);
  if (f.out !== undefined) {
    try {
      mkdirSync(f.out, { recursive: true });
    } catch (e) {
      throw new HarnessError(
        `cannot create --out '${f.out}': ${(e as NodeJS.ErrnoException).code ?? e}`,
      );
    }
  }
  const source = resolveRunner(f.kernel);
  const timeoutMs = f.timeout * 1000;
  const kernel = new KernelRunner(source.binary, timeoutMs);
  const ts = new TsRunner(timeoutMs, tsFaults);
  const started = Date.now();
  try {
    await writeStdout(
      formatHeader(p, { version: kernel.version(), binary: source.binary }, tsFaults),
    );
    const bar = progressBar(f.progress, "{bar} {value}/{total} traces | {status}");
    let result: ReturnType<typeof runDiff>;
    try {
      bar?.start(p.traces, 0, { status: "" });
      result = runDiff(
        p,
        { kernel: (t, g) => kernel.run(t, g), ts: (t, g) => ts.run(t, g) },
        {
          onTrace: (t) => bar?.update(t, { status: "no divergence" }),
          onShrink: (_d, trace) => bar?.update({ status: `shrinking trace ${trace.index}` }),
        },
      );
    } finally {
      bar?.stop();
    }
    const out: string[] = [];
    if (result.divergence !== undefined) {
      const written = writeFound(result.divergence, p.seed, f.out);
      out.push(
        "",
        formatFound(
          result.divergence,
          {
            file: written[0] as string,
            binary: source.binary,
            ...(source.kernelDir !== undefined && { kernelDir: source.kernelDir }),
          },
          written,
        ),
      );
    }
    const seconds = f.times ? (Date.now() - started) / 1000 : undefined;
    out.push(formatSummary(p, result, seconds, kernel.quietFailures));
    await writeStdout(out.join("\n"));
    return result.divergence === undefined ? ExitCode.pass : ExitCode.violation;
  } finally {
    ts.close();
    kernel.close();
  }
}

export function registerDiff(program: Command): void {
  const command = program
    .command("diff")
    .description(
      "run random traces on the kernel's C tree and on the TypeScript tree, compare them line by line, and shrink the first divergence",
    );
  addKernelOption(command)
    .option("--seed <n>", "seed: the same seed runs the same traces", intArg("--seed", 0), 1)
    .option("--traces <n>", "number of traces", intArg("--traces", 1), 100)
    .option("--ops <n>", "operations per trace", intArg("--ops", 1), 500)
    .option(
      "--flags <sets>",
      "comma-separated flag sets for init, each like alloc|rcu; trace i uses set i mod their number",
      "0,alloc,rcu,alloc|rcu",
    )
    .option(
      "--cursor",
      "every other round of flag sets is a cursor trace (run with --guard)",
      false,
    )
    .addOption(
      new Option("--universe <u>", "where indices come from")
        .choices(UNIVERSE_CHOICES)
        .default("all"),
    )
    .option("--unguarded", "cursor traces run without --guard: both sides must crash alike", false)
    .option("--out <dir>", "write the shrunk trace, both outputs and the original trace here")
    .option("--timeout <s>", "seconds each side may take per trace", intArg("--timeout", 1), 60)
    .option("--no-times", "leave wall-clock times out of the output (byte-identical reruns)")
    .option(
      "--no-progress",
      "no progress bar (it is only shown when stderr is a terminal and CI is unset)",
    )
    .addOption(
      new Option(
        "--ts-fault <name>",
        "switch a fault of src/impl/faults.ts on in the TypeScript tree",
      )
        .argParser((v: string, prev: string[]) => [...prev, v])
        .default([])
        .hideHelp(),
    )
    .addHelpText(
      "after",
      `
The runner is built from the Linux tree and cached; MAPLE_CHECK_RUNNER=BINARY uses a runner
binary as is instead.

Exit codes:
  0  no divergence
  1  a divergence (shrunk, printed, and written as a trace file)
  4  usage or harness error: no kernel, a bad flag set, a runner that does not speak the protocol`,
    )
    .action(async (flags: DiffFlags) => {
      process.exitCode = await usageErrors(() => diffCommand(flags));
    });
}
