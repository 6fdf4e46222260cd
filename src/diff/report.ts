/**
 * What `maple-check diff` prints: a header naming the run and the kernel, the shrunk trace of
 * the first divergence with both outputs side by side (`>` marks the first differing line,
 * `!` later ones), the replay commands, and a summary. Nothing here reads the clock: times are
 * passed in, and left out with --no-times, so the same seed prints the same bytes.
 */

import { parseTrace } from "../trace/parse.js";
import { type Divergence, divergenceKind, outputLines } from "./compare.js";
import type { DiffPlan } from "./plan.js";
import type { DiffResult, Found } from "./run-diff.js";

/** Widths of the side-by-side columns; longer cells are cut, around the difference if any. */
const OP_WIDTH = 30;
const OUT_WIDTH = 32;
/** Rows shown before and after the first difference in a long trace. */
const ROWS_BEFORE = 30;
const ROWS_AFTER = 5;
/** Characters of a long differing line shown around the difference. */
const LINE_WINDOW = 240;
/** A shrunk trace longer than this is not listed (it is in the file). */
const LIST_LINES = 60;

const END = "(end)";

function clip(s: string, width: number): string {
  return s.length <= width ? s : `${s.slice(0, width - 3)}...`;
}

/**
 * `s` cut to about `width` characters so that character `column` shows. The window depends
 * on the column only, so two lines cut around the same column stay aligned.
 */
function around(s: string, column: number, width: number): string {
  if (s.length <= width || column < width - 8) return clip(s, width);
  const from = column - Math.floor(width / 3);
  const rest = s.slice(from);
  return `...${rest.length <= width - 3 ? rest : `${rest.slice(0, width - 6)}...`}`;
}

/** A shell word for a path: as is when safe, else single-quoted. */
export function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`;
}

export function formatHeader(
  plan: DiffPlan,
  kernel: { version: string; binary: string },
  faults: readonly string[] = [],
): string {
  const cursor = plan.cursor ? `, cursor traces${plan.unguarded ? " without --guard" : ""}` : "";
  const faulty = faults.length > 0 ? `\nTypeScript tree with faults: ${faults.join(", ")}` : "";
  return (
    `maple-check diff: seed ${plan.seed}, ${plan.traces} traces of ${plan.ops} operations, ` +
    `flag sets ${plan.flagSets.join(" ")}, universe ${plan.universe}${cursor}\n` +
    `kernel: ${kernel.version} (runner ${kernel.binary})${faulty}\n`
  );
}

function describeTrace(f: Found): string {
  const t = f.trace;
  const kind = t.cursor ? `, cursor${t.guard ? ", --guard" : ""}` : "";
  return `trace ${t.index} (flags ${t.flags}, universe ${t.universe}${kind})`;
}

function opText(d: Divergence): string {
  return d.op ? `\`${d.op.text.trim()}\`` : "after the last operation";
}

/** The side-by-side table of a trace's operations and both outputs. */
export function sideBySide(trace: string, kernel: string, ts: string, at: Divergence): string[] {
  const ops = parseTrace(trace).map((l) => l.text.trim());
  const a = outputLines(kernel);
  const b = outputLines(ts);
  const n = Math.max(ops.length, a.length, b.length);
  const first = at.line - 1;
  const shown: number[] = [];
  for (let i = 0; i < n; i++)
    if (n <= ROWS_BEFORE + ROWS_AFTER + 5 || (i >= first - ROWS_BEFORE && i <= first + ROWS_AFTER))
      shown.push(i);
  const cells = shown.map((i) => {
    const k = a[i] ?? END;
    const t = b[i] ?? END;
    const col = i === first ? at.column : 0;
    return {
      i,
      mark: i === first ? ">" : k !== t ? "!" : " ",
      op: clip(ops[i] ?? "", OP_WIDTH),
      k: around(k, col, OUT_WIDTH),
      t: around(t, col, OUT_WIDTH),
    };
  });
  const num = String(n).length;
  const opW = Math.max(9, ...cells.map((c) => c.op.length));
  const kW = Math.max(6, ...cells.map((c) => c.k.length));
  const row = (mark: string, i: string, op: string, k: string, t: string) =>
    `${mark} ${i.padStart(num)}  ${op.padEnd(opW)}  ${k.padEnd(kW)}  ${t}`.trimEnd();
  const lines = [row(" ", "#", "operation", "kernel", "maple-check")];
  let last = -1;
  for (const c of cells) {
    if (c.i !== last + 1) lines.push(`  ${"".padStart(num)}  ... (${c.i - last - 1} operations)`);
    lines.push(row(c.mark, String(c.i + 1), c.op, c.k, c.t));
    last = c.i;
  }
  if (last < n - 1) lines.push(`  ${"".padStart(num)}  ... (${n - 1 - last} operations)`);
  return lines;
}

/** The two differing lines in full (or a window around the difference in very long ones). */
function differingLines(d: Divergence): string[] {
  const show = (s: string | undefined) =>
    s === undefined ? END : around(s, d.column, LINE_WINDOW);
  const where = d.kernel !== undefined && d.ts !== undefined ? `, column ${d.column + 1}` : "";
  return [
    `first difference: output line ${d.line}, ${opText(d)}${where}`,
    `  kernel:      ${show(d.kernel)}`,
    `  maple-check: ${show(d.ts)}`,
  ];
}

export interface ReplayInfo {
  /** The written trace file, as the user should type it. */
  file: string;
  /** The Linux tree the runner was built from, or undefined with $MAPLE_CHECK_RUNNER. */
  kernelDir?: string;
  /** The runner binary. */
  binary: string;
}

export function replayCommands(r: ReplayInfo, guard: boolean): string[] {
  const g = guard ? " --guard" : "";
  const file = shellWord(r.file);
  const kernel =
    r.kernelDir !== undefined
      ? `maple-check trace --kernel ${shellWord(r.kernelDir)}${g} ${file}`
      : `${shellWord(r.binary)}${g} < ${file}`;
  const ts = `maple-check trace${g} ${file}`;
  const w = Math.max(kernel.length, ts.length);
  return [
    `  ${kernel.padEnd(w)}   # the kernel's C tree`,
    `  ${ts.padEnd(w)}   # the TypeScript tree`,
  ];
}

export function formatFound(f: Found, replay: ReplayInfo, written: readonly string[]): string {
  const ops = parseTrace(f.shrunk).length;
  const out = [
    `DIVERGENCE (${divergenceKind(f.first)}) in ${describeTrace(f)} at output line ${f.first.line}, ${opText(f.first)}`,
    `shrunk from ${parseTrace(f.trace.text).length} to ${ops} operations (${f.steps} candidates tried):`,
    "",
  ];
  const lines = outputLines(f.shrunk);
  if (lines.length <= LIST_LINES) out.push(...lines.map((l) => `    ${l}`));
  else out.push(`    (${lines.length} lines: see ${replay.file})`);
  out.push("", "outputs (> the first difference, ! a later one):");
  out.push(...sideBySide(f.shrunk, f.kernel, f.ts, f.at).map((l) => `  ${l}`));
  out.push(...differingLines(f.at), "");
  out.push(`written: ${written.join(", ")}`, "replay:", ...replayCommands(replay, f.trace.guard));
  return `${out.join("\n")}\n`;
}

export function formatSummary(
  plan: DiffPlan,
  r: DiffResult,
  seconds: number | undefined,
  quietFailures = 0,
): string {
  const time = seconds === undefined ? "" : `, time ${seconds.toFixed(1)}s`;
  const of = r.ran < plan.traces ? ` of ${plan.traces}` : "";
  const out = [
    `traces: ${r.ran}${of} run (${r.cursorTraces} cursor), ${r.resultLines} kernel result lines compared${time}`,
  ];
  if (r.unreproducible.length > 0)
    out.push(
      `kernel crashes that did not come back on a rerun (not counted as divergences): ${r.unreproducible.length} (trace ${r.unreproducible.join(", ")})`,
    );
  if (quietFailures > 0)
    out.push(
      `kernel runner runs that exited non-zero without a crash line (their output is compared as printed): ${quietFailures}`,
    );
  if (r.hangs.kernel + r.hangs.ts > 0)
    out.push(`traces out of time: kernel ${r.hangs.kernel}, maple-check ${r.hangs.ts}`);
  const d = r.divergence;
  out.push(
    d === undefined
      ? "no divergence"
      : `divergence: trace ${d.trace.index}, shrunk to ${parseTrace(d.shrunk).length} operations (the run stops at the first)`,
  );
  return `${out.join("\n")}\n`;
}
