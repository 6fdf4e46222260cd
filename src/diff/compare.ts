/**
 * Comparing the two sides' outputs for a trace, line by line: the first output line where
 * they differ, the operation that printed it, and the first differing character in it.
 * Output line i is the result of the trace's i-th operation line (blank and `#` lines print
 * nothing).
 */
import type { TraceLine } from "../trace/ops.js";
import { parseTrace } from "../trace/parse.js";

export interface Divergence {
  /** 1-based output line (= operation number) of the first difference. */
  line: number;
  /** The operation that printed it; undefined past the trace's last operation. */
  op: TraceLine | undefined;
  /** The two lines; undefined where that side's output had already ended. */
  kernel: string | undefined;
  ts: string | undefined;
  /** 0-based index of the first character where the two lines differ. */
  column: number;
}

/** What kind of difference: a side crashed or ran out of time, or the results differ. */
export type DivergenceKind =
  | "kernel crash"
  | "maple-check crash"
  | "kernel hang"
  | "maple-check hang"
  | "different result";

export function divergenceKind(d: Divergence): DivergenceKind {
  if (d.kernel === "crash") return "kernel crash";
  if (d.ts === "crash") return "maple-check crash";
  if (d.kernel?.startsWith("hang ")) return "kernel hang";
  if (d.ts?.startsWith("hang ")) return "maple-check hang";
  return "different result";
}

/** Output text as lines, without the empty string after the final `\n`. */
export function outputLines(output: string): string[] {
  const lines = output.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

function firstDifferentChar(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return n;
}

/** The first difference between the kernel's and the TypeScript tree's outputs, or null. */
export function compareOutputs(trace: string, kernel: string, ts: string): Divergence | null {
  if (kernel === ts) return null;
  const a = outputLines(kernel);
  const b = outputLines(ts);
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) {
      return {
        line: i + 1,
        op: parseTrace(trace)[i],
        kernel: a[i],
        ts: b[i],
        column: firstDifferentChar(a[i] ?? "", b[i] ?? ""),
      };
    }
  }
  // Only the final newline differs (a side whose last line was cut short).
  return { line: n, op: parseTrace(trace)[n - 1], kernel: a[n - 1], ts: b[n - 1], column: 0 };
}

/** The trace up to and including input line `lineNo` (1-based). */
export function traceUpTo(trace: string, lineNo: number): string {
  return `${trace.split("\n").slice(0, lineNo).join("\n")}\n`;
}
