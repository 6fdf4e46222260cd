/**
 * An explore spec run on the kernel's C tree, as runExploreSpec (run-explore-spec.ts) runs it
 * on the TypeScript tree: the written-out scenario explored exhaustively (or one part of it:
 * a shard's subtree), a violation minimized, replayed once more from its token and reported;
 * a generated spec's scenarios drawn by the same fast-check arbitrary, each explored on the C
 * tree, a failure shrunk as a scenario, then as a schedule. Tokens carry the `kernel:` prefix.
 *
 * The explore runner is built (or taken from the cache) from the backend's kernel tree the
 * first time a spec needs it, and one runner process serves every spec of the backend.
 */
import fc from "fast-check";
import type { ExplorationSummary, SpecOutcome } from "../../../checker/run/outcome.js";
import { type ExploreToken, parseToken } from "../../../checker/run/replay-token.js";
import { ScenarioError } from "../../../checker/scenario/compile.js";
import type { ExploreBoundsData, ScenarioRun } from "../../../checker/scenario/explore-scenario.js";
import { specScenario } from "../../../checker/scenario/from-spec.js";
import { scenarioArbitrary } from "../../../checker/scenario/generate.js";
import { isCursorLine } from "../../../checker/scenario/reader-lines.js";
import {
  boundsOf,
  ExploreHarnessError,
  type ExploreOverrides,
  outcomeOf,
} from "../../../checker/scenario/run-explore-spec.js";
import type { ScenarioData } from "../../../checker/scenario/scenario-data.js";
import type { GenerateSpec, Spec } from "../../../checker/spec/schema.js";
import type { KernelBackend } from "../kernel-backend.js";
import { buildExploreRunner } from "./build-explore.js";
import { exploreKernelScenario, replayKernelScenario } from "./kernel-explore-scenario.js";
import {
  compileKernelScenario,
  KernelExploreSession,
  KernelNotApplicable,
} from "./kernel-scenario.js";

const sessions = new WeakMap<KernelBackend, KernelExploreSession>();
const open = new Set<KernelExploreSession>();
let exitHook = false;

/** The explore runner session of a kernel backend (built on first use). */
export function kernelExploreSession(backend: KernelBackend): KernelExploreSession {
  let s = sessions.get(backend);
  if (s === undefined) {
    const k = backend.build.kernel;
    const build = buildExploreRunner(k.dir, {
      mapleTreeFile: k.mapleTreeFile,
      log: (line) => process.stderr.write(`maple-check: ${line}\n`),
    });
    s = new KernelExploreSession(build);
    sessions.set(backend, s);
    open.add(s);
    if (!exitHook) {
      exitHook = true;
      process.on("exit", () => {
        for (const x of open) x.close();
      });
    }
  }
  return s;
}

/** Why the C tree cannot run this explore spec, or undefined. */
export function kernelExploreNotApplicable(spec: Spec, backend: KernelBackend): string | undefined {
  const tree = backend.notApplicable(spec.tree);
  if (tree !== undefined) return tree;
  const e = spec.explore;
  if (e === undefined) return undefined;
  const k = backend.build.kernel;
  const statusCursor = k.major > 6 || (k.major === 6 && k.minor >= 8);
  const cursor =
    (e.readers ?? []).some((r) => (Array.isArray(r) ? r : r.lines).some(isCursorLine)) ||
    e.generate?.reads.includes("cursor") === true;
  if (cursor && !statusCursor)
    return `cursor lines need the cursor status of 6.8+ (linux ${k.version} keeps it in mas->node)`;
  return undefined;
}

function kernelToken(
  spec: Spec,
  run: ScenarioRun,
  generated?: { seed: number; path: string },
): ExploreToken {
  const v = run.violation;
  if (v === undefined) throw new ExploreHarnessError("no violation to name");
  return {
    mode: "explore",
    spec: spec.name,
    bound: v.bound,
    path: v.path,
    backend: "kernel",
    ...(generated && { generated }),
  };
}

function commandCount(d: ScenarioData): number {
  return d.prefix.length + d.writer.length + d.readers.reduce((n, r) => n + r.lines.length, 0);
}

export function runKernelExploreSpec(
  spec: Spec,
  overrides: ExploreOverrides,
  backend: KernelBackend,
): SpecOutcome {
  const outcome = runOnKernel(spec, overrides, kernelExploreSession(backend));
  outcome.backend = backend.description;
  return outcome;
}

function runOnKernel(
  spec: Spec,
  overrides: ExploreOverrides,
  session: KernelExploreSession,
): SpecOutcome {
  const t0 = performance.now();
  const e = spec.explore;
  if (e === undefined) throw new ExploreHarnessError(`${spec.name}: no explore block`);
  const bounds = boundsOf(spec);
  if (overrides.deadline !== undefined) bounds.deadline = overrides.deadline;
  const token = overrides.replay;
  const fwd = e.forwardCopyOnly ?? false;

  if (e.generate !== undefined) {
    if (token !== undefined) {
      if (token.generated === undefined)
        throw new ExploreHarnessError(`${spec.name}: the token names no generated scenario`);
      const data = generatedKernelScenario(
        spec,
        token.generated.seed,
        token.generated.path,
        session,
      );
      const c = compileKernelScenario(data, session);
      const run = replayKernelScenario(c, bounds, fwd, token.bound, token.path);
      return outcomeOf(
        spec,
        t0,
        1,
        [run.summary],
        run.violation ? { run, token, commands: commandCount(data) } : undefined,
        true,
      );
    }
    const g = runKernelGenerated(spec, bounds, session);
    const failing = g.failure && {
      run: g.failure.run,
      commands: commandCount(g.failure.data),
      token: kernelToken(spec, g.failure.run, { seed: g.failure.seed, path: g.failure.path }),
    };
    const outcome = outcomeOf(spec, t0, g.scenarios, g.runs, failing, false);
    if (failing !== undefined) confirmReplay(spec, outcome, session);
    return outcome;
  }

  const c = compileKernelScenario(specScenario(spec), session);
  if (overrides.subtree !== undefined && token === undefined) bounds.subtree = overrides.subtree;
  if (token !== undefined) {
    const run = replayKernelScenario(c, bounds, fwd, token.bound, token.path);
    return outcomeOf(spec, t0, 1, [run.summary], run.violation ? { run, token } : undefined, true);
  }
  const run = exploreKernelScenario(c, bounds, fwd);
  const failing = run.violation && { run, token: kernelToken(spec, run) };
  const outcome = outcomeOf(spec, t0, 1, [run.summary], failing, false);
  if (failing !== undefined) confirmReplay(spec, outcome, session);
  return outcome;
}

/** Replays the reported token and insists on the same counterexample text. */
function confirmReplay(spec: Spec, outcome: SpecOutcome, session: KernelExploreSession): void {
  const cx = outcome.counterexample;
  if (cx === undefined) return;
  const t = parseToken(cx.replayToken);
  if (t.mode !== "explore")
    throw new ExploreHarnessError(`not an explore token: ${cx.replayToken}`);
  const again = runOnKernel(spec, { replay: t }, session);
  if (again.counterexample?.body !== cx.body)
    throw new ExploreHarnessError(
      `${spec.name}: replaying ${cx.replayToken} did not give the same counterexample`,
    );
}

// ---- generated scenarios (generate.ts, on the C tree) ----

/** What a generated scenario did on the C tree: null if it passed, else why it failed. */
function failureOf(
  data: ScenarioData,
  bounds: ExploreBoundsData,
  fwd: boolean,
  runs: ExplorationSummary[],
  session: KernelExploreSession,
): string | null {
  let c: ReturnType<typeof compileKernelScenario>;
  try {
    c = compileKernelScenario(data, session);
  } catch (e) {
    if (e instanceof ScenarioError) return e.message;
    if (e instanceof KernelNotApplicable) return null;
    throw e;
  }
  const run = exploreKernelScenario(c, bounds, fwd, false);
  runs.push(run.summary);
  return run.violation?.error ?? null;
}

interface KernelGeneratedRun {
  scenarios: number;
  runs: ExplorationSummary[];
  failure?: { data: ScenarioData; run: ScenarioRun; seed: number; path: string };
}

function runKernelGenerated(
  spec: Spec,
  bounds: ExploreBoundsData,
  session: KernelExploreSession,
): KernelGeneratedRun {
  const g = spec.explore?.generate as GenerateSpec;
  const fwd = spec.explore?.forwardCopyOnly ?? false;
  const runs: ExplorationSummary[] = [];
  let scenarios = 0;
  const r = fc.check(
    fc.property(scenarioArbitrary(spec), (data) => {
      scenarios++;
      const why = failureOf(data, bounds, fwd, runs, session);
      if (why !== null) throw new Error(why);
    }),
    { seed: g.seed, numRuns: g.runs },
  );
  const out: KernelGeneratedRun = { scenarios, runs };
  if (r.failed && r.counterexample !== null && r.counterexamplePath !== null) {
    const data = r.counterexample[0];
    out.failure = {
      data,
      run: minimizedRun(data, bounds, fwd, session),
      seed: r.seed,
      path: r.counterexamplePath,
    };
  }
  return out;
}

function minimizedRun(
  data: ScenarioData,
  bounds: ExploreBoundsData,
  fwd: boolean,
  session: KernelExploreSession,
): ScenarioRun {
  let c: ReturnType<typeof compileKernelScenario>;
  try {
    c = compileKernelScenario(data, session);
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
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
        error: `sequential: ${e.message}`,
        body: e.message,
        kind: "check-failed",
        bound: null,
        path: [],
        preemptions: 0,
        steps: 0,
      },
    };
  }
  return exploreKernelScenario(c, bounds, fwd, true);
}

/** The generated scenario a kernel token names (fast-check replays its seed and path). */
function generatedKernelScenario(
  spec: Spec,
  seed: number,
  path: string,
  session: KernelExploreSession,
): ScenarioData {
  const g = spec.explore?.generate as GenerateSpec;
  const bounds = boundsOf(spec);
  let found: ScenarioData | undefined;
  const r = fc.check(
    fc.property(scenarioArbitrary(spec), (data) => {
      found = data;
      const why = failureOf(data, bounds, spec.explore?.forwardCopyOnly ?? false, [], session);
      if (why !== null) throw new Error(why);
    }),
    { seed, path, numRuns: g.runs, endOnFailure: true },
  );
  if (r.failed && r.counterexample !== null) return r.counterexample[0];
  if (found === undefined)
    throw new Error(`${spec.name}: fast-check produced no scenario for seed ${seed} path ${path}`);
  return found;
}
