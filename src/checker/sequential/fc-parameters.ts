/**
 * How a model-based run (tree level or mm level) asks fast-check for its runs, and what
 * fast-check's answer means as a verdict: a deadline interrupts without failing, so a run cut
 * short is incomplete, never a pass.
 */
import type fc from "fast-check";

export interface RunLimits {
  seed: number;
  runs: number;
  /** fast-check's replay path of one failing run. */
  path?: string;
  /** performance.now() by which the run must stop. */
  deadline?: number;
}

export function checkParameters<Ts>(l: RunLimits): fc.Parameters<Ts> {
  return {
    seed: l.seed,
    numRuns: l.runs,
    ...(l.path !== undefined && { path: l.path }),
    ...(l.deadline !== undefined && {
      interruptAfterTimeLimit: Math.max(1, Math.floor(l.deadline - performance.now())),
      markInterruptAsFailure: false,
    }),
  };
}

export function runVerdict<Ts>(d: fc.RunDetails<Ts>): "violation" | "incomplete" | "pass" {
  return d.failed ? "violation" : d.interrupted ? "incomplete" : "pass";
}
