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
import { markDivergenceWith } from "../../../checker/scenario/divergence.js";
import {
  describeScenarioViolation,
  type ExploreBoundsData,
  exploreMinimized,
  replayWith,
  type ScenarioExplorer,
  type ScenarioRun,
  type ScenarioViolation,
  scenarioOptions,
} from "../../../checker/scenario/explore-scenario.js";
import type { CheckFailure } from "../../../checker/scenario/model-check.js";
import { ExploreRunnerError } from "./explore-process.js";
import { exploreKernel, type KernelExploreOptions } from "./kernel-explore.js";
import type { KernelCompiledScenario } from "./kernel-scenario.js";
import { kernelValue, parsePlace, wordPlace } from "./kernel-timeline.js";

/** The explorer's options for a scenario's bounds (those of explore-scenario.ts). */
export function kernelScenarioOptions(
  c: KernelCompiledScenario,
  bounds: ExploreBoundsData,
  forwardCopyOnly: boolean,
): KernelExploreOptions {
  return scenarioOptions(c.data, bounds, forwardCopyOnly);
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
  return markDivergenceWith(
    v,
    f,
    c.readerNames[f.thread - 1],
    (k) => readsAlone(c, k, f.thread, f.opIndex),
    readCore,
  );
}

/** The violation as the outcome shows it: scenario, the C tree, marked timeline, results. */
export function describeKernelViolation(
  c: KernelCompiledScenario,
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
    (f) => markKernelDivergence(c, v, f).text,
    [`  on the C tree: linux ${c.session.build.kernel.version}'s lib/maple_tree.c`],
  );
}

/** The C tree's explorer for a compiled scenario. */
function kernelExplorer(
  c: KernelCompiledScenario,
  forwardCopyOnly: boolean,
): ScenarioExplorer<KernelExploreOptions> {
  return {
    options: (bounds) => kernelScenarioOptions(c, bounds, forwardCopyOnly),
    explore: (options) => exploreKernel(c, options),
    describe: (v, bound, preemptions) => describeKernelViolation(c, v, bound, preemptions),
  };
}

/** Explores a compiled scenario; a violation comes back minimized to the fewest preemptions. */
export function exploreKernelScenario(
  c: KernelCompiledScenario,
  bounds: ExploreBoundsData,
  forwardCopyOnly = false,
  minimize = true,
): ScenarioRun {
  return exploreMinimized(kernelExplorer(c, forwardCopyOnly), bounds, minimize);
}

/** Re-runs exactly one execution (a violation's bound and path). */
export function replayKernelScenario(
  c: KernelCompiledScenario,
  bounds: ExploreBoundsData,
  forwardCopyOnly: boolean,
  bound: number | null,
  path: readonly number[],
): ScenarioRun {
  return replayWith(kernelExplorer(c, forwardCopyOnly), bounds, bound, path);
}
