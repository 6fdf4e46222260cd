/**
 * Runs an mm-explore spec: the scenario compiled to tree lines (compile-mm-scenario.ts), the
 * interleaved readers explored word by word against the writer's stores by the tree-level
 * explorer and judged at the mm level (mm-check.ts), the readers a write-locked writer
 * excludes run once before and once after it. A violation is minimized, reported with the
 * explorer's timeline and a replay token, and replayed once from the token before it is
 * reported.
 */
import { type ExploreOptions, explore } from "../explorer/index.js";
import { formatMmCommand } from "../mm/mm-command.js";
import type { SpecOutcome } from "../run/outcome.js";
import { parseToken } from "../run/replay-token.js";
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
import { compileMmScenario, type MmCompiled } from "./compile-mm-scenario.js";
import { mmCheck } from "./mm-check.js";

export class MmExploreHarnessError extends Error {
  readonly code = "MAPLE_CHECK_HARNESS";
}

/** The mm-level lines a violation's text starts with. */
function mmLines(spec: Spec, c: MmCompiled): string[] {
  const e = spec.mmExplore;
  if (e === undefined) return [];
  return [
    `  mm: ${e.flavour}${e.flavour === "pre-seed" ? " (MM_MT_FLAGS without MT_FLAGS_USE_RCU)" : " (MM_MT_FLAGS with MT_FLAGS_USE_RCU)"}, TASK_SIZE ${e.taskPages} pages, guard gap ${e.guardPages} pages`,
    ...e.withoutSeedHunks.map((h) => `  seed hunk switched off: ${h}`),
    ...e.prefix.map((l) => `  mm prefix: ${l}`),
    `  mm writer: ${formatMmCommand(c.writer)} (under the mmap ${c.writeLocked ? "write" : "read"} lock)`,
    ...[...c.interleaved, ...c.exclusive].map(
      (r) =>
        `  ${r.name}: ${r.kind === "lockless" ? "lock_vma_under_rcu" : "find_vma (mmap read lock)"} at page 0x${r.page.toString(16)}, ${r.interleaved ? "word by word against the writer" : "wholly before and after the writer"}`,
    ),
    `  VMAs before: ${c.before.map((v) => `${v.id}=${v.text}`).join(", ") || "none"}`,
    `  VMAs after:  ${c.after.map((v) => `${v.id}=${v.text}`).join(", ") || "none"}`,
  ];
}

function mmExplorer(spec: Spec, c: MmCompiled): ScenarioExplorer<ExploreOptions> {
  const compiled = compileScenario(c.data);
  const check = mmCheck(c.interleaved, c.before, c.after);
  const extra = mmLines(spec, c);
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

export function runMmExploreSpec(spec: Spec, overrides: ExploreOverrides = {}): SpecOutcome {
  const t0 = performance.now();
  const e = spec.mmExplore;
  if (e === undefined)
    throw new MmExploreHarnessError(
      `${spec.name}: an mm-explore spec needs an \`mmExplore\` block`,
    );
  const c = compileMmScenario(spec.name, e);
  const hash = overrides.specHash ?? specHash(spec);
  const bounds = boundsOf(spec);
  if (overrides.deadline !== undefined) bounds.deadline = overrides.deadline;
  const exclusiveRuns = 2 * c.exclusive.length;
  if (c.interleaved.length === 0) {
    // Every reader ran wholly before and after the writer, beside the model: a pass.
    const outcome = outcomeOf(spec, t0, 1, [], undefined, false);
    outcome.mode = "mm-explore";
    outcome.executions = exclusiveRuns;
    return outcome;
  }
  const x = mmExplorer(spec, c);
  const token = overrides.replay;
  let run: ScenarioRun;
  if (token !== undefined) run = replayWith(x, bounds, token.bound, token.path);
  else run = exploreMinimized(x, bounds, true);
  const failing = run.violation && {
    run,
    token: token ?? {
      mode: "explore" as const,
      spec: spec.name,
      hash,
      bound: run.violation.bound,
      path: run.violation.path,
    },
  };
  const outcome = outcomeOf(spec, t0, 1, [run.summary], failing, token !== undefined);
  outcome.mode = "mm-explore";
  outcome.executions += exclusiveRuns;
  const cx = outcome.counterexample;
  if (cx !== undefined && token === undefined) {
    const t = parseToken(cx.replayToken);
    if (t.mode !== "explore") throw new MmExploreHarnessError("not an explore token");
    const again = runMmExploreSpec(spec, { replay: t, specHash: t.hash });
    if (again.counterexample?.body !== cx.body)
      throw new MmExploreHarnessError(
        `${spec.name}: replaying ${cx.replayToken} did not give the same counterexample`,
      );
  }
  return outcome;
}
