/**
 * One scenario explored as a checking mode: exhaustively (within the bounds), and a violation
 * minimized to the fewest preemptions (the same exploration again with preemption bound
 * 0, 1, 2, ... below the first violation's count), marked where the answer went wrong, and
 * replayable from its choice path and bound.
 */
import type { ExplorationResult, ExploreOptions, ExplorerViolation } from "../explorer/index.js";
import { explore } from "../explorer/index.js";
import type { ExplorationSummary } from "../run/outcome.js";
import type { CompiledScenario } from "./compile.js";
import { markDivergence } from "./divergence.js";
import { describeScenario } from "./scenario-data.js";

export interface ExploreBoundsData {
  /** Preemption bound of the exploration; undefined = unbounded. */
  preemptions?: number;
  readerSteps: number;
  executions: number;
  /** Explore only this part of the schedule space (see ExploreOptions.subtree). */
  subtree?: { index: number; count: number };
  /** performance.now() time after which exploring stops, incomplete. */
  deadline?: number;
}

export interface ScenarioViolation {
  error: string;
  /** The scenario, the timeline with the divergence marked, the reader results. */
  body: string;
  kind: ExplorerViolation["kind"];
  /** The preemption bound the violation was found (and must be replayed) with; null: none. */
  bound: number | null;
  path: number[];
  /** Preemptions of the violating execution (the fewest any violation needs, when minimized). */
  preemptions: number;
  /** Timeline steps. */
  steps: number;
}

export interface ScenarioRun {
  summary: ExplorationSummary;
  violation?: ScenarioViolation;
}

function options(
  c: CompiledScenario,
  bounds: ExploreBoundsData,
  forwardCopyOnly: boolean,
): ExploreOptions {
  return {
    check: c.check,
    maxExecutions: bounds.executions,
    readerStepBudget: bounds.readerSteps,
    forwardCopyOnly,
    // A thread in one read-side section is protected like a single operation: both starts
    // (before or after a call_rcu) need exploring only for unprotected or per-line sections.
    branchOnRcuStart: c.data.readers.some(
      (r) => r.kind === "none" || (r.kind === "rcu-per-op" && r.lines.length > 1),
    ),
    ...(bounds.preemptions !== undefined && { preemptionBound: bounds.preemptions }),
    ...(bounds.subtree !== undefined && { subtree: bounds.subtree }),
    ...(bounds.deadline !== undefined && { deadline: bounds.deadline }),
  };
}

export function summarize(r: ExplorationResult, minimizeExecutions?: number): ExplorationSummary {
  const s: ExplorationSummary = {
    scenario: r.scenario,
    verdict: r.verdict,
    executions: r.executions,
    naiveInterleavings: r.naiveInterleavings.toString(),
    distinctObservations: r.distinctObservations,
    writerStores: r.writerStores,
    readerSteps: r.readerSteps,
    copyBlocks: r.copyBlocks,
    gracePeriods: r.gracePeriods,
    elapsedMs: r.elapsedMs,
  };
  if (r.incompleteReason !== undefined) s.incompleteReason = r.incompleteReason;
  if (minimizeExecutions !== undefined) s.minimizeExecutions = minimizeExecutions;
  return s;
}

/** Non-zero choices of a path: an upper bound on its preemptions. */
function nonZeroChoices(path: readonly number[]): number {
  return path.filter((i) => i > 0).length;
}

/** The violation as the outcome shows it: scenario, marked timeline, results. */
export function describeViolation(
  c: CompiledScenario,
  v: ExplorerViolation,
  bound: number | null,
  preemptions: number,
): ScenarioViolation {
  let text = v.text;
  const failure = v.kind === "check-failed" ? c.check.failureOf(v.message) : undefined;
  if (failure !== undefined) text = markDivergence(c, v, failure).text;
  const error = `${v.kind}: ${v.message.split("\n")[0]}`;
  const body = [
    `scenario ${c.data.name}:`,
    ...describeScenario(c.data)
      .split("\n")
      .map((l) => `  ${l}`),
    text,
  ].join("\n");
  return { error, body, kind: v.kind, bound, path: v.path, preemptions, steps: v.timeline.length };
}

/** Explores a compiled scenario; a violation comes back minimized to the fewest preemptions. */
export function exploreScenario(
  c: CompiledScenario,
  bounds: ExploreBoundsData,
  forwardCopyOnly = false,
  minimize = true,
): ScenarioRun {
  const base = options(c, bounds, forwardCopyOnly);
  const first = explore(c.scenario, base);
  const v = first.violations[0];
  if (v === undefined) return { summary: summarize(first) };
  let found = v;
  let bound: number | null = bounds.preemptions ?? null;
  let preemptions = Math.min(
    nonZeroChoices(v.path),
    bounds.preemptions ?? Number.POSITIVE_INFINITY,
  );
  let spent = 0;
  if (minimize) {
    for (let b = 0; b < preemptions; b++) {
      const r = explore(c.scenario, { ...base, preemptionBound: b });
      spent += r.executions;
      if (r.violations.length > 0) {
        found = r.violations[0];
        bound = b;
        preemptions = b;
        break;
      }
    }
  }
  return {
    summary: summarize(first, minimize ? spent : undefined),
    violation: describeViolation(c, found, bound, preemptions),
  };
}

/** Re-runs exactly one execution (a violation's bound and path). */
export function replayScenario(
  c: CompiledScenario,
  bounds: ExploreBoundsData,
  forwardCopyOnly: boolean,
  bound: number | null,
  path: readonly number[],
): ScenarioRun {
  const opts = options(c, { ...bounds, preemptions: bound ?? undefined }, forwardCopyOnly);
  if (bound === null) delete opts.preemptionBound;
  const r = explore(c.scenario, { ...opts, replayPath: path });
  const v = r.violations[0];
  if (v === undefined) return { summary: summarize(r) };
  return {
    summary: summarize(r),
    violation: describeViolation(c, v, bound, bound ?? nonZeroChoices(path)),
  };
}
