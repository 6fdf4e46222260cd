/**
 * The differential run: trace after trace (plan.ts), the kernel's output and the TypeScript
 * tree's are compared line by line; the first trace on which they differ is shrunk (cut after
 * the first differing operation, then delta debugging, keeping only candidates that differ in
 * the same way) and the run stops there.
 *
 * A `crash` on the kernel side is an output line like any other: a divergence unless the
 * TypeScript tree throws at the same operation. Only when the kernel's output ends in a crash
 * the TypeScript side does not share is the runner asked again: a crash that comes back at
 * the same place is the kernel's; one that moves (the 6.12 oracle's asynchronous RCU-callback
 * crash, before the runner waited for its callbacks) is counted as unreproducible and the
 * lines before it are compared.
 */
import { HarnessError } from "../cli/exit-codes.js";
import {
  compareOutputs,
  type Divergence,
  divergenceKind,
  outputLines,
  traceUpTo,
} from "./compare.js";
import { type DiffPlan, planTrace, type TracePlan } from "./plan.js";
import { shrinkTrace } from "./shrink.js";

/** A side: the output (oracle format, `crash`/`hang` included) of a trace. */
export type TraceRunner = (trace: string, guard: boolean) => string;

export interface Sides {
  kernel: TraceRunner;
  ts: TraceRunner;
}

/** Extra runner runs for a kernel crash the TypeScript side does not share. */
export const KERNEL_RETRIES = 3;

/** Shrinking stops after this many candidate traces. */
export const SHRINK_STEPS = 2000;

export interface Found {
  /** The diverging trace as generated. */
  trace: TracePlan;
  /** Its first difference. */
  first: Divergence;
  /** The shrunk trace, both outputs for it, and its first difference. */
  shrunk: string;
  kernel: string;
  ts: string;
  at: Divergence;
  /** Candidate traces tried while shrinking. */
  steps: number;
}

export interface DiffResult {
  /** Traces run (the diverging one included). */
  ran: number;
  cursorTraces: number;
  /** Result lines the kernel printed, over the traces run. */
  resultLines: number;
  /** Traces whose kernel crash did not come back on a rerun. */
  unreproducible: number[];
  /** Traces on which a side ran out of time. */
  hangs: { kernel: number; ts: number };
  divergence?: Found;
}

export interface DiffHooks {
  /** Before trace t (0-based) runs. */
  onTrace?: (t: number, total: number) => void;
  /** When the first divergence is found, before shrinking. */
  onShrink?: (first: Divergence, trace: TracePlan) => void;
}

interface Outputs {
  kernel: string;
  ts: string;
  /** The kernel crashed where the TypeScript side did not, and not at the same place again. */
  unreproducible: boolean;
}

const isHang = (out: string) => /(^|\n)hang [^\n]*\n$/.test(out);

/** The kernel's output ends in a crash at an output line where the TypeScript side has another. */
function lonelyKernelCrash(kernel: string, ts: string): boolean {
  if (!kernel.endsWith("crash\n") || kernel === ts) return false;
  const at = outputLines(kernel).length - 1;
  return outputLines(ts)[at] !== "crash";
}

/**
 * Both outputs. A kernel crash the TypeScript side does not share counts when a rerun crashes
 * at the same place; one that moves is unreproducible: the first rerun without a crash is
 * compared instead, or, when every rerun crashes somewhere, the lines before the furthest crash.
 */
function runBoth(sides: Sides, trace: string, guard: boolean): Outputs {
  const ts = sides.ts(trace, guard);
  const kernel = sides.kernel(trace, guard);
  if (!lonelyKernelCrash(kernel, ts)) return { kernel, ts, unreproducible: false };
  let furthest = kernel;
  for (let i = 0; i < KERNEL_RETRIES; i++) {
    const again = sides.kernel(trace, guard);
    if (again === kernel && i === 0) return { kernel, ts, unreproducible: false };
    if (!lonelyKernelCrash(again, ts)) return { kernel: again, ts, unreproducible: true };
    if (again.length > furthest.length) furthest = again;
  }
  const before = outputLines(furthest).length - 1;
  const tsBefore = outputLines(ts).slice(0, before);
  return { kernel: furthest, ts: [...tsBefore, "crash", ""].join("\n"), unreproducible: true };
}

function shrink(sides: Sides, trace: TracePlan, first: Divergence): Omit<Found, "trace" | "first"> {
  let steps = 0;
  // A candidate must fail the same way (a kernel crash stays a kernel crash): shrinking
  // would otherwise slide from the difference found to another one.
  const kind = divergenceKind(first);
  const differs = (text: string) => {
    steps++;
    const o = runBoth(sides, text, trace.guard);
    const d = compareOutputs(text, o.kernel, o.ts);
    return d !== null && divergenceKind(d) === kind;
  };
  // Everything after the first differing operation can go at once.
  const cut = first.op ? traceUpTo(trace.text, first.op.lineNo) : trace.text;
  const start = cut !== trace.text && differs(cut) ? cut : trace.text;
  const shrunk = shrinkTrace(start, differs, SHRINK_STEPS);
  const o = runBoth(sides, shrunk, trace.guard);
  const at = compareOutputs(shrunk, o.kernel, o.ts);
  if (at === null)
    // The runner's answers changed between runs: report the trace as generated.
    return { shrunk: trace.text, ...rerun(sides, trace), steps };
  return { shrunk, kernel: o.kernel, ts: o.ts, at, steps };
}

function rerun(sides: Sides, trace: TracePlan): { kernel: string; ts: string; at: Divergence } {
  const o = runBoth(sides, trace.text, trace.guard);
  const at = compareOutputs(trace.text, o.kernel, o.ts);
  if (at === null)
    throw new HarnessError(
      `the kernel runner gave different outputs on trace ${trace.index} when run again`,
    );
  return { kernel: o.kernel, ts: o.ts, at };
}

export function runDiff(plan: DiffPlan, sides: Sides, hooks: DiffHooks = {}): DiffResult {
  const result: DiffResult = {
    ran: 0,
    cursorTraces: 0,
    resultLines: 0,
    unreproducible: [],
    hangs: { kernel: 0, ts: 0 },
  };
  for (let t = 0; t < plan.traces; t++) {
    hooks.onTrace?.(t, plan.traces);
    const trace = planTrace(plan, t);
    const o = runBoth(sides, trace.text, trace.guard);
    result.ran++;
    if (trace.cursor) result.cursorTraces++;
    result.resultLines += outputLines(o.kernel).length;
    if (o.unreproducible) result.unreproducible.push(t);
    if (isHang(o.kernel)) result.hangs.kernel++;
    if (isHang(o.ts)) result.hangs.ts++;
    const first = compareOutputs(trace.text, o.kernel, o.ts);
    if (first === null) continue;
    hooks.onShrink?.(first, trace);
    result.divergence = { trace, first, ...shrink(sides, trace, first) };
    break;
  }
  return result;
}
