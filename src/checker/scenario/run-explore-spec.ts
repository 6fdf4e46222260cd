/**
 * An explore spec run as a checking mode: the scenario (written out, or generated and shrunk
 * by fast-check) explored exhaustively, the outcome as data. A violation is replayed once
 * more from its token before it is reported: a replay that does not give the same text is a
 * harness error, never a quiet pass.
 */

import type { ExplorationSummary, SpecOutcome } from "../run/outcome.js";
import { type ExploreToken, parseToken, stringifyToken } from "../run/replay-token.js";
import { specHash } from "../run/spec-hash.js";
import type { Spec } from "../spec/schema.js";
import type { ExploreBoundsData, ScenarioRun } from "./explore-scenario.js";
import { specScenario } from "./from-spec.js";
import { generatedScenario, runGenerated } from "./generate.js";
import type { ScenarioData } from "./scenario-data.js";
import { type ScenarioOnTree, type ScenarioTree, TS_SCENARIO_TREE } from "./scenario-tree.js";

export class ExploreHarnessError extends Error {
  readonly code = "MAPLE_CHECK_HARNESS";
}

export interface ExploreOverrides {
  /** Run one execution from a replay token instead of exploring. */
  replay?: ExploreToken;
  /** A written-out scenario: explore only this part of its schedule space (a shard). */
  subtree?: { index: number; count: number };
  /** performance.now() time after which exploring stops: the outcome is then incomplete. */
  deadline?: number;
  /**
   * The spec hash tokens carry: that of the spec as loaded, when the run changed it (a budget,
   * a seed); default: specHash(spec).
   */
  specHash?: string;
}

export function boundsOf(spec: Spec): ExploreBoundsData {
  const b = spec.explore?.bounds;
  return {
    readerSteps: b?.readerSteps ?? 100_000,
    executions: b?.executions ?? 1_000_000,
    ...(b?.preemptions !== undefined && { preemptions: b.preemptions }),
  };
}

export function outcomeOf(
  spec: Spec,
  t0: number,
  scenarios: number,
  runs: ExplorationSummary[],
  failing: { run: ScenarioRun; token: ExploreToken; commands?: number } | undefined,
  replayed: boolean,
): SpecOutcome {
  const verdict =
    failing !== undefined
      ? "violation"
      : // A run's own violation with no failing scenario: a generated scenario that met a
        // known finding (known-findings.ts), counted in the coverage, not a cut.
        runs.some((r) => r.verdict === "incomplete") || replayed
        ? "incomplete"
        : "pass";
  const outcome: SpecOutcome = {
    spec: spec.name,
    mode: "explore",
    verdict,
    expected: spec.expect,
    scenarios,
    executions: runs.reduce((n, r) => n + r.executions, 0),
    timeMs: performance.now() - t0,
    exploration: runs,
  };
  const v = failing?.run.violation;
  if (failing !== undefined && v !== undefined) {
    outcome.counterexample = {
      error: v.error,
      body: v.body,
      replayToken: stringifyToken(failing.token),
      size: {
        ...(failing.commands !== undefined && { commands: failing.commands }),
        steps: v.steps,
        preemptions: v.preemptions,
      },
      ...(v.found !== undefined && { found: v.found }),
    };
  }
  return outcome;
}

/** Runs an explore spec on `tree` (default: the TypeScript tree). */
export function runExploreSpec(
  spec: Spec,
  overrides: ExploreOverrides = {},
  tree: ScenarioTree = TS_SCENARIO_TREE,
): SpecOutcome {
  const t0 = performance.now();
  const e = spec.explore;
  if (e === undefined) throw new ExploreHarnessError(`${spec.name}: no explore block`);
  const bounds = boundsOf(spec);
  if (overrides.deadline !== undefined) bounds.deadline = overrides.deadline;
  const token = overrides.replay;
  const fwd = e.forwardCopyOnly ?? false;
  const hash = overrides.specHash ?? specHash(spec);

  if (e.generate !== undefined) {
    if (token !== undefined) {
      if (token.generated === undefined)
        throw new ExploreHarnessError(`${spec.name}: the token names no generated scenario`);
      const data = generatedScenario(spec, token.generated.seed, token.generated.path, tree);
      const run = onTree(tree, data, fwd).replay(bounds, token.bound, token.path);
      return outcomeOf(
        spec,
        t0,
        1,
        [run.summary],
        run.violation ? { run, token, commands: commandCount(data) } : undefined,
        true,
      );
    }
    const g = runGenerated(spec, bounds, tree);
    const failing = g.failure && {
      run: g.failure.run,
      commands: commandCount(g.failure.data),
      token: tokenFor(spec, hash, g.failure.run, tree, {
        seed: g.failure.seed,
        path: g.failure.path,
      }),
    };
    const outcome = outcomeOf(spec, t0, g.scenarios, g.runs, failing, false);
    outcome.exploreCoverage = g.coverage;
    if (failing !== undefined) confirmReplay(spec, outcome, tree);
    return outcome;
  }

  const s = onTree(tree, specScenario(spec), fwd);
  if (overrides.subtree !== undefined && token === undefined) bounds.subtree = overrides.subtree;
  if (token !== undefined) {
    const run = s.replay(bounds, token.bound, token.path);
    return outcomeOf(spec, t0, 1, [run.summary], run.violation ? { run, token } : undefined, true);
  }
  const run = s.explore(bounds, true);
  const failing = run.violation && { run, token: tokenFor(spec, hash, run, tree) };
  const outcome = outcomeOf(spec, t0, 1, [run.summary], failing, false);
  if (failing !== undefined) confirmReplay(spec, outcome, tree);
  return outcome;
}

/** The scenario on the tree, which must be able to run it. */
function onTree(tree: ScenarioTree, data: ScenarioData, fwd: boolean): ScenarioOnTree {
  const s = tree.scenario(data, fwd);
  if (s === undefined) throw new ExploreHarnessError(`${data.name}: this tree cannot run it`);
  return s;
}

function tokenFor(
  spec: Spec,
  hash: string,
  run: ScenarioRun,
  tree: ScenarioTree,
  generated?: { seed: number; path: string },
): ExploreToken {
  const v = run.violation;
  if (v === undefined) throw new ExploreHarnessError("no violation to name");
  return {
    mode: "explore",
    spec: spec.name,
    hash,
    bound: v.bound,
    path: v.path,
    ...(tree.backend !== undefined && tree.backend !== "ts" && { backend: tree.backend }),
    ...(generated && { generated }),
  };
}

function commandCount(d: {
  prefix: string[];
  writer: string[];
  readers: { lines: string[] }[];
}): number {
  return d.prefix.length + d.writer.length + d.readers.reduce((n, r) => n + r.lines.length, 0);
}

/** Replays the reported token and insists on the same counterexample text. */
function confirmReplay(spec: Spec, outcome: SpecOutcome, tree: ScenarioTree): void {
  const cx = outcome.counterexample;
  if (cx === undefined) return;
  const token = parseExploreToken(cx.replayToken);
  const again = runExploreSpec(spec, { replay: token, specHash: token.hash }, tree);
  if (again.counterexample?.body !== cx.body)
    throw new ExploreHarnessError(
      `${spec.name}: replaying ${cx.replayToken} did not give the same counterexample`,
    );
}

function parseExploreToken(text: string): ExploreToken {
  const t = parseToken(text);
  if (t.mode !== "explore") throw new ExploreHarnessError(`not an explore token: ${text}`);
  return t;
}
