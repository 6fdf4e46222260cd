/**
 * Sequential model-based checking at the mm level: fast-check command lists over a few
 * processes, each run on a fresh model/mm pair (MmPair), failures shrunk to a short list and
 * given as mm command lines with fast-check's seed, path and replayPath, as the tree-level
 * checker does.
 */
import fc from "fast-check";
import type { TreeBackend } from "../../backend/backend.js";
import { TsBackend } from "../../backend/ts/ts-backend.js";
import { KERNEL_GEOMETRY } from "../../impl/geometry.js";
import { checkParameters, runVerdict } from "../sequential/fc-parameters.js";
import { weightedCommands } from "../sequential/weighted-commands.js";
import { mmArbitraries } from "./mm-arbitraries.js";
import type { MmBackendFactory } from "./mm-backend.js";
import { formatMmCommand, type MmCommand, parseMmCommand } from "./mm-command.js";
import { MmMismatch, MmPair } from "./mm-pair.js";
import { isRelative, type MmIntent, resolveIntent } from "./mm-relative.js";
import type { MmSequentialSpec } from "./mm-spec.js";
import { TsMmBackend } from "./ts-mm-backend.js";

export interface MmSequentialCounterexample {
  /**
   * The spec's prefix lines that ran before `lines`: all of them, or none when the prefix
   * itself failed (`lines` is then the prefix up to the failing line), so each shows once.
   */
  prefix: string[];
  /** The commands that ran, the failing one last. */
  lines: string[];
  error: string;
  seed: number;
  path: string;
  replayPath: string;
}

export interface MmSequentialOutcome {
  verdict: "pass" | "violation" | "incomplete";
  runs: number;
  commands: number;
  counterexample?: MmSequentialCounterexample;
}

export interface MmRunOptions {
  seed?: number;
  runs?: number;
  path?: string;
  replayPath?: string;
  deadline?: number;
  backend?: TreeBackend;
  /** The mm level under test, fresh for each run (default: the TypeScript mm layer). */
  layer?: MmBackendFactory;
}

/**
 * One generated command. A relative one is resolved against the model's mappings each time it
 * runs; the concrete command it became last is what it prints as.
 */
class MmCmd implements fc.Command<Record<string, never>, MmPair> {
  private last: MmCommand | undefined;
  constructor(readonly c: MmIntent) {}
  check(): boolean {
    return true;
  }
  /** The concrete command this is on `pair` now. */
  resolve(pair: MmPair): MmCommand {
    this.last = resolveIntent(this.c, pair.spaces[this.c.mm]);
    return this.last;
  }
  run(_m: Record<string, never>, pair: MmPair): void {
    pair.run(this.resolve(pair));
  }
  toString(): string {
    if (this.last !== undefined) return formatMmCommand(this.last);
    return isRelative(this.c)
      ? `${formatMmCommand(this.c.fallback)} (relative)`
      : formatMmCommand(this.c);
  }
}

function commandsArbitrary(mm: MmSequentialSpec, replayPath?: string) {
  const weighted = Object.entries(mmArbitraries(mm)).map(([name, { weight, arb }]) => ({
    weight: mm.mix[name as keyof typeof mm.mix] ?? weight,
    arb: arb.map((c) => new MmCmd(c)),
  }));
  return weightedCommands(weighted, mm.maxCommands, replayPath);
}

/** A fresh pair with the spec's prefix run on it. */
export function mmPairFor(
  mm: MmSequentialSpec,
  backend?: TreeBackend,
  layer?: MmBackendFactory,
): MmPair {
  const options = {
    backend: backend ?? new TsBackend(),
    geometry: KERNEL_GEOMETRY,
    config: { taskPages: mm.taskPages, guardPages: mm.guardPages, startBrk: mm.startBrk },
    flavour: mm.flavour,
    mms: mm.mms,
    faults: mm.faults,
  };
  const fresh = layer ?? (() => new TsMmBackend(options));
  const pair = new MmPair({
    ...options,
    layer: fresh(),
    ...(mm.failallocSweep === true && { sweep: fresh }),
  });
  mm.prefix.forEach((line, i) => {
    try {
      pair.run(parseMmCommand(line, mm.mms));
    } catch (e) {
      if (e instanceof MmMismatch) throw new PrefixMismatch(e.message, mm.prefix.slice(0, i + 1));
      throw e;
    }
  });
  return pair;
}

/** A command of the spec's prefix failed the check; `lines`: the prefix up to it. */
class PrefixMismatch extends MmMismatch {
  constructor(
    message: string,
    readonly lines: string[],
  ) {
    super(message);
  }
}

export function checkMmSequential(
  mm: MmSequentialSpec,
  opts: MmRunOptions = {},
): MmSequentialOutcome {
  let commands = 0;
  const property = fc.property(commandsArbitrary(mm, opts.replayPath), (cmds) => {
    const pair = mmPairFor(mm, opts.backend, opts.layer);
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
    } finally {
      commands += ran;
    }
  });
  const details = fc.check(
    property,
    checkParameters({
      seed: opts.seed ?? mm.seed,
      runs: opts.runs ?? mm.runs,
      ...(opts.path !== undefined && { path: opts.path }),
      ...(opts.deadline !== undefined && { deadline: opts.deadline }),
    }),
  );
  const outcome: MmSequentialOutcome = {
    verdict: runVerdict(details),
    runs: details.numRuns,
    commands,
  };
  if (details.failed && details.counterexample) {
    const [cmds] = details.counterexample;
    const replay = replay_(mm, cmds, opts.backend, opts.layer);
    outcome.counterexample = {
      prefix: replay.prefix,
      lines: replay.lines,
      error: replay.error ?? String(details.errorInstance),
      seed: details.seed,
      path: details.counterexamplePath ?? "",
      replayPath: replayPathOf(cmds),
    };
  }
  return outcome;
}

/** Runs a shrunk command list again: the lines it ran and the error it stopped on. */
function replay_(
  mm: MmSequentialSpec,
  cmds: Iterable<fc.Command<Record<string, never>, MmPair>>,
  backend?: TreeBackend,
  layer?: MmBackendFactory,
): { prefix: string[]; lines: string[]; error?: string } {
  let pair: MmPair;
  try {
    pair = mmPairFor(mm, backend, layer);
  } catch (e) {
    // The spec's prefix itself went wrong: its lines up to the failing one are the counterexample.
    if (e instanceof PrefixMismatch) return { prefix: [], lines: e.lines, error: e.message };
    throw e;
  }
  const lines: string[] = [];
  for (const w of cmds) {
    // fast-check yields its wrappers of our commands.
    const c = (w as unknown as { cmd?: MmCmd }).cmd ?? (w as MmCmd);
    // A relative command is printed as what it resolves to on this state.
    const concrete = c.resolve(pair);
    lines.push(formatMmCommand(concrete));
    try {
      pair.run(concrete);
    } catch (e) {
      return { prefix: mm.prefix, lines, error: e instanceof MmMismatch ? e.message : String(e) };
    }
  }
  return { prefix: mm.prefix, lines };
}

function replayPathOf(cmds: unknown): string {
  const meta = (cmds as { metadataForReplay?: () => string }).metadataForReplay?.() ?? "";
  const quoted = /replayPath=("(?:[^"\\]|\\.)*")/.exec(meta)?.[1];
  return quoted === undefined ? "" : (JSON.parse(quoted) as string);
}
