/**
 * Generated scenarios: fast-check draws the prefix (stores over a small index universe), the
 * writer's lines and the reader threads, and each scenario is explored exhaustively. A failing
 * scenario is shrunk first as a scenario (fewer and smaller lines: fast-check's shrinking of the
 * drawn values) and then as a schedule (fewest preemptions: exploreScenario). Seeded and
 * deterministic; a failure is named by fast-check's seed and replay path.
 */
import fc from "fast-check";
import type { ExplorationSummary } from "../run/outcome.js";
import type { GenerateSpec, Spec } from "../spec/schema.js";
import { ScenarioError } from "./compile.js";
import {
  addScenarioCoverage,
  bump,
  type ExploreCoverage,
  emptyExploreCoverage,
  type ScenarioFacts,
  scenarioFacts,
} from "./coverage.js";
import type { ExploreBoundsData, ScenarioRun } from "./explore-scenario.js";
import { fixedByProposal } from "./fixed-by-proposal.js";
import { treeData } from "./from-spec.js";
import { readerThreads, shapeArbitrary, writerLine } from "./generate-shapes.js";
import { knownFindingFor, knownFindingOf } from "./known-findings.js";
import type { ScenarioData } from "./scenario-data.js";
import { type ScenarioTree, TS_SCENARIO_TREE } from "./scenario-tree.js";

export function scenarioArbitrary(spec: Spec): fc.Arbitrary<ScenarioData> {
  const g = spec.explore?.generate;
  if (g === undefined) throw new Error(`${spec.name}: no generate block`);
  const tree = treeData(spec.tree);
  const alloc = tree.flags.alloc;
  return shapeArbitrary(g)
    .chain((shape) =>
      fc.record({
        shape: fc.constant(shape),
        writer: fc.array(writerLine(g, shape, alloc), { minLength: 1, maxLength: g.maxWriterOps }),
        readers: readerThreads(g, shape),
      }),
    )
    .map((s) => ({
      name: spec.name,
      ...tree,
      order: spec.explore?.order ?? "linearizable",
      prefix: [...(spec.explore?.prefix ?? []), ...s.shape.lines],
      writer: s.writer,
      readers: s.readers,
    }));
}

/**
 * What a generated scenario did: passed (or incomplete), met a known finding (its violation has
 * that finding's signature: known-findings.ts, or the proposed fix removes it:
 * fixed-by-proposal.ts), or failed (a new violation, or a sequential
 * disagreement), with the reason.
 */
type Judgement =
  | { kind: "pass"; incomplete: boolean }
  | { kind: "known"; finding: string }
  | { kind: "failed"; why: string };

function judge(
  tree: ScenarioTree,
  data: ScenarioData,
  facts: ScenarioFacts,
  bounds: ExploreBoundsData,
  forwardCopyOnly: boolean,
  runs: ExplorationSummary[],
): Judgement {
  let s: ReturnType<ScenarioTree["scenario"]>;
  try {
    s = tree.scenario(data, forwardCopyOnly);
  } catch (e) {
    if (e instanceof ScenarioError) return { kind: "failed", why: e.message };
    throw e;
  }
  if (s === undefined) return { kind: "pass", incomplete: false };
  const run = s.explore(bounds, false);
  runs.push(run.summary);
  const v = run.violation;
  if (v === undefined) return { kind: "pass", incomplete: run.summary.verdict === "incomplete" };
  const finding =
    knownFindingFor(data, facts, v) ?? fixedByProposal(tree, data, bounds, forwardCopyOnly, v);
  return finding !== undefined ? { kind: "known", finding } : { kind: "failed", why: v.error };
}

export interface GeneratedRun {
  scenarios: number;
  /** What the generated scenarios (not the shrinking's candidates) covered. */
  coverage: ExploreCoverage;
  runs: ExplorationSummary[];
  failure?: { data: ScenarioData; run: ScenarioRun; seed: number; path: string; shrinks: number };
}

/** Generates, explores on `tree`, and on a failure shrinks (scenario, then schedule). */
export function runGenerated(
  spec: Spec,
  bounds: ExploreBoundsData,
  tree: ScenarioTree = TS_SCENARIO_TREE,
): GeneratedRun {
  const g = spec.explore?.generate as GenerateSpec;
  const fwd = spec.explore?.forwardCopyOnly ?? false;
  const runs: ExplorationSummary[] = [];
  let scenarios = 0;
  const coverage = emptyExploreCoverage();
  const property = fc.property(scenarioArbitrary(spec), (data) => {
    scenarios++;
    const na = tree.notApplicable?.(data);
    if (na !== undefined) {
      if (scenarios <= g.runs) bump(coverage.notApplicable, na);
      return;
    }
    const counted = scenarios <= g.runs;
    const facts = scenarioFacts(data);
    if (g.skipKnownFindings) {
      // The opt-in skip by shape (no default spec uses it): not explored at all.
      const known = knownFindingOf(facts);
      if (known !== undefined) {
        if (counted) bump(coverage.excluded, known);
        return;
      }
    }
    if (counted) addScenarioCoverage(coverage, facts);
    const j = judge(tree, data, facts, bounds, fwd, runs);
    if (j.kind === "failed") throw new Error(j.why);
    if (!counted) return;
    if (j.kind === "known") bump(coverage.knownMet, j.finding);
    else if (j.incomplete) coverage.incomplete++;
  });
  const r = fc.check(property, { seed: g.seed, numRuns: g.runs });
  const out: GeneratedRun = { scenarios, coverage, runs };
  if (r.failed && r.counterexample !== null && r.counterexamplePath !== null) {
    const data = r.counterexample[0];
    out.failure = {
      data,
      run: minimizedRun(tree, data, bounds, fwd),
      seed: r.seed,
      path: r.counterexamplePath,
      shrinks: r.numShrinks,
    };
  }
  return out;
}

/** The shrunk scenario explored again, its violation minimized to the fewest preemptions. */
function minimizedRun(
  tree: ScenarioTree,
  data: ScenarioData,
  bounds: ExploreBoundsData,
  forwardCopyOnly: boolean,
): ScenarioRun {
  let s: ReturnType<ScenarioTree["scenario"]>;
  try {
    s = tree.scenario(data, forwardCopyOnly);
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    // A sequential disagreement: no schedule to show, the scenario is the counterexample.
    return sequentialFailure(data, e.message);
  }
  if (s === undefined) throw new Error(`${data.name}: failed, yet this tree cannot run it`);
  return s.explore(bounds, true);
}

function sequentialFailure(data: ScenarioData, message: string): ScenarioRun {
  return {
    summary: {
      scenario: data.name,
      verdict: "violation",
      executions: 0,
      naiveInterleavings: "0",
      distinctObservations: 0,
      writerStores: 0,
      readerSteps: [],
      copyBlocks: [],
      gracePeriods: 0,
      elapsedMs: 0,
    },
    violation: {
      error: `sequential: ${message}`,
      body: message,
      kind: "check-failed",
      bound: null,
      path: [],
      preemptions: 0,
      steps: 0,
    },
  };
}

/** The generated scenario a token names (fast-check replays its seed and path on `tree`). */
export function generatedScenario(
  spec: Spec,
  seed: number,
  path: string,
  tree: ScenarioTree = TS_SCENARIO_TREE,
): ScenarioData {
  const g = spec.explore?.generate as GenerateSpec;
  const arb = scenarioArbitrary(spec);
  let found: ScenarioData | undefined;
  const bounds: ExploreBoundsData = {
    readerSteps: spec.explore?.bounds.readerSteps ?? 100_000,
    executions: spec.explore?.bounds.executions ?? 1_000_000,
  };
  if (spec.explore?.bounds.preemptions !== undefined)
    bounds.preemptions = spec.explore.bounds.preemptions;
  const r = fc.check(
    fc.property(arb, (data) => {
      found = data;
      if (tree.notApplicable?.(data) !== undefined) return;
      const facts = scenarioFacts(data);
      if (g.skipKnownFindings && knownFindingOf(facts) !== undefined) return;
      const j = judge(tree, data, facts, bounds, spec.explore?.forwardCopyOnly ?? false, []);
      if (j.kind === "failed") throw new Error(j.why);
    }),
    { seed, path, numRuns: g.runs, endOnFailure: true },
  );
  if (r.failed && r.counterexample !== null) return r.counterexample[0];
  if (found === undefined)
    throw new Error(`${spec.name}: fast-check produced no scenario for seed ${seed} path ${path}`);
  return found;
}
