/**
 * An outcome as text, in the order a reader needs it: the verdict against the expectation,
 * the replay line to paste back, the minimized counterexample, then a hint.
 */
import { type ExplorationSummary, meetsExpectation, type SpecOutcome } from "../run/outcome.js";
import { replayCommandLine } from "./replay-line.js";
import { readableCounterexample } from "./timeline-columns.js";

/** Scenarios listed one by one at most; the rest are summed. */
const LISTED_SCENARIOS = 3;

/** Explore mode: what the exploration counted, per scenario (and summed when there are many). */
function explorationLines(list: readonly ExplorationSummary[]): string[] {
  const line = (e: ExplorationSummary): string => {
    const naive = BigInt(e.naiveInterleavings);
    const factor = e.executions > 0 ? naive / BigInt(e.executions) : 0n;
    return [
      `  explored ${e.scenario}: ${e.verdict}${e.incompleteReason !== undefined ? ` (${e.incompleteReason})` : ""};`,
      `executions ${e.executions}, distinct reader observations ${e.distinctObservations},`,
      `naive interleavings ${shortBig(naive)} (${shortBig(factor)}x reduced);`,
      `writer stores ${e.writerStores}, copy blocks [${e.copyBlocks.join(", ")}], grace periods ${e.gracePeriods},`,
      `reader steps ${e.readerSteps.join("+")}${e.minimizeExecutions !== undefined ? `; ${e.minimizeExecutions} executions to minimize preemptions` : ""}`,
    ].join(" ");
  };
  if (list.length <= LISTED_SCENARIOS) return list.map(line);
  const executions = list.reduce((n, e) => n + e.executions, 0);
  const observations = list.reduce((n, e) => n + e.distinctObservations, 0);
  const naive = list.reduce((n, e) => n + BigInt(e.naiveInterleavings), 0n);
  return [
    `  explored ${list.length} scenarios: executions ${executions}, distinct reader observations ${observations}, naive interleavings ${shortBig(naive)}`,
  ];
}

/** A bigint in full up to 12 digits, else as d.ddde+N. */
function shortBig(n: bigint): string {
  const s = n.toString();
  if (s.length <= 12) return s;
  return `${s[0]}.${s.slice(1, 4)}e+${s.length - 1}`;
}

export interface FormatOptions {
  /** Explore counterexamples: the timeline in columns (one per thread) and the model's range maps. */
  columns?: boolean;
  /** Wall-clock times (default true); off for byte-identical output across runs. */
  times?: boolean;
  /** The folder the spec came from, when the replay command must name it (replay-line.ts). */
  specsFolder?: string;
  /**
   * The line is a replay's: the verdict says whether the counterexample reproduces rather than
   * whether it met the spec's expectation.
   */
  replay?: boolean;
}

/** What the header says of the verdict against the expectation. */
function judgement(o: SpecOutcome, replay: boolean): string {
  if (replay)
    return o.counterexample !== undefined
      ? "the counterexample reproduces"
      : "it does not reproduce";
  if (meetsExpectation(o)) return "ok";
  return o.verdict === "incomplete" ? "INCOMPLETE" : "FAILED";
}

export function formatOutcome(o: SpecOutcome, opts: FormatOptions = {}): string {
  const lines = [
    `${o.spec}: ${o.verdict} (expected ${o.expected}) — ${judgement(o, opts.replay === true)}; ${o.scenarios} ${
      !o.mode.endsWith("explore") ? "runs" : o.scenarios === 1 ? "scenario" : "scenarios"
    }, ${o.executions} ${!o.mode.endsWith("explore") ? "commands" : "executions"}${opts.times === false ? "" : `, ${(o.timeMs / 1000).toFixed(2)} s`}`,
  ];
  if (o.exploration !== undefined) lines.push(...explorationLines(o.exploration));
  const cx = o.counterexample;
  if (cx) {
    lines.push(`  replay: ${replayCommandLine(cx.replayToken, opts.specsFolder)}`);
    if (o.backend !== undefined) lines.push(`  tree: ${o.backend}`);
    lines.push(`  ${cx.error}`);
    const size = Object.entries(cx.size)
      .map(([k, v]) => `${v} ${k}`)
      .join(", ");
    lines.push(`  minimized counterexample (${size}):`);
    const body =
      opts.columns && o.mode === "explore" ? readableCounterexample(cx.body) : cx.body.trimEnd();
    for (const l of body.split("\n")) lines.push(`    ${l}`);
    if (o.mode === "mm-sequential")
      lines.push(
        "  hint: the lines above are mm commands (put them in an mm-sequential spec's prefix to run them); the replay line re-runs exactly this run",
      );
    else if (o.mode === "mm-explore")
      lines.push(
        "  hint: the replay line re-runs exactly this execution; each reader's VMA is judged against the address space before and after the mm writer",
      );
    else if (o.mode === "sequential")
      lines.push(
        "  hint: save the trace above and run `maple-check trace --guard FILE` with and without --kernel DIR: the C tree and the TypeScript tree side by side show whether a tree or the model is wrong",
      );
    else
      lines.push(
        "  hint: the replay line re-runs exactly this execution; each reader answer is judged against the model in the states S0..Sm",
      );
  }
  return lines.join("\n");
}
