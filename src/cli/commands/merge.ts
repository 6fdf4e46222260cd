/**
 * `maple-check merge CERT...`: the certificates of N shards checked and merged. All N shards
 * of the same spec set must be there, each once, covering every spec exactly once; with
 * `--against FULL` the per-spec counts must equal those of an unsharded run's certificate.
 * Exit codes as for `run`: 0 pass, 1 violation, 2 incomplete, 4 a certificate problem.
 */
import type { Command } from "commander";
import { replayCommandLine } from "../../checker/report/replay-line.js";
import {
  type Certificate,
  CertificateError,
  mergeCertificates,
  parseCertificate,
} from "../../checker/shard/certificate.js";
import type { ExitCode } from "../exit-codes.js";
import { readInput, writeStdout } from "../io.js";
import { usageErrors } from "./checker-errors.js";
import { verdictExit } from "./run-specs.js";

function load(path: string): { cert: Certificate; source: string } {
  return { cert: parseCertificate(readInput(path, "certificate"), path), source: path };
}

export async function mergeCommand(paths: string[], opts: { against?: string }): Promise<ExitCode> {
  const certs = paths.map(load);
  const merged = mergeCertificates(certs);
  if (opts.against !== undefined) {
    const full = load(opts.against);
    if (full.cert.specSet !== certs[0].cert.specSet)
      throw new CertificateError(
        `${opts.against}: a different spec set than the shards (different specs or options)`,
      );
    for (const c of full.cert.covered) {
      const m = merged.covered.find((x) => x.spec === c.spec);
      // A failing run stops at its first failure: the shards' first sequential counterexample
      // must be that one (same token); a split exploration must fail too.
      if (
        m !== undefined &&
        m.verdict === "violation" &&
        c.verdict === "violation" &&
        (m.mode === "explore" || m.replayToken === c.replayToken)
      )
        continue;
      if (
        m === undefined ||
        m.scenarios !== c.scenarios ||
        m.executions !== c.executions ||
        m.verdict !== c.verdict
      )
        throw new CertificateError(
          `${c.spec}: the shards report ${m ? `${m.scenarios} scenarios, ${m.executions} executions, ${m.verdict}` : "nothing"}; the unsharded run ${c.scenarios} scenarios, ${c.executions} executions, ${c.verdict}`,
        );
    }
  }
  const lines = [
    `merged ${merged.count} shard${merged.count > 1 ? "s" : ""}: ${merged.totals.specs} specs, ${merged.totals.scenarios} scenarios, ${merged.totals.executions} executions`,
  ];
  for (const c of merged.covered)
    if (c.verdict === "incomplete")
      lines.push(`  ${c.spec}: incomplete (${c.boundHit ?? "budget spent"})`);
    else if (c.verdict !== c.expected)
      lines.push(
        `  ${c.spec}: ${c.verdict} (expected ${c.expected})${c.replayToken ? `; replay: ${replayCommandLine(c.replayToken)}` : ""}`,
      );
  if (opts.against !== undefined)
    lines.push(
      `per-spec counts (and first counterexamples) equal the unsharded run's (${opts.against})`,
    );
  lines.push(`verdict: ${merged.verdict}`);
  await writeStdout(`${lines.join("\n")}\n`);
  return verdictExit(merged.verdict);
}

export function registerMerge(program: Command): void {
  program
    .command("merge")
    .description(
      "check and merge the certificates of `run --shard i/N` (all N present, distinct, complete)",
    )
    .argument("<cert...>", "certificate files, one per shard")
    .option("--against <file>", "an unsharded run's certificate: per-spec counts must be equal")
    .action(async (paths: string[], opts: { against?: string }) => {
      process.exitCode = await usageErrors(() => mergeCommand(paths, opts));
    });
}
