/**
 * The exploration loop: record the writer once, then run executions depth-first over the
 * readers' choices until every consistent combination of distinct observations has been run,
 * a violation is found, or the budget is spent.
 */
import { resetNodeIds } from "../../impl/node.js";
import { shardSubtrees } from "../shard/subtree-plan.js";
import {
  Execution,
  type ExecutionConfig,
  type ExecutionOutcome,
  ExplorerError,
  type Frame,
} from "./execution.js";
import { historiesOf, totalOrder } from "./history.js";
import { naiveInterleavings } from "./naive-count.js";
import type {
  ExplorationResult,
  ExploreOptions,
  ExplorerViolation,
  Scenario,
  TimelineLine,
  World,
} from "./scenario.js";
import { buildTimeline, timelineText } from "./timeline.js";
import { formatValue } from "./words.js";
import { recordWriter, type WriterLog } from "./writer-log.js";

export function explore<W extends World>(
  scenario: Scenario<W>,
  options: ExploreOptions = {},
): ExplorationResult {
  const started = performance.now();
  const maxExecutions = options.maxExecutions ?? 200_000;
  const deadline = options.deadline;
  let timedOut = false;
  const stopOnFirst = options.stopOnFirstViolation ?? true;
  const maxViolations = Math.max(1, options.maxViolations ?? 10);
  const readers = scenario.readers;
  const readerNames = readers.map((r, i) => r.name ?? `reader${i + 1}`);
  const readerOpNames = readers.map((r) => r.ops.map((o) => o.name));

  resetNodeIds();
  const { world, log } = recordWriter(scenario, { forwardCopyOnly: options.forwardCopyOnly });
  const config: ExecutionConfig = {
    stepBudget: options.readerStepBudget ?? 10_000,
    preemptionBound: options.preemptionBound ?? Number.POSITIVE_INFINITY,
    branchOnRcuStart:
      options.branchOnRcuStart ?? readers.some((r) => r.rcu === false || r.ops.length > 1),
  };

  const stack: Frame[] = [];
  // Check verdicts by (call/return pattern, results): many executions share both.
  const verdicts = new Map<string, string | null>();
  const observations = new Set<string>();
  const violations: ExplorerViolation[] = [];
  let executions = 0;
  let violatingExecutions = 0;
  let readerSteps: number[] = [];
  let boundCut = false;
  let exhausted = false;

  // A shard's part: the subtrees of the schedule space dealt to it (shard/subtree-plan.ts),
  // each explored depth-first from its root path. Probing for the plan runs uncounted
  // executions; the first is the whole tree's first execution.
  const sub = options.replayPath === undefined ? options.subtree : undefined;
  let roots: (readonly number[])[] = [[]];
  if (sub !== undefined) {
    const probe = (path: readonly number[]): number[] => {
      const frames: Frame[] = [];
      const o = new Execution(log, frames, config, path).run(world, readers);
      if (path.length === 0) readerSteps = o.reads;
      return frames.map((f) => f.options.length);
    };
    roots = shardSubtrees(probe, scenario.name ?? "scenario", sub, sub.plan);
  }
  // The current subtree: its root path (taken by its first execution), and the depth below
  // which the search never backtracks.
  let rootAt = 0;
  let first: readonly number[] | undefined = roots[0];
  let floor = roots[0]?.length ?? 0;

  for (;;) {
    if (roots.length === 0) {
      exhausted = true;
      break;
    }
    if (executions >= maxExecutions) break;
    if (deadline !== undefined && (executions & 63) === 63 && performance.now() > deadline) {
      timedOut = true;
      break;
    }
    const exec = new Execution(log, stack, config, options.replayPath ?? first);
    first = undefined;
    const outcome = exec.run(world, readers);
    if (options.replayPath !== undefined)
      checkReplayLength(options.replayPath.length, stack.length);
    executions++;
    if (executions === 1 && sub === undefined) readerSteps = outcome.reads;
    observations.add(outcome.observation);
    if (outcome.boundCut) boundCut = true;
    const found = judge(log, outcome, exec.owner, options, verdicts, readerOpNames);
    if (found !== null) {
      violatingExecutions++;
      if (violations.length < maxViolations) {
        const path = stack.map((f) => f.index);
        violations.push(
          report(log, outcome, exec.owner, found, readerNames, readerOpNames, executions, path),
        );
      }
      if (stopOnFirst) break;
    }
    if (options.replayPath !== undefined) break;
    while (
      stack.length > floor &&
      stack[stack.length - 1].index + 1 > stack[stack.length - 1].options.length - 1
    )
      stack.pop();
    if (stack.length > floor) {
      stack[stack.length - 1].index++;
      continue;
    }
    // This subtree is done: on to the next, from an empty stack.
    if (++rootAt >= roots.length) {
      exhausted = true;
      break;
    }
    stack.length = 0;
    first = roots[rootAt];
    floor = roots[rootAt].length;
  }

  const { verdict, incompleteReason } = explorationVerdict({
    violated: violations.length > 0,
    replayed: options.replayPath !== undefined,
    exhausted,
    timedOut,
    boundCut,
    maxExecutions,
    preemptionBound: config.preemptionBound,
  });

  const writerStores = log.stores.length;
  const copyBlocks = log.blocks.map((b) => b.stores.length);
  const result: ExplorationResult = {
    scenario: scenario.name ?? "scenario",
    verdict,
    executions,
    naiveInterleavings: naiveInterleavings(writerStores, readerSteps, copyBlocks),
    distinctObservations: observations.size,
    writerStores,
    readerSteps,
    copyBlocks,
    gracePeriods: log.segments.length,
    elapsedMs: Math.round(performance.now() - started),
    violations,
    violatingExecutions,
  };
  if (incompleteReason !== undefined) result.incompleteReason = incompleteReason;
  if (options.collectObservations) result.observations = [...observations].sort();
  return result;
}

/**
 * A replayed path names every choice of one execution, no fewer (the rest would default to
 * the first option: another execution, which may well pass) and no more.
 */
export function checkReplayLength(given: number, made: number): void {
  if (given < made)
    throw new ExplorerError(
      `the replay path gives ${given} choices where the execution makes ${made}: the token is cut short`,
    );
  if (given > made)
    throw new ExplorerError(
      `the replay path has ${given - made} choice${given - made === 1 ? "" : "s"} left over after the execution's ${made}`,
    );
}

/** What is wrong with an execution, if anything (before any timeline is built). */
interface Finding {
  kind: ExplorerViolation["kind"];
  thread: number;
  opIndex: number;
  message: string;
  /** Where a reader crashed, when the tree knows (crash-site.ts). */
  site?: string;
  /** The total order to show, or null for "readers first". */
  order: number[] | null;
}

function judge(
  log: WriterLog,
  outcome: ExecutionOutcome,
  owner: readonly number[],
  options: ExploreOptions,
  verdicts: Map<string, string | null>,
  readerOpNames: readonly (readonly string[])[],
): Finding | null {
  if (outcome.crash !== undefined) {
    const c = outcome.crash;
    return {
      kind: c.livelock ? "livelock" : "reader-crashed",
      thread: c.thread,
      opIndex: c.op,
      message: c.message,
      ...(c.site !== undefined && { site: c.site }),
      order: null,
    };
  }
  if (options.check === undefined) return null;
  const check = options.check;
  const ordered = outcome.results.map(
    (rs, t) => !rs.every((r, o) => check.alwaysRight?.(t + 1, o, r) ?? false),
  );
  if (!ordered.includes(true)) return null;
  const results = formatValue(outcome.results);
  for (const h of historiesOf(log, outcome, owner, ordered, readerOpNames)) {
    const key = `${h.signature}#${results}`;
    let message = verdicts.get(key);
    if (message === undefined) {
      message = check(h.history);
      verdicts.set(key, message);
    }
    if (message !== null)
      return { kind: "check-failed", thread: 0, opIndex: 0, message, order: h.order };
  }
  return null;
}

function report(
  log: WriterLog,
  outcome: ExecutionOutcome,
  owner: readonly number[],
  f: Finding,
  readerNames: readonly string[],
  readerOpNames: readonly (readonly string[])[],
  execution: number,
  path: number[],
): ExplorerViolation {
  // Readers first by default: the timeline shows as little of the writer as a crash needs.
  const order = f.order ?? totalOrder(log, owner, [...outcome.traces.map((_, i) => i + 1), 0]);
  const timeline = buildTimeline(log, outcome, order, readerNames, readerOpNames);
  let message = f.message;
  if (f.kind !== "check-failed") {
    const what = f.kind === "livelock" ? "livelock" : "reader crashed";
    message = `${what}: ${readerNames[f.thread - 1]} ${readerOpNames[f.thread - 1][f.opIndex]}: ${f.message}`;
  }
  const text = render(message, timeline, outcome, readerNames, readerOpNames);
  return {
    kind: f.kind,
    thread: f.thread,
    opIndex: f.opIndex,
    message,
    ...(f.site !== undefined && { site: f.site }),
    execution,
    path,
    timeline,
    text,
  };
}

function render(
  message: string,
  timeline: readonly TimelineLine[],
  outcome: ExecutionOutcome,
  readerNames: readonly string[],
  readerOpNames: readonly (readonly string[])[],
): string {
  const results = outcome.results.flatMap((rs, t) =>
    rs.map((r, o) => `  ${readerNames[t]} ${readerOpNames[t][o]} -> ${formatValue(r)}`),
  );
  return [message, "timeline:", timelineText(timeline), "results:", ...results].join("\n");
}

/**
 * An exploration's verdict, for every explorer: a violation; else incomplete when it replayed
 * one execution, ran out of executions or time, or its preemption bound cut executions off;
 * else a pass.
 */
export function explorationVerdict(x: {
  violated: boolean;
  replayed: boolean;
  exhausted: boolean;
  timedOut: boolean;
  boundCut: boolean;
  maxExecutions: number;
  preemptionBound: number | undefined;
}): { verdict: ExplorationResult["verdict"]; incompleteReason?: string } {
  if (x.violated) return { verdict: "violation" };
  if (x.replayed) return { verdict: "incomplete", incompleteReason: "replayed one execution" };
  if (!x.exhausted)
    return {
      verdict: "incomplete",
      incompleteReason: x.timedOut
        ? "time budget spent"
        : `execution budget of ${x.maxExecutions} spent`,
    };
  if (x.boundCut)
    return {
      verdict: "incomplete",
      incompleteReason: `preemption bound ${x.preemptionBound} cut executions off`,
    };
  return { verdict: "pass" };
}
