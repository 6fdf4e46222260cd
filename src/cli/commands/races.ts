/**
 * `maple-check races [SPEC...] --kernel DIR`: data races in the Linux-kernel memory model's
 * sense on the kernel's C tree. For each explore spec with a written-out scenario (all of
 * specs/ by default), every node word a lockless reader reads while the writer stores it with
 * a plain store, the two unordered in some explored execution; grouped by word, writer and
 * reader C function:line. A report, not a verdict: exit 0 unless the input is bad.
 */
import type { Command } from "commander";
import { buildExploreRunner } from "../../backend/kernel/explore/build-explore.js";
import { dataRaceLines, dataRaces } from "../../backend/kernel/explore/data-races.js";
import { KernelExploreSession } from "../../backend/kernel/explore/kernel-scenario.js";
import { selectSpecs } from "../../checker/run/run-all.js";
import { specsFolder } from "../../package-root.js";
import { ExitCode, HarnessError } from "../exit-codes.js";
import { writeStdout } from "../io.js";
import { addKernelOption, kernelDir } from "../kernel-option.js";
import { usageErrors } from "./checker-errors.js";

interface RacesFlags {
  specs?: string;
  kernel?: string;
}

async function racesCommand(names: string[], f: RacesFlags): Promise<ExitCode> {
  const dir = kernelDir(f.kernel);
  if (dir === undefined) throw new HarnessError("races needs --kernel DIR (or MAPLE_CHECK_KERNEL)");
  const specs = selectSpecs(specsFolder(f.specs).dir, names).filter(
    (s) => s.explore !== undefined && s.explore.generate === undefined,
  );
  if (specs.length === 0) throw new HarnessError("no explore spec with a written-out scenario");
  const session = new KernelExploreSession(buildExploreRunner(dir));
  const out: string[] = [];
  try {
    for (const spec of specs) {
      const r = dataRaces(spec, dir, session);
      out.push(
        `${spec.name}: ${r.races.length} data race${r.races.length === 1 ? "" : "s"} in ${r.executions} executions${r.complete ? "" : " (search cut by its bounds: a lower bound)"}`,
      );
      for (const line of dataRaceLines(r.races)) out.push(`  ${line}`);
    }
  } finally {
    session.close();
  }
  await writeStdout(`${out.join("\n")}\n`);
  return ExitCode.pass;
}

export function registerRaces(program: Command): void {
  const command = program
    .command("races")
    .description(
      "list the data races (plain stores a lockless reader can see) of explore specs on the kernel's C tree",
    )
    .argument("[spec...]", "explore spec names or paths; default: every written-out explore spec")
    .option(
      "--specs <dir>",
      "the spec folder (default: ./specs when the current folder has one, else maple-check's own)",
    )
    .action(async (names: string[], flags: RacesFlags) => {
      process.exitCode = await usageErrors(() => racesCommand(names, flags));
    });
  addKernelOption(command);
}
