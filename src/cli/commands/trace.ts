/**
 * `maple-check trace [FILE|-] [--guard] [--echo] [--kernel DIR]`: the trace protocol on the
 * TypeScript tree, or with --kernel on the kernel's own C tree (the runner built from DIR).
 * Both stream: results are printed as the trace is read, so a long trace takes flat memory.
 */
import { spawn } from "node:child_process";
import { closeSync } from "node:fs";
import type { Command } from "commander";
import { runnerEnv } from "../../backend/kernel/runner-process.js";
import { streamTrace } from "../../trace/stream-trace.js";
import { ExitCode } from "../exit-codes.js";
import { openInput, openInputFd, writeStdout } from "../io.js";
import { addKernelOption, buildRunner, kernelDir } from "../kernel-option.js";
import { usageErrors } from "./checker-errors.js";

interface TraceFlags {
  guard: boolean;
  echo: boolean;
  kernel?: string;
}

async function traceOnTs(file: string, opts: TraceFlags): Promise<ExitCode> {
  const run = await streamTrace(openInput(file, "trace"), writeStdout, {
    guard: opts.guard,
    echo: opts.echo,
    diagnostic: (line) => process.stderr.write(`${line}\n`),
  });
  if (run.crash === undefined) return ExitCode.pass;
  const { line, error } = run.crash;
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  process.stderr.write(
    `maple-check: crash at line ${line.lineNo} (${line.text.trim()}): ${what}\n`,
  );
  if (error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return ExitCode.violation;
}

/**
 * The runner reads the trace straight from the file (or our stdin) and its output is passed on
 * as it comes; a crash of the C code is exit 1.
 */
async function traceOnKernel(file: string, dir: string, opts: TraceFlags): Promise<ExitCode> {
  const fd = openInputFd(file, "trace");
  let child: ReturnType<typeof spawn>;
  try {
    const build = buildRunner(dir);
    const args = [...(opts.guard ? ["--guard"] : []), ...(opts.echo ? ["--echo"] : [])];
    child = spawn(build.binary, args, { stdio: [fd, "pipe", "inherit"], env: runnerEnv() });
  } finally {
    // The child has its own copy of the descriptor.
    if (fd !== 0) closeSync(fd);
  }
  const exited = new Promise<{ status: number | null; signal: NodeJS.Signals | null }>(
    (resolve, reject) => {
      child.on("error", reject);
      child.on("close", (status, signal) => resolve({ status, signal }));
    },
  );
  for await (const chunk of child.stdout as NodeJS.ReadableStream)
    await writeStdout(chunk as Buffer);
  const { status, signal } = await exited;
  if (status === 0) return ExitCode.pass;
  process.stderr.write(
    `maple-check: the kernel code crashed (runner ${signal ?? `exit ${status}`}); its report is above\n`,
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
        const dir = kernelDir(opts.kernel);
        return dir === undefined ? traceOnTs(file, opts) : traceOnKernel(file, dir, opts);
      });
    });
  addKernelOption(command);
}
