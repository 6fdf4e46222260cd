/**
 * The maple-check program. Each subcommand lives in commands/ and registers itself on the
 * program; adding one is one import and one line in COMMANDS. Exit codes: see exit-codes.ts.
 */
import { Command, CommanderError } from "commander";
import { registerDiff } from "./commands/diff.js";
import { registerFaults } from "./commands/faults.js";
import { registerMerge } from "./commands/merge.js";
import { registerRaces } from "./commands/races.js";
import { registerReplay } from "./commands/replay.js";
import { registerRunSpecs } from "./commands/run-specs.js";
import { registerTrace } from "./commands/trace.js";
import { ExitCode, HarnessError } from "./exit-codes.js";

/** Subcommand registrations, in the order `--help` lists them. */
const COMMANDS: ReadonlyArray<(program: Command) => void> = [
  registerRunSpecs,
  registerReplay,
  registerMerge,
  registerFaults,
  registerTrace,
  registerRaces,
  registerDiff,
];

export function buildProgram(): Command {
  const program = new Command("maple-check")
    .description("model checker for the Linux kernel's maple tree")
    .version("0.1.0")
    .exitOverride()
    .showHelpAfterError(false)
    .addHelpText(
      "after",
      `
Exit codes (every subcommand):
  0  pass      1  violation      2  incomplete (a budget ran out; never a pass)
  4  usage or harness error (one line on stderr naming the problem)`,
    );
  for (const register of COMMANDS) register(program);
  return program;
}

/** Runs the CLI on argv (without node and the script) and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  process.exitCode = undefined;
  try {
    await buildProgram().parseAsync([...argv], { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : ExitCode.pass;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Commander has already printed its one-line message (or the help/version text).
      return e.exitCode === 0 ? ExitCode.pass : ExitCode.usage;
    }
    if (e instanceof HarnessError) {
      process.stderr.write(`maple-check: ${e.message}\n`);
      return e.code;
    }
    throw e;
  }
}
