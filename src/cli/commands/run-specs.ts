/**
 * `maple-check run [SPEC...]`: every spec in specs/ (or those named, by name or path), then
 * the trace checks of the folder when no spec is named. Shows a progress bar on a terminal,
 * then a summary table, and every unexpected verdict's counterexample. Exit: 0 every spec met
 * its expectation; 1 one did not (a violation found, or an expected violation no longer
 * found); 2 one is incomplete (a budget ran out first; never a pass); 4 usage/harness error.
 */
import { dirname, join } from "node:path";
import type { Command } from "commander";
import { regressionTestFile, regressionTestName } from "../../checker/report/emit-test.js";
import { exploreCoverageText } from "../../checker/report/explore-coverage.js";
import { formatOutcome } from "../../checker/report/format-outcome.js";
import { htmlReport } from "../../checker/report/html-report.js";
import { junitXml } from "../../checker/report/junit.js";
import { specsFolderToName } from "../../checker/report/replay-line.js";
import { summaryLine, summaryTable } from "../../checker/report/summary-table.js";
import { parseBudget } from "../../checker/run/budget.js";
import { meetsExpectation, type Verdict } from "../../checker/run/outcome.js";
import {
  type JobOutcome,
  partPending,
  runAll,
  selectSpecFiles,
} from "../../checker/run/run-all.js";
import { makeCertificate } from "../../checker/shard/certificate.js";
import { parseShard } from "../../checker/shard/shard.js";
import { specsFolder, specsFolderLine } from "../../package-root.js";
import { ExitCode, HarnessError } from "../exit-codes.js";
import { noteDoing } from "../interrupt-notes.js";
import { writeStdout } from "../io.js";
import { addKernelOption, kernelBackend } from "../kernel-option.js";
import { checkOutputPaths, type OutputPath, OutputWriter } from "../output-paths.js";
import { progressBar } from "../progress.js";
import { intArg, seedArg, usageErrors } from "./checker-errors.js";
import { runChecks } from "./run.js";

export interface RunFlags {
  specs?: string;
  seed?: number;
  runs?: number;
  budget?: string;
  json?: string;
  junit?: string;
  shard?: string;
  certificate?: string;
  emitTest?: string;
  html?: string;
  times: boolean;
  progress: boolean;
  traces: boolean;
  kernel?: string;
}

export function verdictExit(v: Verdict): ExitCode {
  return v === "violation"
    ? ExitCode.violation
    : v === "incomplete"
      ? ExitCode.incomplete
      : ExitCode.pass;
}

/** The trace checks of the folder; `required`: none is an error (the folder holds nothing to run). */
async function runTraceChecks(dir: string, required: boolean): Promise<ExitCode> {
  const lines: string[] = [];
  try {
    const code = runChecks(dir, (l) => lines.push(l));
    await writeStdout(`${lines.join("\n")}\n`);
    return code;
  } catch (e) {
    if (!required && e instanceof HarnessError && /^no checks in/.test(e.message))
      return ExitCode.pass;
    if (e instanceof HarnessError && /^no checks in/.test(e.message))
      throw new HarnessError(`no specs (*.json) or trace checks in '${dir}'`);
    if (lines.length > 0) await writeStdout(`${lines.join("\n")}\n`);
    throw e;
  }
}

export async function runCommand(names: string[], f: RunFlags): Promise<ExitCode> {
  const folder = specsFolder(f.specs);
  const dir = folder.dir;
  const budget = f.budget !== undefined ? parseBudget(f.budget) : undefined;
  const shard = f.shard !== undefined ? parseShard(f.shard) : undefined;
  const certPath =
    f.certificate ??
    (shard !== undefined ? `maple-check-shard-${shard.index}-of-${shard.count}.json` : undefined);
  checkOutputPaths(outputPaths(f, certPath));
  const files = selectSpecFiles(dir, names);
  const specs = files.map((file) => file.spec);
  const fileOf = (name: string) => files.find((file) => file.spec.name === name)?.path ?? dir;
  // The replay command names the spec's folder unless it is the run's default one.
  const replayFolder = (name: string) =>
    specsFolderToName(dirname(fileOf(name)), specsFolder().dir);
  if (specs.length === 0) {
    // A folder of trace checks only.
    if (!f.traces) throw new HarnessError(`no specs (*.json) in '${dir}'`);
    await writeStdout(`${specsFolderLine(folder)}\n`);
    return runTraceChecks(dir, true);
  }
  const backend = kernelBackend(f.kernel);
  const bar = progressBar(f.progress, "{bar} {value}/{total} specs | {spec}");
  let result: ReturnType<typeof runAll>;
  try {
    result = runAll(specs, {
      ...(backend !== undefined && { backend }),
      ...(f.seed !== undefined && { seed: f.seed }),
      ...(f.runs !== undefined && { runs: f.runs }),
      ...(budget !== undefined && { budget }),
      ...(shard !== undefined && { shard }),
      onStart: (spec, i, total) => {
        noteDoing(`spec ${spec.name} (${i + 1} of ${total})`);
        if (i === 0) bar?.start(total, 0, { spec: spec.name });
        else bar?.update(i, { spec: spec.name });
      },
      onEnd: (_o, i) => bar?.update(i + 1),
    });
  } finally {
    bar?.stop();
    backend?.close();
  }
  const { outcomes } = result;
  const out: string[] = [];
  for (const o of outcomes)
    if (!meetsExpectation(o) && !partPending(o)) {
      out.push(
        formatOutcome(o, { columns: true, times: f.times, specsFolder: replayFolder(o.spec) }),
      );
      if (o.verdict === "incomplete")
        out.push(`  incomplete: ${o.incompleteReason ?? "budget spent"}`);
      if (o.pinMismatch !== undefined) out.push(`  pin: ${o.pinMismatch}`);
      out.push("");
    }
  out.push(summaryTable(outcomes, { times: f.times }));
  out.push(...exploreCoverageText(outcomes));
  if (backend !== undefined) out.push(...backendNotes(backend.description, outcomes));
  if (shard !== undefined) {
    const parts = outcomes.filter((o) => o.part !== undefined).length;
    out.push(
      `shard ${shard.index}/${shard.count}: ${outcomes.length - parts} whole specs (${result.skipped.length} left to the other shards), a part of ${parts} split specs`,
    );
  }
  out.push(specsFolderLine(folder));
  out.push(summaryLine(outcomes));
  await writeStdout(`${out.join("\n")}\n`);

  const outputs = new OutputWriter();
  if (f.json !== undefined)
    outputs.write(
      f.json,
      `${JSON.stringify({ verdict: result.verdict, shard: shard ?? null, outcomes, skipped: result.skipped }, null, 2)}\n`,
      "the JSON report",
    );
  if (f.junit !== undefined) outputs.write(f.junit, junitXml(outcomes), "the JUnit report");
  if (certPath !== undefined) {
    const cert = makeCertificate(
      specs,
      shard ?? { index: 1, count: 1 },
      { seed: f.seed, runs: f.runs, budget: f.budget },
      outcomes,
      result.verdict,
    );
    outputs.write(certPath, `${JSON.stringify(cert, null, 2)}\n`, "the certificate");
  }
  const failures = outcomes.filter(
    (o): o is JobOutcome & Required<Pick<JobOutcome, "counterexample">> =>
      o.counterexample !== undefined && !meetsExpectation(o),
  );
  if (f.html !== undefined && failures.length > 0) {
    if (outputs.makeDir(f.html, "the HTML report"))
      for (const o of failures)
        outputs.write(
          join(f.html, `${o.spec}.html`),
          htmlReport(o, replayFolder(o.spec)),
          "an HTML report",
        );
  }
  if (f.emitTest !== undefined) {
    outputs.makeDir(f.emitTest, "the regression test");
    // Every minimized counterexample becomes a test, expected ones too (they pin the verdict).
    for (const o of outcomes)
      if (o.counterexample !== undefined)
        outputs.write(
          join(f.emitTest, regressionTestName(o)),
          regressionTestFile(o, fileOf(o.spec), f.emitTest),
          "a regression test",
        );
  }
  let code = verdictExit(result.verdict);
  // The folder's trace checks (NAME.trace against NAME.expected) belong to a whole-folder run
  // (shard 1 of a sharded one).
  if (
    f.traces &&
    backend === undefined &&
    names.length === 0 &&
    (shard === undefined || shard.index === 1)
  ) {
    const traceCode = await runTraceChecks(dir, specs.length === 0);
    if (
      traceCode === ExitCode.violation ||
      (traceCode === ExitCode.incomplete && code === ExitCode.pass)
    )
      code = traceCode;
  }
  return withOutputFailures(code, outputs.failures);
}

/** Every report path the flags name, to be tried before anything runs. */
function outputPaths(f: RunFlags, certPath: string | undefined): OutputPath[] {
  const paths: OutputPath[] = [];
  const add = (flag: string, what: string, path: string | undefined, kind: OutputPath["kind"]) => {
    if (path !== undefined) paths.push({ flag, what, path, kind });
  };
  add("--json", "the JSON report", f.json, "file");
  add("--junit", "the JUnit report", f.junit, "file");
  add("--certificate", "the certificate", certPath, "file");
  add("--html", "the HTML report folder", f.html, "folder");
  add("--emit-test", "the regression test folder", f.emitTest, "folder");
  return paths;
}

/**
 * A report that could not be written after the run (checked before it, so something changed
 * meanwhile) is one line each; the run's own verdict still decides the exit code unless it
 * passed, so a violation is never hidden behind exit 4.
 */
function withOutputFailures(code: ExitCode, failures: readonly string[]): ExitCode {
  for (const line of failures) process.stderr.write(`maple-check: ${line}\n`);
  return failures.length > 0 && code === ExitCode.pass ? ExitCode.usage : code;
}

export function registerRunSpecs(program: Command): void {
  const command = program
    .command("run")
    .description(
      "run the specs in ./specs or maple-check's own (or those named) and report a verdict per spec",
    )
    .argument("[spec...]", "spec names (as in specs/NAME.json) or paths; default: every spec")
    .option(
      "--specs <dir>",
      "the spec folder (default: ./specs when the current folder has one, else maple-check's own)",
    )
    .option("--seed <n>", "seed for every spec (sequential runs and generated scenarios)", seedArg)
    .option(
      "--runs <n>",
      "runs per sequential spec (scenarios per generated explore spec)",
      intArg("--runs", 1),
    )
    .option(
      "--budget <b>",
      "time (30s, 2m) for the whole run, or executions per spec (100000x); a spec cut short is incomplete",
    )
    .option("--json <file>", "write every outcome as JSON")
    .option("--junit <file>", "write a JUnit XML report (for CI test views)")
    .option(
      "--shard <i/N>",
      "run shard i of N: a block of each sequential spec's runs, a part of each exploration's schedule space, generated explore specs dealt round robin; writes a certificate",
    )
    .option(
      "--certificate <file>",
      "where to write the completeness certificate (default with --shard: maple-check-shard-i-of-N.json)",
    )
    .option("--emit-test <dir>", "write each minimized counterexample as a vitest regression test")
    .option("--html <dir>", "write one self-contained HTML report per failure")
    .option("--no-times", "leave wall-clock times out of the output (byte-identical reruns)")
    .option(
      "--no-progress",
      "no progress bar (it is only shown when stderr is a terminal and CI is unset)",
    )
    .option("--no-traces", "skip the folder's trace checks (NAME.trace vs NAME.expected)")
    .addHelpText(
      "after",
      `
Exit codes:
  0  pass: every spec met its expectation (a spec expecting a violation found it)
  1  violation: a spec's verdict is not the one it expects
  2  incomplete: a budget ran out before a spec's declared bounds were covered (never a pass)
  4  usage or harness error: bad flag, spec, token or certificate, or a replay that differs

Every failure is replayed from its token twice before it is reported.`,
    )
    .action(async (names: string[], flags: RunFlags) => {
      process.exitCode = await usageErrors(() => runCommand(names, flags));
    });
  addKernelOption(command);
}

/** Which tree ran, and what of each spec it could not run, below the table. */
function backendNotes(description: string, outcomes: readonly JobOutcome[]): string[] {
  const lines = [`tree: ${description}`];
  for (const o of outcomes) {
    if (o.verdict === "not-applicable")
      lines.push(`  ${o.spec}: not applicable: ${o.notApplicable}`);
    else if (o.notApplicableOps !== undefined)
      lines.push(
        `  ${o.spec}: operations this kernel lacks, left out of the runs: ${o.notApplicableOps.join(" ")}`,
      );
    if (o.pinUnchecked !== undefined) lines.push(`  ${o.spec}: ${o.pinUnchecked}`);
  }
  return lines;
}
