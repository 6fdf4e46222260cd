/**
 * One scenario explored on the C tree as a checking mode, as explore-scenario.ts does on the
 * TypeScript tree: exhaustively within the bounds; a violation minimized to the fewest
 * preemptions (the exploration again with preemption bound 0, 1, ... below the first one's
 * count), marked where the answer left every state the model allows, and replayable from its
 * choice path and bound.
 *
 * The mark: the failing reader line runs again alone on each state real time allowed it
 * (the runner's `alone`: the prefix's tree, the first k writer lines, then the reader), and its
 * word reads are compared with the ones it made in the violating execution.
 */
import type { ExplorerViolation, TimelineLine } from "../../../checker/explorer/index.js";
import { timelineText } from "../../../checker/explorer/timeline.js";
import { LEAVES_MARK } from "../../../checker/scenario/divergence.js";
import {
  type ExploreBoundsData,
  type ScenarioRun,
  type ScenarioViolation,
  summarize,
} from "../../../checker/scenario/explore-scenario.js";
import type { CheckFailure } from "../../../checker/scenario/model-check.js";
import { describeScenario } from "../../../checker/scenario/scenario-data.js";
import { ExploreRunnerError } from "./explore-process.js";
import { exploreKernel, type KernelExploreOptions } from "./kernel-explore.js";
import type { KernelCompiledScenario } from "./kernel-scenario.js";
import { kernelValue, parsePlace, wordPlace } from "./kernel-timeline.js";

/** The explorer's options for a scenario's bounds (as explore-scenario.ts sets them). */
export function kernelScenarioOptions(
  c: KernelCompiledScenario,
  bounds: ExploreBoundsData,
  forwardCopyOnly: boolean,
): KernelExploreOptions {
  return {
    maxExecutions: bounds.executions,
    readerStepBudget: bounds.readerSteps,
    forwardCopyOnly,
    // As explore-scenario.ts: both RCU starts only for unprotected or per-line sections.
    branchOnRcuStart: c.data.readers.some(
      (r) => r.kind === "none" || (r.kind === "rcu-per-op" && r.lines.length > 1),
    ),
    ...(bounds.preemptions !== undefined && { preemptionBound: bounds.preemptions }),
    ...(bounds.subtree !== undefined && { subtree: bounds.subtree }),
    ...(bounds.deadline !== undefined && { deadline: bounds.deadline }),
  };
}

/** Non-zero choices of a path: an upper bound on its preemptions. */
function nonZeroChoices(path: readonly number[]): number {
  return path.filter((i) => i > 0).length;
}

/** The reads (place = value) of reader @thread's line @op run alone after @k writer lines. */
function readsAlone(c: KernelCompiledScenario, k: number, thread: number, op: number): string[] {
  c.session.load(c.data);
  const p = c.session.process();
  p.send(`alone ${k} ${thread} ${op}`);
  const reads: string[] = [];
  for (;;) {
    const line = p.readLine();
    if (line.startsWith("alone-end")) return reads;
    if (!line.startsWith("a ")) {
      c.session.close();
      throw new ExploreRunnerError(
        line.startsWith("error ") ? line.slice(6) : `unexpected line "${line}"`,
      );
    }
    const f = line.split(" ");
    const place = parsePlace(f[2]);
    const name = wordPlace(c.log, place);
    reads.push(`read ${name} = ${kernelValue(c.log, BigInt(f[3]), name)}`);
  }
}

/** A timeline read line's place = value part (without where the C code made it). */
function readCore(text: string): string {
  const at = text.indexOf("   at ");
  return at < 0 ? text : text.slice(0, at);
}

/** The timeline with the divergence point marked, and the violation text rebuilt around it. */
export function markKernelDivergence(
  c: KernelCompiledScenario,
  v: ExplorerViolation,
  f: CheckFailure,
): { timeline: TimelineLine[]; text: string; readIndex: number } {
  const name = c.readerNames[f.thread - 1];
  const lines: number[] = [];
  let op = -1;
  v.timeline.forEach((l, i) => {
    if (l.thread !== name) return;
    if (l.text.startsWith("start ")) op++;
    else if (op === f.opIndex && l.text.startsWith("read ")) lines.push(i);
  });
  const reads = lines.map((i) => readCore(v.timeline[i].text));
  let point = 0;
  for (let k = f.lo; k <= f.hi; k++) {
    const alone = readsAlone(c, k, f.thread, f.opIndex);
    let d = 0;
    while (d < reads.length && d < alone.length && reads[d] === alone[d]) d++;
    point = Math.max(point, d);
  }
  const timeline = v.timeline.map((l) => ({ ...l }));
  let readIndex = -1;
  if (point < lines.length) {
    readIndex = point;
    const at = timeline[lines[point]];
    at.text = `${at.text}   ${LEAVES_MARK} (no run alone on S${f.lo}${f.hi > f.lo ? `..S${f.hi}` : ""} reads this)`;
  }
  const text = v.text.replace(timelineText(v.timeline), timelineText(timeline));
  return { timeline, text, readIndex };
}

/** The violation as the outcome shows it: scenario, the C tree, marked timeline, results. */
export function describeKernelViolation(
  c: KernelCompiledScenario,
  v: ExplorerViolation,
  bound: number | null,
  preemptions: number,
): ScenarioViolation {
  let text = v.text;
  const failure = v.kind === "check-failed" ? c.check.failureOf(v.message) : undefined;
  if (failure !== undefined) text = markKernelDivergence(c, v, failure).text;
  const error = `${v.kind}: ${v.message.split("\n")[0]}`;
  const body = [
    `scenario ${c.data.name}:`,
    ...describeScenario(c.data)
      .split("\n")
      .map((l) => `  ${l}`),
    `  on the C tree: linux ${c.session.build.kernel.version}'s lib/maple_tree.c`,
    text,
  ].join("\n");
  return { error, body, kind: v.kind, bound, path: v.path, preemptions, steps: v.timeline.length };
}

/** Explores a compiled scenario; a violation comes back minimized to the fewest preemptions. */
export function exploreKernelScenario(
  c: KernelCompiledScenario,
  bounds: ExploreBoundsData,
  forwardCopyOnly = false,
  minimize = true,
): ScenarioRun {
  const base = kernelScenarioOptions(c, bounds, forwardCopyOnly);
  const first = exploreKernel(c, base);
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
      const r = exploreKernel(c, { ...base, preemptionBound: b });
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
    violation: describeKernelViolation(c, found, bound, preemptions),
  };
}

/** Re-runs exactly one execution (a violation's bound and path). */
export function replayKernelScenario(
  c: KernelCompiledScenario,
  bounds: ExploreBoundsData,
  forwardCopyOnly: boolean,
  bound: number | null,
  path: readonly number[],
): ScenarioRun {
  const opts = kernelScenarioOptions(
    c,
    { ...bounds, preemptions: bound ?? undefined },
    forwardCopyOnly,
  );
  if (bound === null) delete opts.preemptionBound;
  const r = exploreKernel(c, { ...opts, replayPath: path });
  const v = r.violations[0];
  if (v === undefined) return { summary: summarize(r) };
  return {
    summary: summarize(r),
    violation: describeKernelViolation(c, v, bound, bound ?? nonZeroChoices(path)),
  };
}
