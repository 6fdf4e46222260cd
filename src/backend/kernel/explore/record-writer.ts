/**
 * Records the C tree's writer: one run of maple-explore-runner with the scenario's prefix run
 * unrecorded, then its writer lines recorded, and the log parsed. One process per recording
 * (a few milliseconds); the runner's line protocol also serves a long-lived process
 * (snapshot/restore between executions) once the explorer drives it.
 */
import { spawnSync } from "node:child_process";
import { KernelLogError, type KernelWriterLog, parseKernelLog } from "./kernel-log.js";

export interface KernelWriterScenario {
  flags: { alloc: boolean; rcu: boolean };
  /** Protocol lines building the tree: init is implied; store, insert, erase, load, setrcu,
   * clearrcu. */
  prefix: readonly string[];
  writer: readonly string[];
}

export interface KernelWriterRecording {
  /** The runner's answer to each prefix line and each writer line. */
  prefixResults: string[];
  writerResults: string[];
  log: KernelWriterLog;
  /** Wall-clock milliseconds of the whole run (process start and symbolizing included). */
  wallMs: number;
}

export interface RecordOptions {
  /** Log loads too (default false: a writer log needs its stores only). */
  loads?: boolean;
}

/** Runs a whole script of protocol lines; the runner's output, line by line. */
export function runExploreScript(binary: string, lines: readonly string[]): string[] {
  const r = spawnSync(binary, [], {
    input: `${lines.join("\n")}\n`,
    encoding: "utf8",
    maxBuffer: 256 << 20,
    timeout: 120_000,
  });
  if (r.error !== undefined) throw new KernelLogError(`${binary}: ${r.error.message}`);
  if (r.status !== 0)
    throw new KernelLogError(
      `maple-explore-runner exited ${r.status ?? r.signal}: ${r.stderr.trim().split("\n")[0] ?? ""}`,
    );
  return r.stdout.split("\n");
}

export function initLine(flags: KernelWriterScenario["flags"]): string {
  const names = [flags.alloc ? "alloc" : "", flags.rcu ? "rcu" : ""].filter(Boolean);
  return `init ${names.length > 0 ? names.join("|") : "0"}`;
}

function isOpLine(line: string): boolean {
  const t = line.trim();
  return t !== "" && !t.startsWith("#");
}

export function recordKernelWriter(
  binary: string,
  s: KernelWriterScenario,
  options: RecordOptions = {},
): KernelWriterRecording {
  const prefix = s.prefix.filter(isOpLine);
  const writer = s.writer.filter(isOpLine);
  const script = [
    `loads ${options.loads ? "on" : "off"}`,
    initLine(s.flags),
    ...prefix,
    "record",
    ...writer,
    "end",
  ];
  const started = performance.now();
  const out = runExploreScript(binary, script);
  const wallMs = performance.now() - started;
  // loads, init, the prefix's answers, "recording", the writer's answers, then the log.
  const prefixResults = out.slice(2, 2 + prefix.length);
  const bad = prefixResults.findIndex((a) => a.startsWith("err unknown-op") || a === "err parse");
  if (bad >= 0) throw new KernelLogError(`prefix line \`${prefix[bad]}\`: ${prefixResults[bad]}`);
  const rec = 2 + prefix.length;
  if (out[rec] !== "recording") throw new KernelLogError(`expected "recording", got "${out[rec]}"`);
  const writerResults = out.slice(rec + 1, rec + 1 + writer.length);
  const wbad = writerResults.findIndex((a) => a.startsWith("err unknown-op") || a === "err parse");
  if (wbad >= 0)
    throw new KernelLogError(`writer line \`${writer[wbad]}\`: ${writerResults[wbad]}`);
  const log = parseKernelLog(out.slice(rec + 1 + writer.length));
  return { prefixResults, writerResults, log, wallMs };
}
