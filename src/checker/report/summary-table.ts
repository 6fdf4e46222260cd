/**
 * The run's summary table: one row per spec (spec, mode, scenarios, executions, verdict,
 * expected verdict, time). Times are the only part that changes between runs of the same
 * seed; `times: false` leaves them out so the output is byte-identical.
 */
import { meetsExpectation } from "../run/outcome.js";
import type { JobOutcome } from "../run/run-all.js";

export function summaryTable(outcomes: readonly JobOutcome[], opts: { times?: boolean } = {}): string {
  const times = opts.times ?? true;
  const head = ["spec", "mode", "scenarios", "executions", "verdict", "expected", "result", ...(times ? ["time"] : [])];
  const rows = outcomes.map((o) => [
    o.spec,
    o.mode,
    String(o.scenarios),
    String(o.executions),
    o.verdict,
    o.expected,
    o.verdict === "incomplete" ? "INCOMPLETE" : meetsExpectation(o) ? "ok" : "FAILED",
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
  const incomplete = outcomes.filter((o) => o.verdict === "incomplete").length;
  const ok = outcomes.filter(meetsExpectation).length;
  const failed = outcomes.length - ok - incomplete;
  return `${outcomes.length} specs: ${ok} ok, ${failed} failed, ${incomplete} incomplete`;
}
