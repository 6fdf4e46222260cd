/**
 * The exploration loop: record the writer once, then run executions depth-first over the
 * readers' choices until every consistent combination of distinct observations has been run,
 * a violation is found, or the budget is spent.
 */
import { resetNodeIds } from "../../impl/node.js";
import { type ExecutionConfig, type ExecutionOutcome, Execution, type Frame } from "./execution.js";
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

export function explore<W extends World>(scenario: Scenario<W>, options: ExploreOptions = {}): ExplorationResult {
  const started = performance.now();
  const maxExecutions = options.maxExecutions ?? 200_000;
  const stopOnFirst = options.stopOnFirstViolation ?? true;
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
  const observations = new Set<string>();
  const violations: ExplorerViolation[] = [];
  let executions = 0;
  let readerSteps: number[] = [];
  let boundCut = false;
  let exhausted = false;

  for (;;) {
    if (executions >= maxExecutions) break;
    const exec = new Execution(log, stack, config);
    const outcome = exec.run(world, readers);
    executions++;
    if (executions === 1) readerSteps = outcome.reads;
    observations.add(outcome.observation);
    if (outcome.boundCut) boundCut = true;
    const v = judge(log, outcome, exec.owner, options, readerNames, readerOpNames, executions);
    if (v !== null) {
      violations.push(v);
      if (stopOnFirst) break;
    }
    while (stack.length > 0 && stack[stack.length - 1].index >= stack[stack.length - 1].options.length - 1) stack.pop();
    if (stack.length === 0) {
      exhausted = true;
      break;
    }
    stack[stack.length - 1].index++;
  }

  let verdict: ExplorationResult["verdict"];
  let incompleteReason: string | undefined;
  if (violations.length > 0) verdict = "violation";
  else if (!exhausted) {
    verdict = "incomplete";
    incompleteReason = `execution budget of ${maxExecutions} spent`;
  } else if (boundCut) {
    verdict = "incomplete";
    incompleteReason = `preemption bound ${config.preemptionBound} cut executions off`;
  } else verdict = "pass";

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
  };
  if (incompleteReason !== undefined) result.incompleteReason = incompleteReason;
  if (options.collectObservations) result.observations = [...observations].sort();
  return result;
}

function judge(
  log: WriterLog,
  outcome: ExecutionOutcome,
  owner: readonly number[],
  options: ExploreOptions,
  readerNames: readonly string[],
  readerOpNames: readonly (readonly string[])[],
  execution: number,
): ExplorerViolation | null {
  const make = (
    kind: ExplorerViolation["kind"],
    thread: number,
    opIndex: number,
    message: string,
    order: readonly number[],
  ): ExplorerViolation => {
    const timeline = buildTimeline(log, outcome, order, readerNames, readerOpNames);
    return { kind, thread, opIndex, message, execution, timeline, text: render(message, timeline, outcome, readerNames, readerOpNames) };
  };
  if (outcome.crash !== undefined) {
    const c = outcome.crash;
    // Readers first: the timeline shows as little of the writer as the crash needs.
    const order = totalOrder(log, owner, [...readerNames.map((_, i) => i + 1), 0]);
    const what = c.livelock ? "livelock" : "reader crashed";
    return make(c.livelock ? "livelock" : "reader-crashed", c.thread, c.op, `${what}: ${readerNames[c.thread - 1]} ${readerOpNames[c.thread - 1][c.op]}: ${c.message}`, order);
  }
  if (options.check === undefined) return null;
  for (const h of historiesOf(log, outcome, owner, readerOpNames)) {
    const message = options.check(h.history);
    if (message !== null) return make("check-failed", 0, 0, message, h.order);
  }
  return null;
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
