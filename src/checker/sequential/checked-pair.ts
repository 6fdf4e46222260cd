/**
 * The model and the tree side by side. Each protocol line runs on both; the check compares
 * the answers (cursor state included, since cursor answers carry index, last and status),
 * then the whole range map, then runs the tree's validate(). The first disagreement becomes
 * a SequentialMismatch that carries what each side said.
 */
import {
  REFUSED,
  type TreeBackend,
  type TreeCheck,
  TreeCrash,
  type TreeSession,
} from "../../backend/backend.js";
import { TsBackend } from "../../backend/ts/ts-backend.js";
import { STORE_TYPE_NAMES } from "../../impl/constants.js";
import type { Fault } from "../../impl/faults.js";
import type { Geometry } from "../../impl/geometry.js";
import type { Index } from "../../impl/u64.js";
import {
  initialProtocolState,
  matchArgs,
  matchLine,
  type ProtocolState,
  runLine as runModelLine,
} from "../../model/protocol.js";
import type { ModelState } from "../../model/state.js";
import { formatResult } from "../../trace/format.js";
import type { TraceLine } from "../../trace/ops.js";
import { parseArgs, parseLine } from "../../trace/parse.js";
import type { Boundaries } from "./index-choice.js";
import { lineText } from "./op-template.js";
import { rangeBounds } from "./span-ranges.js";

export class SequentialMismatch extends Error {
  constructor(
    readonly line: string,
    readonly what: "answer" | "ranges" | "validate" | "crash",
    readonly tree: string,
    readonly model: string,
  ) {
    super(`${what} differs after \`${line}\`: tree says ${tree}; model says ${model}`);
    this.name = "SequentialMismatch";
  }
}

/** What the tree did across a run: store types chosen and the greatest height reached. */
export interface Coverage {
  storeTypes: number[];
  maxHeight: number;
  /** For each run that reached height 3: the number of commands it took. */
  commandsToHeight3: number[];
}

export function emptyCoverage(): Coverage {
  return { storeTypes: STORE_TYPE_NAMES.map(() => 0), maxHeight: 0, commandsToHeight3: [] };
}

export interface PairOptions {
  flags: number;
  geometry: Geometry;
  faults?: readonly Fault[];
  coverage?: Coverage;
  /** Compare the whole range map and validate after every command (default true). */
  deepCheck?: boolean;
  /** The tree under test (default: the TypeScript tree). */
  backend?: TreeBackend;
  /** Protocol lines run after `init` (the spec's prefix). */
  prefix?: readonly string[];
}

const TS_BACKEND = new TsBackend();

const NO_ARGS: ReadonlyArray<Index | null> = [];

export class CheckedPair {
  readonly tree: TreeSession;
  /**
   * The model states consistent with everything the tree answered so far. The API hides the
   * tree's shape, yet a few answers depend on it (the model gives them as alternatives), so
   * the model side is a small set of states rather than one.
   */
  models: ProtocolState[];
  private readonly deepCheck: boolean;
  private readonly coverage: Coverage | undefined;
  private lineNo = 0;
  private bounds: Boundaries | undefined;
  private commandsRun = 0;
  private reachedHeight3 = false;

  constructor(options: PairOptions) {
    const coverage = options.coverage;
    this.coverage = coverage;
    this.deepCheck = options.deepCheck ?? true;
    this.tree = (options.backend ?? TS_BACKEND).open({
      flags: options.flags,
      geometry: options.geometry,
      faults: options.faults ?? [],
      ...(coverage && { onStoreType: (t: number) => coverage.storeTypes[t]++ }),
    });
    this.models = [initialProtocolState()];
    this.run(`init ${flagText(options.flags)}`);
    for (const line of options.prefix ?? []) this.run(line);
    // The prefix's lines are not the run's commands (init counts as one, see noteHeight).
    this.commandsRun = 1;
  }

  /** Ranges of the map and leaves of the tree, for resolving boundary choices. */
  boundaries(): Boundaries {
    // One per state of the pair: every command that runs makes a new one.
    if (this.bounds === undefined)
      this.bounds = new PairBoundaries(this.models[0].model, this.tree);
    return this.bounds;
  }

  /** Runs one protocol line on both sides; throws SequentialMismatch on any disagreement. */
  run(line: string): void {
    this.bounds = undefined;
    const parsed = parseLine(line, ++this.lineNo);
    if (parsed === null) return;
    this.runParsed(parsed, line, NO_ARGS);
  }

  /**
   * Runs the line `name args...` (indices as bigints, `null` for NULL) on both sides, as run()
   * does on the printed line, without printing and reparsing it.
   */
  runArgs(name: string, args: ReadonlyArray<Index | null>): void {
    this.bounds = undefined;
    this.runParsed(parseArgs(name, args, ++this.lineNo), undefined, args);
  }

  /** A parsed line, given as its text or (line undefined) as its name and argument values. */
  private runParsed(
    parsed: TraceLine,
    line: string | undefined,
    args: ReadonlyArray<Index | null>,
  ): void {
    const text = line ?? lineText(parsed.name, args);
    const check = this.deepCheck || this.coverage !== undefined;
    let treeOut: string;
    try {
      treeOut = this.tree.run(parsed, text, check);
    } catch (e) {
      if (!(e instanceof TreeCrash)) throw e;
      throw new SequentialMismatch(text, "crash", e.what, "no crash");
    }
    if (treeOut === REFUSED) return; // undefined in the kernel: neither side applies it
    const match =
      line === undefined
        ? matchArgs(this.models, parsed.name, args, treeOut)
        : matchLine(this.models, line, treeOut);
    if (match !== undefined) {
      if (match.next.length === 0)
        throw new SequentialMismatch(text, "answer", treeOut, match.model);
      this.models = match.next;
    }
    this.commandsRun++;
    if (check) {
      const state = this.tree.lastCheck();
      if (this.coverage) this.noteHeight(this.coverage, state.height);
      if (this.deepCheck) this.deep(text, state);
    }
  }

  private noteHeight(coverage: Coverage, h: number): void {
    if (h > coverage.maxHeight) coverage.maxHeight = h;
    if (h >= 3 && !this.reachedHeight3) {
      this.reachedHeight3 = true;
      coverage.commandsToHeight3.push(this.commandsRun - 1); // the init line is not a command
    }
  }

  private deep(text: string, state: TreeCheck): void {
    const models = this.models;
    let candidates = models;
    if (models.length !== 1 || !state.sameRanges(models[0].model.spans))
      candidates = models.filter((m) => state.sameRanges(m.model.spans));
    if (candidates.length === 0)
      throw new SequentialMismatch(
        text,
        "ranges",
        formatResult({ kind: "ranges", list: state.ranges() }),
        runModelLine(this.models[0], "ranges")?.out ?? "",
      );
    this.models = candidates;
    const validation = state.validation();
    if (validation.count > 0)
      throw new SequentialMismatch(text, "validate", validation.first ?? "invalid", "valid");
  }
}

function flagText(flags: number): string {
  const names = [flags & 1 ? "alloc" : "", flags & 2 ? "rcu" : ""].filter(Boolean);
  return names.length ? names.join("|") : "0";
}

/** The boundaries of one state of the pair, computed only when a command names one. */
class PairBoundaries implements Boundaries {
  private rangeList: Array<readonly [Index, Index]> | undefined;
  private leafList: Array<readonly [Index, Index]> | undefined;

  constructor(
    private readonly model: ModelState,
    private readonly tree: TreeSession,
  ) {}

  get ranges(): ReadonlyArray<readonly [Index, Index]> {
    if (this.rangeList === undefined) this.rangeList = rangeBounds(this.model.spans);
    return this.rangeList;
  }

  get leaves(): ReadonlyArray<readonly [Index, Index]> {
    if (this.leafList === undefined) this.leafList = this.tree.leaves();
    return this.leafList;
  }
}
