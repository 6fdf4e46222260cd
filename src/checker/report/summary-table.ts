/**
 * The run's summary table: one row per spec (spec, mode, scenarios, executions, verdict,
 * expected verdict, time); a sequential spec's row gives its runs and commands there, named. Times are the only part that changes between runs of the same
 * seed; `times: false` leaves them out so the output is byte-identical.
 */
import { meetsExpectation } from "../run/outcome.js";
import { type JobOutcome, partPending } from "../run/run-all.js";

/** The spec's name, with its part when a shard ran only part of it. */
export function specLabel(o: JobOutcome): string {
  if (o.part === undefined) return o.spec;
  return o.part.unit === "runs"
    ? `${o.spec} [runs ${o.part.from}-${o.part.to} of ${o.part.of}]`
    : `${o.spec} [subtree ${o.part.to} of ${o.part.of}]`;
}

/** ok / FAILED / INCOMPLETE, or `part` for a passing part of a spec expected to fail (judged at merge). */
export function resultWord(o: JobOutcome): string {
  if (o.verdict === "incomplete") return "INCOMPLETE";
  if (o.verdict === "not-applicable") return "n/a";
  if (meetsExpectation(o)) return "ok";
  return partPending(o) ? "part" : "FAILED";
}

export function summaryTable(
  outcomes: readonly JobOutcome[],
  opts: { times?: boolean } = {},
): string {
  const times = opts.times ?? true;
  const head = [
    "spec",
    "mode",
    "scenarios",
    "executions",
    "verdict",
    "expected",
    "result",
    ...(times ? ["time"] : []),
  ];
  // A sequential spec counts runs and commands in these columns: its cells say so.
  const seq = (o: JobOutcome, n: number, unit: string) =>
    o.mode === "sequential" ? `${n} ${unit}` : String(n);
  const rows = outcomes.map((o) => [
    specLabel(o),
    o.mode,
    seq(o, o.scenarios, o.scenarios === 1 ? "run" : "runs"),
    seq(o, o.executions, o.executions === 1 ? "command" : "commands"),
    o.verdict,
    o.expected,
    resultWord(o),
    ...(times ? [`${(o.timeMs / 1000).toFixed(2)}s`] : []),
  ]);
  const numeric = new Set([2, 3, 7]);
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (numeric.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join("  ")
      .trimEnd();
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** `N specs: N ok, N failed, N incomplete` */
export function summaryLine(outcomes: readonly JobOutcome[]): string {
  const words = outcomes.map(resultWord);
  const n = (w: string) => words.filter((x) => x === w).length;
  const parts = n("part");
  const na = n("n/a");
  return `${outcomes.length} specs: ${n("ok")} ok, ${n("FAILED")} failed, ${n("INCOMPLETE")} incomplete${na > 0 ? `, ${na} not applicable to this tree` : ""}${parts > 0 ? `, ${parts} parts to judge at merge` : ""}`;
}
