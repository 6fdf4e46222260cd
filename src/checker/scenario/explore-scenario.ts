/**
 * One scenario explored as a checking mode: exhaustively (within the bounds), and a violation
 * minimized to the fewest preemptions (the same exploration again with preemption bound
 * 0, 1, 2, ... below the first violation's count), marked where the answer went wrong, and
 * replayable from its choice path and bound.
 */

import { checkReplayLength } from "../explorer/explore.js";
import type { ExplorationResult, ExploreOptions, ExplorerViolation } from "../explorer/index.js";
import { explore } from "../explorer/index.js";
import type { ExplorationSummary } from "../run/outcome.js";
import type { CompiledScenario } from "./compile.js";
import { markDivergence } from "./divergence.js";
import type { CheckFailure } from "./model-check.js";
import { describeScenario, readerName, type ScenarioData } from "./scenario-data.js";

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
  /** The first reader operation whose answer left the model, and that answer (or the crash). */
  found?: FoundAnswer;
}

/**
 * What a violation found, as an explore spec pins it: the reader thread, its line, and the
 * answer it gave (`crash` or `livelock` when it gave none). Named so that it reads the same on
 * the TypeScript tree and the C tree.
 */
export interface FoundAnswer {
  reader: string;
  line: string;
  answer: string;
  /** For a crash on a tree that knows where (the TypeScript tree): the site (crash-site.ts). */
  crashIn?: string;
}

/** The answer a failed check's message quotes: `... -> "ANSWER" matches no state ...`. */
function quotedAnswer(message: string): string | undefined {
  return /-> "((?:[^"\\]|\\.)*)" matches no state/.exec(message)?.[1];
}

function foundAnswer(
  data: ScenarioData,
  v: ExplorerViolation,
  failure: CheckFailure | undefined,
): FoundAnswer | undefined {
  const at =
    v.kind === "check-failed"
      ? failure && { thread: failure.thread, op: failure.opIndex }
      : { thread: v.thread, op: v.opIndex };
  const r = at && data.readers[at.thread - 1];
  const line = r?.lines[at?.op ?? 0]?.trim();
  if (at === undefined || r === undefined || line === undefined) return undefined;
  const answer =
    v.kind === "check-failed"
      ? quotedAnswer(v.message)
      : v.kind === "livelock"
        ? "livelock"
        : "crash";
  if (answer === undefined) return undefined;
  const crashIn = answer === "crash" ? v.site : undefined;
  return {
    reader: readerName(r, at.thread - 1),
    line,
    answer,
    ...(crashIn !== undefined && { crashIn }),
  };
}

export interface ScenarioRun {
  summary: ExplorationSummary;
  violation?: ScenarioViolation;
}

/** The options every explorer takes (the TypeScript tree's adds its check). */
export type ScenarioExploreOptions = Omit<ExploreOptions, "check" | "collectObservations">;

/** An explorer's options for a scenario's bounds (the same for the TypeScript and the C tree). */
export function scenarioOptions(
  data: ScenarioData,
  bounds: ExploreBoundsData,
  forwardCopyOnly: boolean,
): ScenarioExploreOptions {
  return {
    maxExecutions: bounds.executions,
    readerStepBudget: bounds.readerSteps,
    forwardCopyOnly,
    // A thread in one read-side section is protected like a single operation: both starts
    // (before or after a call_rcu) need exploring only for unprotected or per-line sections.
    branchOnRcuStart: data.readers.some(
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

/**
 * What a scenario explored as a checking mode needs of an explorer: run with options (a
 * preemption bound, a replay path), and turn a violation into the outcome's text. The
 * TypeScript tree's explorer and the C tree's both provide it.
 */
export interface ScenarioExplorer<O extends ScenarioExploreOptions> {
  options(bounds: ExploreBoundsData): O;
  explore(options: O): ExplorationResult;
  describe(v: ExplorerViolation, bound: number | null, preemptions: number): ScenarioViolation;
}

/**
 * The violation as the outcome shows it: the scenario (and `extra` lines about the tree), the
 * timeline with the divergence marked by `mark` for a failed check, the reader results.
 */
export function describeScenarioViolation(
  data: ScenarioData,
  check: CompiledScenario["check"],
  v: ExplorerViolation,
  bound: number | null,
  preemptions: number,
  mark: (failure: CheckFailure) => string,
  extra: readonly string[] = [],
): ScenarioViolation {
  let text = v.text;
  const failure = v.kind === "check-failed" ? check.failureOf(v.message) : undefined;
  if (failure !== undefined) text = mark(failure);
  const error = `${v.kind}: ${v.message.split("\n")[0]}`;
  const body = [
    `scenario ${data.name}:`,
    ...describeScenario(data)
      .split("\n")
      .map((l) => `  ${l}`),
    ...extra,
    text,
  ].join("\n");
  const found = foundAnswer(data, v, failure);
  return {
    error,
    body,
    kind: v.kind,
    bound,
    path: v.path,
    preemptions,
    steps: v.timeline.length,
    ...(found !== undefined && { found }),
  };
}

/** Explores with `e`; a violation comes back minimized to the fewest preemptions. */
export function exploreMinimized<O extends ScenarioExploreOptions>(
  e: ScenarioExplorer<O>,
  bounds: ExploreBoundsData,
  minimize = true,
): ScenarioRun {
  const base = e.options(bounds);
  const first = e.explore(base);
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
      const r = e.explore({ ...base, preemptionBound: b });
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
    violation: e.describe(found, bound, preemptions),
  };
}

/** Re-runs exactly one execution with `e` (a violation's bound and path). */
export function replayWith<O extends ScenarioExploreOptions>(
  e: ScenarioExplorer<O>,
  bounds: ExploreBoundsData,
  bound: number | null,
  path: readonly number[],
): ScenarioRun {
  const opts = e.options({ ...bounds, preemptions: bound ?? undefined });
  if (bound === null) delete opts.preemptionBound;
  const r = e.explore({ ...opts, replayPath: path });
  const v = r.violations[0];
  if (v === undefined) return { summary: summarize(r) };
  // The TypeScript explorer checks every replay; the C tree's path, when it fails again.
  checkReplayLength(path.length, v.path.length);
  return {
    summary: summarize(r),
    violation: e.describe(v, bound, bound ?? nonZeroChoices(path)),
  };
}

/** The TypeScript tree's explorer for a compiled scenario. */
export function tsExplorer(
  c: CompiledScenario,
  forwardCopyOnly: boolean,
): ScenarioExplorer<ExploreOptions> {
  return {
    options: (bounds) => ({ ...scenarioOptions(c.data, bounds, forwardCopyOnly), check: c.check }),
    explore: (options) => explore(c.scenario, options),
    describe: (v, bound, preemptions) => describeViolation(c, v, bound, preemptions),
  };
}

/** The violation as the outcome shows it: scenario, marked timeline, results. */
export function describeViolation(
  c: CompiledScenario,
  v: ExplorerViolation,
  bound: number | null,
  preemptions: number,
): ScenarioViolation {
  return describeScenarioViolation(
    c.data,
    c.check,
    v,
    bound,
    preemptions,
    (f) => markDivergence(c, v, f).text,
  );
}

/** Explores a compiled scenario; a violation comes back minimized to the fewest preemptions. */
export function exploreScenario(
  c: CompiledScenario,
  bounds: ExploreBoundsData,
  forwardCopyOnly = false,
  minimize = true,
): ScenarioRun {
  return exploreMinimized(tsExplorer(c, forwardCopyOnly), bounds, minimize);
}

/** Re-runs exactly one execution (a violation's bound and path). */
export function replayScenario(
  c: CompiledScenario,
  bounds: ExploreBoundsData,
  forwardCopyOnly: boolean,
  bound: number | null,
  path: readonly number[],
): ScenarioRun {
  return replayWith(tsExplorer(c, forwardCopyOnly), bounds, bound, path);
}
