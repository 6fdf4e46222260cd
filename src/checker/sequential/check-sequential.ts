/**
 * Sequential model-based checking of one spec: fast-check generates command lists, each
 * runs on a fresh model/tree pair, failures shrink to a short command list. The outcome is
 * data: verdict, counts, coverage, and for a failure the shrunk commands as an oracle trace
 * with a replay token (seed and path), replayed once more before it is reported.
 */
import fc from "fast-check";
import { setAutoFreeze } from "immer";
import type { TreeBackend } from "../../backend/backend.js";
import { MT_FLAGS_ALLOC_RANGE, MT_FLAGS_USE_RCU } from "../../impl/constants.js";
import { ALL_FAULTS, type Fault } from "../../impl/faults.js";
import { KERNEL_GEOMETRY, SMALL_GEOMETRY } from "../../impl/geometry.js";
import { setFreezeStates } from "../../model/state.js";
import type { SequentialSpec, TreeSpec } from "../spec/schema.js";
import { fillArbitrary } from "./bulk-fill.js";
import {
  CheckedPair,
  type Coverage,
  emptyCoverage,
  type PairOptions,
  SequentialMismatch,
} from "./checked-pair.js";
import { checkParameters, runVerdict } from "./fc-parameters.js";
import { templateArbitraries } from "./op-template.js";
import { type CommandTemplate, ProtocolCommand } from "./protocol-command.js";
import { weightedCommands } from "./weighted-commands.js";

export interface SequentialCounterexample {
  /** The protocol lines that ran, the failing one last (the prefix's, when it failed). */
  lines: string[];
  /** The same as an oracle trace (with its `init` line), to run on the kernel. */
  trace: string;
  error: string;
  /** When the run ended on the tree's validator: its first violation (see FirstViolation). */
  validation?: FirstViolation;
  seed: number;
  path: string;
  /** fc.commands' own replay data: with seed and path, it replays this exact command list. */
  replayPath: string;
  shrinks: number;
}

/** The first violation of the tree's validator: KIND:check:line, and the tree's text of it. */
export interface FirstViolation {
  key: string;
  text: string;
}

export interface SequentialOutcome {
  /** incomplete: a time budget (opts.deadline) stopped the runs before all of them ran. */
  verdict: "pass" | "violation" | "incomplete";
  runs: number;
  commands: number;
  coverage: Coverage;
  counterexample?: SequentialCounterexample;
  /** Operations of the mix the backend's tree does not have (left out of the runs). */
  notApplicableOps: string[];
}

/**
 * Ranges of whole-map checking a write pays for in a sequential run (checked-pair.ts): maps of
 * up to 64 ranges are checked after every write, a height-3 map of 600 every 10th write.
 */
export const CHECK_SPAN = 64;

/**
 * The bulk fill's default weight in the mix (templateArbitraries gives the others'). A run
 * reaches height 3 only through a fill (single stores over a few dozen indices stay at height
 * 2 even on the small geometry), so this weight sets how many runs get there: at 5 about 1 in
 * 12 commands is a fill, and most runs of a few dozen commands make one.
 */
const FILL_WEIGHT = 5;

/** Every command the mix can name: the protocol's operations and the bulk fill. */
function commandArbitraries(
  universe: SequentialSpec["universe"],
): Record<string, { weight: number; arb: fc.Arbitrary<CommandTemplate> }> {
  return {
    ...templateArbitraries(universe),
    fill: { weight: FILL_WEIGHT, arb: fillArbitrary(universe) },
  };
}

/** The command names a spec's mix may weight. */
export function mixCommandNames(): string[] {
  return Object.keys(commandArbitraries("small"));
}

/** The protocol operation a command of the mix runs as (a fill runs as stores). */
const operationOf = (name: string): string => (name === "fill" ? "store" : name);

export function pairOptions(
  tree: TreeSpec,
  coverage?: Coverage,
  backend?: TreeBackend,
): PairOptions {
  const flags =
    (tree.flags.includes("alloc") ? MT_FLAGS_ALLOC_RANGE : 0) |
    (tree.flags.includes("rcu") ? MT_FLAGS_USE_RCU : 0);
  return {
    flags,
    geometry: tree.geometry === "small" ? SMALL_GEOMETRY : KERNEL_GEOMETRY,
    faults: tree.faults as Fault[],
    coverage,
    ...(backend !== undefined && { backend }),
  };
}

/** The pair options of a sequential spec: its tree, and its prefix run after `init`. */
function seqPairOptions(
  tree: TreeSpec,
  seq: SequentialSpec,
  coverage?: Coverage,
  backend?: TreeBackend,
): PairOptions {
  return { ...pairOptions(tree, coverage, backend), prefix: seq.prefix, checkSpan: CHECK_SPAN };
}

/** The mix's operations (weight > 0) that the backend's tree does not have. */
export function unsupportedOps(seq: SequentialSpec, backend?: TreeBackend): string[] {
  if (backend === undefined) return [];
  return Object.entries(commandArbitraries(seq.universe))
    .filter(
      ([name, { weight }]) => (seq.mix[name] ?? weight) > 0 && !backend.supports(operationOf(name)),
    )
    .map(([name]) => name);
}

export function commandsArbitrary(
  seq: SequentialSpec,
  replayPath?: string,
  leaveOut: readonly string[] = [],
): fc.Arbitrary<Iterable<fc.Command<Record<string, never>, CheckedPair>>> {
  const weighted = Object.entries(commandArbitraries(seq.universe)).map(
    ([name, { weight, arb }]) => ({
      weight: leaveOut.includes(name) ? 0 : (seq.mix[name] ?? weight),
      arb: arb.map((t) => new ProtocolCommand(t)),
    }),
  );
  return weightedCommands(weighted, seq.maxCommands, replayPath);
}

/**
 * Replays a command list on a fresh pair: the prefix lines and the lines it ran, and the error
 * it stopped on. When the prefix itself fails, `lines` is the prefix up to the failing line and
 * `prefix` is empty, so that a counterexample shows each line once.
 */
export function replayCommands(
  tree: TreeSpec,
  commands: Iterable<fc.Command<Record<string, never>, CheckedPair>>,
  backend?: TreeBackend,
  prefix: readonly string[] = [],
): { prefix: readonly string[]; lines: string[]; error?: string; validation?: FirstViolation } {
  const lines: string[] = [];
  const failed = (e: unknown, ranPrefix: readonly string[] = prefix) => ({
    prefix: ranPrefix,
    lines,
    error: e instanceof SequentialMismatch ? e.message : String(e),
    ...(e instanceof SequentialMismatch &&
      e.what === "validate" &&
      e.violation !== undefined && { validation: { key: e.violation, text: e.tree } }),
  });
  let pair: CheckedPair;
  try {
    pair = new CheckedPair({
      ...pairOptions(tree, undefined, backend),
      prefix,
      checkSpan: CHECK_SPAN,
    });
  } catch (e) {
    if (!(e instanceof SequentialMismatch) || e.prefixRan === undefined) throw e;
    // The spec's prefix itself failed: its lines up to the failing one are the commands.
    lines.push(...prefix.slice(0, e.prefixRan));
    return failed(e, []);
  }
  // fast-check hands the commands over wrapped; a command that ran prints its lines.
  const linesOf = (c: fc.Command<Record<string, never>, CheckedPair>) => c.toString().split("\n");
  for (const c of commands) {
    try {
      c.run({}, pair);
    } catch (e) {
      lines.push(...linesOf(c));
      return failed(e);
    }
    lines.push(...linesOf(c));
  }
  try {
    pair.finish();
  } catch (e) {
    return failed(e);
  }
  return { prefix, lines };
}

export interface SequentialRunOptions {
  seed?: number;
  runs?: number;
  /** A replay path from an earlier failure (with its seed). */
  path?: string;
  /** The failure's replayPath: without it, fast-check cannot walk a path into a command list. */
  replayPath?: string;
  /** performance.now() time after which no new run starts (the outcome is then incomplete). */
  deadline?: number;
  /** The tree under test (default: the TypeScript tree). */
  backend?: TreeBackend;
}

export function checkSequential(
  tree: TreeSpec,
  seq: SequentialSpec,
  opts: SequentialRunOptions = {},
): SequentialOutcome {
  // A misspelt fault would otherwise run the plain tree and pass as if nothing were planted.
  const unknown = tree.faults.filter((f) => !(ALL_FAULTS as readonly string[]).includes(f));
  if (unknown.length > 0) throw new Error(`unknown fault: ${unknown.join(", ")}`);
  return withoutAutoFreeze(() => checkWith(tree, seq, opts));
}

/**
 * Runs f with immer's deep freezing of produced states turned off, then on again (immer's
 * default). Freezing only guards against code that mutates a state in place; the model never
 * does (every state comes from produce or a spread), which its own tests, run with freezing
 * on, would show by throwing. Here it would only cost time on every model step.
 */
function withoutAutoFreeze<T>(f: () => T): T {
  setAutoFreeze(false);
  setFreezeStates(false);
  try {
    return f();
  } finally {
    setAutoFreeze(true);
    setFreezeStates(true);
  }
}

function checkWith(
  tree: TreeSpec,
  seq: SequentialSpec,
  opts: SequentialRunOptions,
): SequentialOutcome {
  const coverage = emptyCoverage();
  let commands = 0;
  const seed = opts.seed ?? seq.seed;
  const backend = opts.backend;
  const leaveOut = unsupportedOps(seq, backend);
  const property = fc.property(commandsArbitrary(seq, opts.replayPath, leaveOut), (cmds) => {
    const pair = new CheckedPair(seqPairOptions(tree, seq, coverage, backend));
    let ran = 0;
    try {
      fc.modelRun(() => ({ model: {}, real: pair }), {
        [Symbol.iterator]: function* () {
          for (const c of cmds) {
            ran++;
            yield c;
          }
        },
      });
      pair.finish();
    } finally {
      commands += ran;
    }
  });
  const details = fc.check(
    property,
    checkParameters({
      seed: seed,
      runs: opts.runs ?? seq.runs,
      ...(opts.path !== undefined && { path: opts.path }),
      ...(opts.deadline !== undefined && { deadline: opts.deadline }),
    }),
  );
  const outcome: SequentialOutcome = {
    verdict: runVerdict(details),
    runs: details.numRuns,
    commands,
    coverage,
    notApplicableOps: leaveOut,
  };
  if (details.failed && details.counterexample) {
    const [cmds] = details.counterexample;
    const replay = replayCommands(tree, cmds, backend, seq.prefix);
    const flags = pairOptions(tree).flags;
    const init = `init ${flags & 1 ? (flags & 2 ? "alloc|rcu" : "alloc") : flags & 2 ? "rcu" : "0"}`;
    outcome.counterexample = {
      lines: replay.lines,
      trace: `# oracle-flags: --guard\n${[init, ...replay.prefix, ...replay.lines].join("\n")}\n`,
      error: replay.error ?? String(details.errorInstance),
      ...(replay.validation !== undefined && { validation: replay.validation }),
      seed: details.seed,
      path: details.counterexamplePath ?? "",
      replayPath: replayPathOf(cmds),
      shrinks: details.numShrinks,
    };
  }
  return outcome;
}

/** The replayPath fast-check records on a command list (its metadataForReplay text). */
function replayPathOf(cmds: unknown): string {
  const meta = (cmds as { metadataForReplay?: () => string }).metadataForReplay?.() ?? "";
  const quoted = /replayPath=("(?:[^"\\]|\\.)*")/.exec(meta)?.[1];
  return quoted === undefined ? "" : (JSON.parse(quoted) as string);
}
