/**
 * Runs an mm-explore spec: the scenario compiled to tree lines (compile-mm-scenario.ts), the
 * interleaved readers explored word by word against the writer's stores by the tree-level
 * explorer and judged at the mm level as lock_vma_under_rcu ends (vma-check.ts), the readers a write-locked writer
 * excludes run once before and once after it. A spec with several writers or explored
 * allocation failures runs in variants (mm-variants.ts), one after another until the first
 * violation; its token's first choice names the variant. A violation is minimized, reported
 * with the explorer's timeline and a replay token, and replayed once from the token before it
 * is reported.
 */

import type { MmSelfTestFault } from "../../mm/index.js";
import { type ExploreOptions, explore } from "../explorer/index.js";
import { formatMmCommand } from "../mm/mm-command.js";
import type { ExplorationSummary, SpecOutcome } from "../run/outcome.js";
import type { ExploreToken } from "../run/replay-token.js";
import { specHash } from "../run/spec-hash.js";
import { compileScenario } from "../scenario/compile.js";
import {
  describeScenarioViolation,
  type ExploreBoundsData,
  exploreMinimized,
  replayWith,
  type ScenarioExplorer,
  type ScenarioRun,
  scenarioOptions,
} from "../scenario/explore-scenario.js";
import { type ExploreOverrides, outcomeOf } from "../scenario/run-explore-spec.js";
import type { Spec } from "../spec/schema.js";
import type { MmCompiled } from "./compile-mm-scenario.js";
import { confirmByReplay } from "./confirm-by-replay.js";
import { mmReaderText } from "./mm-reader-lines.js";
import { stateName } from "./mm-states-check.js";
import { compileVariant, compileVariants, type Variant } from "./mm-variants.js";
import { specWriters } from "./mm-writers.js";
import { vmaStatesCheck } from "./vma-check.js";

export class MmExploreHarnessError extends Error {
  readonly code = "MAPLE_CHECK_HARNESS";
}

/** The mm-level lines a violation's text starts with. */
function mmLines(spec: Spec, c: MmCompiled, label = ""): string[] {
  const e = spec.mmExplore;
  if (e === undefined) return [];
  const k = c.writers.length;
  const lock = `under the mmap ${c.writeLocked ? "write" : "read"} lock`;
  const writerLines =
    k === 1
      ? [`  mm writer: ${formatMmCommand(c.writer)} (${lock})`]
      : c.writers.map(
          (w, i) =>
            `  mm writer ${i + 1} of ${k} in this lock order: ${formatMmCommand(w)} (${lock}${c.writeLocked ? "" : ", its tree store under mm->page_table_lock"})`,
        );
  const between = c.states
    .slice(1, k)
    .map(
      (s, i) =>
        `  VMAs ${stateName(i + 1, k)}: ${s.map((v) => `${v.id}=${v.text}`).join(", ") || "none"}`,
    );
  return [
    `  mm: ${e.flavour}${e.flavour === "pre-seed" ? " (MM_MT_FLAGS without MT_FLAGS_USE_RCU)" : " (MM_MT_FLAGS with MT_FLAGS_USE_RCU)"}, TASK_SIZE ${e.taskPages} pages, guard gap ${e.guardPages} pages`,
    ...e.withoutSeedHunks.map((h) => `  seed hunk switched off: ${h}`),
    ...e.prefix.map((l) => `  mm prefix: ${l}`),
    ...(label === "" ? [] : [`  variant: ${label}`]),
    ...writerLines,
    ...(e.treeFaults ?? []).map((f) => `  tree switch: ${f}`),
    ...[...c.interleaved, ...c.exclusive].map(
      (r) =>
        `  ${r.name}: ${mmReaderText(r)}, ${r.interleaved ? `word by word against the writer${k === 1 ? "" : "s"}` : `wholly before and after the writer${k === 1 ? "" : "s"}`}`,
    ),
    `  VMAs before: ${c.before.map((v) => `${v.id}=${v.text}`).join(", ") || "none"}`,
    ...between,
    `  VMAs after:  ${c.after.map((v) => `${v.id}=${v.text}`).join(", ") || "none"}`,
  ];
}

function mmExplorer(spec: Spec, c: MmCompiled, label: string): ScenarioExplorer<ExploreOptions> {
  const compiled = compileScenario(c.data);
  const check = vmaStatesCheck(c.interleaved, c.states, c.lineCounts, c.views);
  const extra = mmLines(spec, c, label);
  return {
    options: (bounds) => ({ ...scenarioOptions(c.data, bounds, false), check }),
    explore: (options) => explore(compiled.scenario, options),
    describe: (v, bound, preemptions) =>
      describeScenarioViolation(c.data, check, v, bound, preemptions, () => v.text, extra),
  };
}

function boundsOf(spec: Spec): ExploreBoundsData {
  const b = spec.mmExplore?.bounds;
  return {
    readerSteps: b?.readerSteps ?? 100_000,
    executions: b?.executions ?? 1_000_000,
    ...(b?.preemptions !== undefined && { preemptions: b.preemptions }),
  };
}

/** A failing allocation the layer gets wrong sequentially, as a run with a violation. */
function mismatchRun(
  spec: Spec,
  v: Extract<Variant, { mismatch: string }>,
  index: number,
): ScenarioRun {
  const summary: ExplorationSummary = {
    scenario: `${spec.name} [${v.label}]`,
    verdict: "violation",
    executions: 1,
    naiveInterleavings: "1",
    distinctObservations: 0,
    writerStores: 0,
    readerSteps: [],
    copyBlocks: [],
    gracePeriods: 0,
    elapsedMs: 0,
  };
  return {
    summary,
    violation: {
      error: `check-failed: ${v.mismatch}`,
      body: [`scenario ${spec.name} [${v.label}]:`, `  ${v.mismatch}`].join("\n"),
      kind: "check-failed",
      bound: null,
      path: [index],
      preemptions: 0,
      steps: 0,
    },
  };
}

/** `faults`: self-test faults of the layer (tests of the checker; never from a spec). */
export function runMmExploreSpec(
  spec: Spec,
  overrides: ExploreOverrides = {},
  faults: readonly MmSelfTestFault[] = [],
): SpecOutcome {
  const t0 = performance.now();
  const e = spec.mmExplore;
  if (e === undefined)
    throw new MmExploreHarnessError(
      `${spec.name}: an mm-explore spec needs an \`mmExplore\` block`,
    );
  const hash = overrides.specHash ?? specHash(spec);
  const bounds = boundsOf(spec);
  if (overrides.deadline !== undefined) bounds.deadline = overrides.deadline;
  const token = overrides.replay;
  // Whether a token's first choice names the variant (a lone variant's tokens have none).
  const variantChoice = specWriters(e).length > 1 || e.allocFailure === "explore";
  let variants: [number, Variant][];
  let path = token?.path ?? [];
  if (token !== undefined && variantChoice) {
    const index = token.path[0] ?? -1;
    try {
      variants = [[index, compileVariant(spec.name, e, index, faults)]];
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      throw new MmExploreHarnessError(`${spec.name}: the token names no variant (${err.message})`);
    }
    path = token.path.slice(1);
  } else variants = compileVariants(spec.name, e, faults).map((v, i) => [i, v]);
  const summaries: ExplorationSummary[] = [];
  let exclusiveRuns = 0;
  let failing: { run: ScenarioRun; token: ExploreToken } | undefined;
  let ran = 0;
  for (const [index, v] of variants) {
    ran++;
    if ("mismatch" in v) {
      const run = mismatchRun(spec, v, index);
      summaries.push(run.summary);
      failing = { run, token: token ?? explorerToken(spec.name, hash, null, [index]) };
      break;
    }
    const c = v.compiled;
    // Each reader a write-locked writer excludes runs before, between and after the writers.
    exclusiveRuns += (c.writers.length + 1) * c.exclusive.length;
    // Every reader ran wholly before and after (beside the model): nothing to interleave.
    if (c.interleaved.length === 0) continue;
    const x = mmExplorer(spec, c, v.label);
    const run =
      token !== undefined
        ? replayWith(x, bounds, token.bound, path)
        : exploreMinimized(x, bounds, true);
    summaries.push(run.summary);
    if (run.violation !== undefined) {
      const p = variantChoice ? [index, ...run.violation.path] : run.violation.path;
      failing = { run, token: token ?? explorerToken(spec.name, hash, run.violation.bound, p) };
      break;
    }
  }
  const outcome = outcomeOf(spec, t0, ran, summaries, failing, token !== undefined);
  outcome.mode = "mm-explore";
  outcome.executions += exclusiveRuns;
  if (token === undefined)
    confirmByReplay(
      spec.name,
      outcome,
      (t) => runMmExploreSpec(spec, { replay: t, specHash: t.hash }, faults),
      (m) => new MmExploreHarnessError(m),
    );
  return outcome;
}

function explorerToken(
  spec: string,
  hash: string,
  bound: number | null,
  path: number[],
): ExploreToken {
  return { mode: "explore", spec, hash, bound, path };
}
