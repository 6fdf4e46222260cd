/**
 * Running a set of specs as one job: selection by name or path, seed/runs/budget overrides,
 * a shard of the work, and a second replay of every failure before it is reported. The
 * result is data (outcomes and the job's verdict); the CLI prints it.
 */
import { existsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import type { TreeBackend } from "../../backend/backend.js";
import { type Shard, shardOwns } from "../shard/shard.js";
import { loadSpecDir, loadSpecFile, SpecError } from "../spec/load-spec.js";
import type { Spec } from "../spec/schema.js";
import type { Budget } from "./budget.js";
import { meetsExpectation, type SpecOutcome, type Verdict } from "./outcome.js";
import { checkPinAndTwin, isProjectSpecs } from "./pin.js";
import { parseToken, ReplayTokenError } from "./replay-token.js";
import { HarnessError, type RunOverrides, runSpec } from "./run-spec.js";
import { specHash } from "./spec-hash.js";

export interface RunAllOptions {
  seed?: number;
  runs?: number;
  budget?: Budget;
  shard?: Shard;
  /** Called before and after each spec (progress display). */
  onStart?: (spec: Spec, index: number, total: number) => void;
  onEnd?: (outcome: JobOutcome, index: number, total: number) => void;
  /** The clock (tests). */
  now?: () => number;
  /** The tree under test (default: the TypeScript tree). */
  backend?: TreeBackend;
}

/**
 * A shard's part of one spec: a contiguous block of a sequential spec's runs [from, to) out
 * of `of`, or of an exhaustive explore spec's schedule space subtree `from` (0-based) of `of`.
 */
export interface RunPart {
  unit: "runs" | "subtrees";
  from: number;
  to: number;
  of: number;
}

/** An outcome with why it is incomplete (when it is), and the part of the runs it covers. */
export type JobOutcome = SpecOutcome & { part?: RunPart };

/** A part of the runs that passed where the whole spec expects a violation: judged at merge. */
export function partPending(o: JobOutcome): boolean {
  return o.part !== undefined && o.verdict === "pass" && o.expected === "violation";
}

export interface RunAllResult {
  outcomes: JobOutcome[];
  /** Specs this shard did not run (owned by other shards). */
  skipped: string[];
  verdict: Verdict;
}

/** A spec and the file it was read from. */
export interface SpecFile {
  spec: Spec;
  path: string;
}

/** Specs named on the command line (by name in `dir` or by path), or every spec in `dir`. */
export function selectSpecs(dir: string, names: readonly string[]): Spec[] {
  return selectSpecFiles(dir, names).map((f) => f.spec);
}

/** selectSpecs, with the file each spec was read from. */
export function selectSpecFiles(dir: string, names: readonly string[]): SpecFile[] {
  // A spec's name is its file's name (load-spec.ts checks it).
  if (names.length === 0) {
    const all = loadSpecDir(dir);
    for (const s of all) checkPinAndTwin(s, dir, isProjectSpecs(dir));
    return all.map((spec) => ({ spec, path: join(dir, `${spec.name}.json`) }));
  }
  const seen = new Set<string>();
  const files: SpecFile[] = [];
  for (const name of names) {
    let path = name;
    if (!existsSync(path) || statSync(path).isDirectory()) {
      if (!/^[a-z0-9][a-z0-9-]*(\.json)?$/.test(name))
        throw new SpecError(`${name}: no such spec file`);
      path = join(dir, name.endsWith(".json") ? name : `${name}.json`);
      if (!existsSync(path)) throw new SpecError(`${name}: no spec of that name in ${dir}`);
    }
    const spec = loadSpecFile(path);
    checkPinAndTwin(spec, dirname(path), isProjectSpecs(dirname(path)));
    if (seen.has(spec.name)) continue;
    seen.add(spec.name);
    files.push({ spec, path });
  }
  return files;
}

/**
 * The spec as the overrides, the shard's part and the executions budget make it. A part of a
 * sequential spec runs fast-check from run `from` (its path) for `to - from` runs: exactly the
 * values, and for a failure the same shrunk counterexample and token, of the unsharded run.
 */
function budgeted(
  spec: Spec,
  budget: Budget | undefined,
  runs: number | undefined,
  part: RunPart | undefined,
): { spec: Spec; overrides: RunOverrides; cut: boolean } {
  const overrides: RunOverrides = {};
  if (runs !== undefined) overrides.runs = runs;
  if (part?.unit === "runs") {
    overrides.runs = part.to - part.from;
    overrides.path = String(part.from);
    overrides.shardBlock = true;
  }
  if (part?.unit === "subtrees") overrides.subtree = { index: part.to, count: part.of };
  if (budget?.executions === undefined) return { spec, overrides, cut: false };
  const cap = budget.executions;
  if (spec.mode === "explore" && spec.explore) {
    const declared = spec.explore.bounds.executions;
    if (declared <= cap) return { spec, overrides, cut: false };
    return {
      spec: {
        ...spec,
        explore: { ...spec.explore, bounds: { ...spec.explore.bounds, executions: cap } },
      },
      overrides,
      cut: false,
    };
  }
  const seq = runsBlock(spec);
  if (seq !== undefined) {
    // Commands are the sequential executions: at most maxCommands per run.
    const wanted = overrides.runs ?? seq.runs;
    if (wanted * seq.maxCommands <= cap) return { spec, overrides, cut: false };
    overrides.runs = Math.max(1, Math.floor(cap / seq.maxCommands));
    return { spec, overrides, cut: true };
  }
  return { spec, overrides, cut: false };
}

/**
 * What shard i/N runs of a spec: a block of a sequential spec's runs, or one part of a
 * written-out explore spec's schedule space; undefined: the whole spec (a generated explore
 * spec is dealt whole to one shard, see shardOwns).
 */
export function runPart(spec: Spec, shard: Shard, runs: number | undefined): RunPart | undefined {
  if (shard.count === 1) return undefined;
  if (splitBySubtrees(spec))
    return { unit: "subtrees", from: shard.index - 1, to: shard.index, of: shard.count };
  const seq = runsBlock(spec);
  if (seq === undefined) return undefined;
  const of = runs ?? seq.runs;
  return {
    unit: "runs",
    from: Math.floor((of * (shard.index - 1)) / shard.count),
    to: Math.floor((of * shard.index) / shard.count),
    of,
  };
}

/** The block with the runs of a sequential or mm-sequential spec. */
function runsBlock(spec: Spec): { runs: number; maxCommands: number } | undefined {
  if (spec.mode === "sequential") return spec.sequential;
  if (spec.mode === "mm-sequential") return spec.mm;
  return undefined;
}

/**
 * Whether a spec's schedule space is split over the shards: a written-out explore spec, or an
 * mm-explore spec whose writer is mm/vma.c (explored on the C tree, often big). Other
 * mm-explore specs are one small exploration each, dealt whole.
 */
function splitBySubtrees(spec: Spec): boolean {
  if (spec.mode === "mm-explore") return spec.mmExplore?.source === "vma.c";
  return spec.mode === "explore" && spec.explore?.generate === undefined;
}

/** Whether a spec is split over the shards (else it is dealt whole to one of them). */
function isSplit(spec: Spec): boolean {
  return spec.mode === "sequential" || spec.mode === "mm-sequential" || splitBySubtrees(spec);
}

/** An outcome for a spec the budget left no time for. */
function notRun(spec: Spec, reason: string): JobOutcome {
  return {
    spec: spec.name,
    mode: spec.mode,
    verdict: "incomplete",
    expected: spec.expect,
    scenarios: 0,
    executions: 0,
    timeMs: 0,
    incompleteReason: reason,
  };
}

/**
 * Replays a reported counterexample from its token once more (runSpec has already replayed
 * it once): a replay that does not give the same counterexample is a harness error.
 */
export function confirmAgain(
  spec: Spec,
  outcome: SpecOutcome,
  backend?: TreeBackend,
  hash: string = specHash(spec),
): void {
  const cx = outcome.counterexample;
  if (cx === undefined) return;
  const again = replayOutcome(spec, cx.replayToken, backend, hash);
  if (again.counterexample?.body !== cx.body || again.counterexample?.error !== cx.error)
    throw new HarnessError(
      `${spec.name}: non-deterministic harness: replaying ${cx.replayToken} gave "${again.counterexample?.error ?? "no failure"}" instead of "${cx.error}"`,
    );
}

/**
 * Runs exactly the counterexample a token names, on the spec it was found with: `hash` is the
 * spec's as loaded (default: specHash(spec)); a token with another hash is refused.
 */
export function replayOutcome(
  spec: Spec,
  token: string,
  backend?: TreeBackend,
  hash: string = specHash(spec),
): SpecOutcome {
  const t = parseToken(token);
  if (t.spec !== spec.name) throw new HarnessError(`token names spec ${t.spec}, not ${spec.name}`);
  if (t.hash !== hash)
    throw new ReplayTokenError(
      `spec hash mismatch: the token was found with another version of spec ${spec.name} (hash ${t.hash}; this one's is ${hash}): replay it with the --specs folder it was found in`,
    );
  const found = t.backend ?? "ts";
  const given = backend?.name ?? "ts";
  if (found !== given)
    throw new HarnessError(
      found === "kernel"
        ? "this counterexample was found on the kernel's C tree: replay it with --kernel DIR"
        : "this counterexample was found on the TypeScript tree: replay it without --kernel",
    );
  if (t.mode === "seq") {
    if (spec.mode !== "sequential" && spec.mode !== "mm-sequential")
      throw new HarnessError(`${spec.name} is an ${spec.mode} spec; the token is a sequential one`);
    return replaySequential(spec, {
      seed: t.seed,
      path: t.path,
      ...(t.replayPath !== undefined && { replayPath: t.replayPath }),
      specHash: hash,
      ...(backend !== undefined && { backend }),
    });
  }
  if (spec.mode !== "explore" && spec.mode !== "mm-explore")
    throw new HarnessError(`${spec.name} is a ${spec.mode} spec; the token is an explore one`);
  return runGuarded(spec, { replay: t, specHash: hash, ...(backend !== undefined && { backend }) });
}

/**
 * A sequential token's replay: fast-check walks its path into one run. A path it cannot walk
 * (it throws), or one that names no run at all, is a token cut short or edited: refused, never
 * reported as a counterexample that no longer reproduces.
 */
function replaySequential(spec: Spec, overrides: RunOverrides): SpecOutcome {
  let outcome: SpecOutcome;
  try {
    outcome = runSpec(spec, overrides);
  } catch (e) {
    // Its own errors (a replay that differs) name the spec already.
    if (e instanceof HarnessError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    throw new ReplayTokenError(
      `${spec.name}: the token's path does not replay (${msg}): is the token cut short or edited?`,
    );
  }
  if (outcome.scenarios === 0 && outcome.verdict !== "not-applicable")
    throw new ReplayTokenError(
      `${spec.name}: the token's path names no run of the spec: is the token cut short or edited?`,
    );
  return outcome;
}

/**
 * runSpec, with anything it throws (a misspelt fault, a scenario line that does not parse, a
 * replay that differs) turned into a harness error naming the spec.
 */
function runGuarded(spec: Spec, overrides: RunOverrides): SpecOutcome {
  try {
    return runSpec(spec, overrides);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new HarnessError(msg.startsWith(`${spec.name}:`) ? msg : `${spec.name}: ${msg}`, {
      cause: e,
    });
  }
}

/** The job's verdict: violation if any spec missed its expectation, else incomplete, else pass. */
export function jobVerdict(outcomes: readonly SpecOutcome[]): Verdict {
  if (outcomes.some((o) => o.verdict !== "incomplete" && !meetsExpectation(o) && !partPending(o)))
    return "violation";
  if (outcomes.some((o) => o.verdict === "incomplete")) return "incomplete";
  return "pass";
}

export function runAll(specs: readonly Spec[], opts: RunAllOptions = {}): RunAllResult {
  const now = opts.now ?? (() => performance.now());
  const t0 = now();
  // Sequential specs are split by runs, written-out explore specs by schedule subtrees, over
  // every shard; generated explore specs are dealt out whole.
  const dealt = specs.filter((s) => !isSplit(s)).map((s) => s.name);
  const shard = opts.shard;
  const mine = specs.filter(
    (s) => shard === undefined || isSplit(s) || shardOwns(shard, s.name, dealt),
  );
  const skipped = specs.filter((s) => !mine.includes(s)).map((s) => s.name);
  const outcomes: JobOutcome[] = [];
  mine.forEach((spec0, i) => {
    opts.onStart?.(spec0, i, mine.length);
    let outcome: JobOutcome;
    const timeMs = opts.budget?.timeMs;
    if (timeMs !== undefined && now() - t0 >= timeMs) {
      outcome = notRun(spec0, `time budget of ${opts.budget?.text} spent before it started`);
    } else {
      const part = shard !== undefined ? runPart(spec0, shard, opts.runs) : undefined;
      const b = budgeted(spec0, opts.budget, opts.runs, part);
      const { overrides, cut } = b;
      let spec = b.spec;
      if (opts.seed !== undefined) overrides.seed = opts.seed;
      if (opts.backend !== undefined) overrides.backend = opts.backend;
      // Tokens name the spec as loaded, not as the budget or the seed override changed it.
      const hash = specHash(spec0);
      overrides.specHash = hash;
      // A time budget also bounds the spec that is running: it stops there, incomplete.
      if (timeMs !== undefined) overrides.deadline = performance.now() + timeMs - (now() - t0);
      // A generated explore spec takes the seed (and runs) in its generate block.
      const g = spec.explore?.generate;
      if (spec.explore && g && (opts.seed !== undefined || opts.runs !== undefined))
        spec = {
          ...spec,
          explore: {
            ...spec.explore,
            generate: { ...g, seed: opts.seed ?? g.seed, runs: opts.runs ?? g.runs },
          },
        };
      outcome =
        part?.unit === "runs" && part.to === part.from
          ? {
              spec: spec.name,
              mode: spec.mode,
              verdict: "pass",
              expected: spec.expect,
              scenarios: 0,
              executions: 0,
              timeMs: 0,
            }
          : runGuarded(spec, overrides);
      if (part !== undefined) outcome.part = part;
      if (cut && outcome.verdict === "pass") {
        outcome.verdict = "incomplete";
        outcome.incompleteReason = `execution budget of ${opts.budget?.text} cut the runs to ${overrides.runs}`;
      }
      if (outcome.verdict === "incomplete" && outcome.incompleteReason === undefined) {
        const reasons = (outcome.exploration ?? [])
          .filter((e) => e.verdict === "incomplete")
          .map((e) => e.incompleteReason);
        outcome.incompleteReason = reasons[0] ?? "budget spent";
      }
      confirmAgain(spec, outcome, opts.backend, hash);
    }
    outcomes.push(outcome);
    opts.onEnd?.(outcome, i, mine.length);
  });
  return { outcomes, skipped, verdict: jobVerdict(outcomes) };
}
