/** `maple-check trace [FILE|-] [--guard] [--echo]`: the kernel oracle's protocol on the TS tree. */
import type { Command } from "commander";
import { runTrace } from "../../trace/run-trace.js";
import { ExitCode } from "../exit-codes.js";
import { readInput, writeStdout } from "../io.js";

export function registerTrace(program: Command): void {
  program
    .command("trace")
    .description("run a trace in the oracle's line protocol and print the oracle-format results")
    .argument("[file]", "trace file, or - for stdin", "-")
    .option("--guard", "refuse the cursor uses that crash Linux 6.12 (prints `err ub`)", false)
    .option("--echo", "prefix each result with its input line", false)
    .action(async (file: string, opts: { guard: boolean; echo: boolean }) => {
      const text = readInput(file, "trace");
      const run = runTrace(text, {
        guard: opts.guard,
        echo: opts.echo,
        diagnostic: (line) => process.stderr.write(`${line}\n`),
      });
      await writeStdout(run.output);
      if (run.crash) {
        const { line, error } = run.crash;
        const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        process.stderr.write(
          `maple-check: crash at line ${line.lineNo} (${line.text.trim()}): ${what}\n`,
        );
        if (error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
        process.exitCode = ExitCode.violation;
      }
    });
}
