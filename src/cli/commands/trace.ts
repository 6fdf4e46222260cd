/**
 * `maple-check trace [FILE|-] [--guard] [--echo] [--kernel DIR]`: the trace protocol on the
 * TypeScript tree, or with --kernel on the kernel's own C tree (the runner built from DIR).
 */
import { spawnSync } from "node:child_process";
import type { Command } from "commander";
import { runnerEnv } from "../../backend/kernel/runner-process.js";
import { runTrace } from "../../trace/run-trace.js";
import { ExitCode } from "../exit-codes.js";
import { readInput, writeStdout } from "../io.js";
import { addKernelOption, buildRunner, kernelDir } from "../kernel-option.js";
import { usageErrors } from "./checker-errors.js";

interface TraceFlags {
  guard: boolean;
  echo: boolean;
  kernel?: string;
}

async function traceOnTs(text: string, opts: TraceFlags): Promise<ExitCode> {
  const run = runTrace(text, {
    guard: opts.guard,
    echo: opts.echo,
    diagnostic: (line) => process.stderr.write(`${line}\n`),
  });
  await writeStdout(run.output);
  if (run.crash === undefined) return ExitCode.pass;
  const { line, error } = run.crash;
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  process.stderr.write(
    `maple-check: crash at line ${line.lineNo} (${line.text.trim()}): ${what}\n`,
  );
  if (error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return ExitCode.violation;
}

/** The runner reads the trace and prints the same protocol; a crash of the C code is exit 1. */
async function traceOnKernel(text: string, dir: string, opts: TraceFlags): Promise<ExitCode> {
  const build = buildRunner(dir);
  const args = [...(opts.guard ? ["--guard"] : []), ...(opts.echo ? ["--echo"] : [])];
  const r = spawnSync(build.binary, args, {
    input: text,
    stdio: ["pipe", "pipe", "inherit"],
    maxBuffer: 1 << 30,
    env: runnerEnv(),
  });
  await writeStdout(r.stdout.toString("latin1"));
  if (r.status === 0) return ExitCode.pass;
  process.stderr.write(
    `maple-check: the kernel code crashed (runner ${r.signal ?? `exit ${r.status}`}); its report is above\n`,
  );
  return ExitCode.violation;
}

export function registerTrace(program: Command): void {
  const command = program
    .command("trace")
    .description("run a trace in the oracle's line protocol and print the oracle-format results")
    .argument("[file]", "trace file, or - for stdin", "-")
    .option("--guard", "refuse the cursor uses that crash Linux 6.12 (prints `err ub`)", false)
    .option("--echo", "prefix each result with its input line", false)
    .action(async (file: string, opts: TraceFlags) => {
      process.exitCode = await usageErrors(async () => {
        const text = readInput(file, "trace");
        const dir = kernelDir(opts.kernel);
        return dir === undefined ? traceOnTs(text, opts) : traceOnKernel(text, dir, opts);
      });
    });
  addKernelOption(command);
}
