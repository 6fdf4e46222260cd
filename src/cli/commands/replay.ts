/**
 * `maple-check replay TOKEN`: re-runs exactly one counterexample (the token printed with a
 * failure) and prints it again. Exit 1 when it fails again (the usual case), 0 when it no
 * longer fails, 4 for a token that does not parse, names no spec or another version of it (its
 * hash), or does not name every choice of one execution.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { formatOutcome } from "../../checker/report/format-outcome.js";
import { parseToken } from "../../checker/run/replay-token.js";
import { replayOutcome } from "../../checker/run/run-all.js";
import { loadSpecFile } from "../../checker/spec/load-spec.js";
import { specsFolder } from "../../package-root.js";
import { ExitCode, HarnessError } from "../exit-codes.js";
import { writeStdout } from "../io.js";
import { addKernelOption, kernelBackend } from "../kernel-option.js";
import { usageErrors } from "./checker-errors.js";

export async function replayCommand(
  token: string,
  opts: { specs?: string; times: boolean; kernel?: string },
): Promise<ExitCode> {
  const t = parseToken(token);
  const dir = specsFolder(opts.specs).dir;
  const path = join(dir, `${t.spec}.json`);
  if (!existsSync(path))
    throw new HarnessError(
      `the token names spec ${t.spec}, but there is no ${path}: replay it with the --specs folder it was found in`,
    );
  const spec = loadSpecFile(path);
  const backend = kernelBackend(opts.kernel);
  let outcome: ReturnType<typeof replayOutcome>;
  try {
    outcome = replayOutcome(spec, token.trim(), backend);
  } finally {
    backend?.close();
  }
  await writeStdout(
    `${formatOutcome(outcome, { columns: true, times: opts.times, replay: true, ...(opts.specs !== undefined && { specsFolder: opts.specs }) })}\n`,
  );
  if (outcome.counterexample === undefined) {
    await writeStdout("the replay did not fail: the counterexample no longer reproduces\n");
    return ExitCode.pass;
  }
  return ExitCode.violation;
}

export function registerReplay(program: Command): void {
  const command = program
    .command("replay")
    .description(
      "re-run one counterexample from its replay token (exit 1 if it fails again, 0 if not)",
    )
    .argument(
      "<token>",
      "the token printed after `replay:` with a failure (seq:... or explore:...)",
    )
    .option(
      "--specs <dir>",
      "the spec folder (default: ./specs when the current folder has one, else maple-check's own)",
    )
    .option("--no-times", "leave wall-clock times out of the output")
    .action(async (token: string, opts: { specs?: string; times: boolean; kernel?: string }) => {
      process.exitCode = await usageErrors(() => replayCommand(token, opts));
    });
  addKernelOption(command);
}
