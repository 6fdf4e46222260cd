/**
 * Runs a whole trace and returns exactly the bytes the kernel oracle prints for it: one line
 * per operation, each ending in `\n`. When the tree throws, the line is `crash` and the run
 * stops there, as the oracle's process dies at that point.
 */
import { type MachineOptions, TraceMachine } from "./execute.js";
import { formatResult } from "./format.js";
import type { TraceLine } from "./ops.js";
import { parseTrace } from "./parse.js";
import type { OpResult } from "./results.js";

export interface TraceOptions extends MachineOptions {
  /** Prefix each result with `INPUT => ` (the oracle's --echo; for people, not for diffing). */
  echo?: boolean;
}

export interface TraceRun {
  /** The oracle-format output. */
  output: string;
  /** Operation lines run (the crashing one included). */
  ops: number;
  /** Set when the tree threw: the line, and what was thrown. */
  crash?: { line: TraceLine; error: unknown };
}

/** What one line printed; `crash` set when the tree threw (the run stops there). */
export interface LineOutput {
  text: string;
  crash?: { line: TraceLine; error: unknown };
}

/** Runs one line on `machine`: its oracle-format output line, `\n` included. */
export function runOneLine(machine: TraceMachine, line: TraceLine, echo = false): LineOutput {
  let result: OpResult;
  try {
    result = machine.runLine(line);
  } catch (error) {
    // The oracle drops the partial line (echo prefix included) and prints only `crash`.
    return { text: "crash\n", crash: { line, error } };
  }
  const text = formatResult(result);
  return { text: echo ? `${line.text} => ${text}\n` : `${text}\n` };
}

/** Runs parsed lines on a fresh machine (as if `init 0` came first). */
export function runTraceLines(lines: readonly TraceLine[], options: TraceOptions = {}): TraceRun {
  const machine = new TraceMachine(options);
  const out: string[] = [];
  let ops = 0;
  for (const line of lines) {
    ops++;
    const r = runOneLine(machine, line, options.echo);
    out.push(r.text);
    if (r.crash !== undefined) return { output: out.join(""), ops, crash: r.crash };
  }
  return { output: out.join(""), ops };
}

export function runTrace(text: string, options: TraceOptions = {}): TraceRun {
  return runTraceLines(parseTrace(text), options);
}

/** The oracle's stdout for `text` (`maple-oracle [--guard] < text`). */
export function runTraceText(
  text: string,
  options: { guard?: boolean; echo?: boolean } = {},
): string {
  return runTrace(text, options).output;
}
