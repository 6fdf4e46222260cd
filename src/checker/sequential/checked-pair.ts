/**
 * The model and the tree side by side. Each protocol line runs on both; the check compares
 * the answers (cursor state included, since cursor answers carry index, last and status),
 * then the whole range map, then runs the tree's validate(). The first disagreement becomes
 * a SequentialMismatch that carries what each side said.
 *
 * The whole-map check and validate() cost time in proportion to the map. Only writes can make
 * them fail, so a line that only reads is not followed by one; and with `checkSpan` set (the
 * sequential runs set it), a write pays for at most about that many ranges of checking: on a
 * map of n ranges the full check comes after every ceil(n / checkSpan)-th write, after any
 * write that leaves the model ambiguous, and at the end of the run (finish()). Small maps are
 * still checked after every write; a big one's answers are still compared line by line.
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
import { storedEntry, VALUE_CLASSES, type ValueClass, valueClass } from "./entry-value.js";
import type { Boundaries } from "./index-choice.js";
import { lineText } from "./op-template.js";
import { rangeBounds } from "./span-ranges.js";

export class SequentialMismatch extends Error {
  constructor(
    readonly line: string,
    readonly what: "answer" | "ranges" | "validate" | "crash",
    readonly tree: string,
    readonly model: string,
    /** A "validate" mismatch: the first violation as KIND:check:line, when the tree names it. */
    readonly violation?: string,
  ) {
    super(`${what} differs after \`${line}\`: tree says ${tree}; model says ${model}`);
    this.name = "SequentialMismatch";
  }
  /** Set when a line of the spec's prefix failed: how many prefix lines ran, it included. */
  prefixRan?: number;
}

/** What the tree did across a run: store types chosen and the greatest height reached. */
export interface Coverage {
  storeTypes: number[];
  maxHeight: number;
  /** For each run that reached height 3: the number of commands it took. */
  commandsToHeight3: number[];
  /** runHeights[h]: the runs whose greatest height was h (counted by finish()). */
  runHeights: number[];
  /** Entries stored, by class (entry-value.ts VALUE_CLASSES). */
  valueClasses: Record<ValueClass, number>;
  /** Protocol lines run, and how many of them were followed by the whole-map check. */
  lines: number;
  fullChecks: number;
}

export function emptyCoverage(): Coverage {
  return {
    storeTypes: STORE_TYPE_NAMES.map(() => 0),
    maxHeight: 0,
    commandsToHeight3: [],
    runHeights: [],
    valueClasses: Object.fromEntries(VALUE_CLASSES.map((c) => [c, 0])) as Record<
      ValueClass,
      number
    >,
    lines: 0,
    fullChecks: 0,
  };
}

/** Lines that may change the tree; any other line only reads it (and the cursor). */
const WRITES = new Set([
  "init",
  "store",
  "insert",
  "erase",
  "alloc",
  "ralloc",
  "cyclic",
  "setrcu",
  "clearrcu",
  "destroy",
  "corrupt",
  "poke",
  "mstore",
  "mstorenw",
  "merase",
]);

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
  /**
   * Ranges of whole-map checking a write pays for (see the file comment); undefined: the full
   * check follows every write.
   */
  checkSpan?: number;
}

const TS_BACKEND = new TsBackend();

const NO_ARGS: ReadonlyArray<Index | null> = [];
const HEIGHT_LINE = parseLine("height", 0) as TraceLine;

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
  private readonly checkSpan: number | undefined;
  /** Writes since the last full check. */
  private unchecked = 0;
  private runMaxHeight = 0;
  private lastText = "init";
  private inBulk = false;

  constructor(options: PairOptions) {
    const coverage = options.coverage;
    this.coverage = coverage;
    this.deepCheck = options.deepCheck ?? true;
    this.checkSpan = options.checkSpan;
    this.tree = (options.backend ?? TS_BACKEND).open({
      flags: options.flags,
      geometry: options.geometry,
      faults: options.faults ?? [],
      ...(coverage && { onStoreType: (t: number) => coverage.storeTypes[t]++ }),
    });
    // The model's one shape fact is the leaf size of the tree it is compared with.
    this.models = [initialProtocolState(options.geometry.rangeSlots)];
    this.run(`init ${flagText(options.flags)}`);
    (options.prefix ?? []).forEach((line, i) => {
      try {
        this.run(line);
      } catch (e) {
        if (e instanceof SequentialMismatch) e.prefixRan = i + 1;
        throw e;
      }
    });
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
    const coverage = this.coverage;
    if (coverage !== undefined) {
      const stored = storedEntry(name, args);
      if (stored !== undefined) coverage.valueClasses[valueClass(stored[0], stored[1])]++;
    }
  }

  /**
   * Runs the store lines of a bulk fill ([first, last, value] each), their answers compared
   * line by line and the whole map checked once after the last, as the spec's prefix would be
   * if it were made of commands. `ran` receives each line's arguments before it runs.
   */
  runBulk(
    stores: ReadonlyArray<[Index, Index, Index]>,
    ran: (args: Array<Index | null>) => void,
  ): void {
    this.inBulk = true;
    try {
      for (const args of stores) {
        ran(args);
        this.runArgs("store", args);
      }
    } finally {
      this.inBulk = false;
    }
    if (this.unchecked > 0) this.fullCheck(this.lastText);
  }

  /**
   * The end of a run: the whole-map check if a write has not had it yet, and the run's
   * greatest height into the coverage.
   */
  finish(): void {
    if (this.unchecked > 0) this.fullCheck(this.lastText);
    const coverage = this.coverage;
    if (coverage !== undefined)
      coverage.runHeights[this.runMaxHeight] = (coverage.runHeights[this.runMaxHeight] ?? 0) + 1;
  }

  /** Whether the line about to run is followed by the full check (see the file comment). */
  private dueForCheck(name: string): boolean {
    if (!WRITES.has(name)) return false;
    this.unchecked++;
    if (this.inBulk) return false;
    const span = this.checkSpan;
    if (span === undefined || this.models.length > 1) return true;
    // The model's ranges: its spans and at most as many NULL ranges between them, plus one.
    const ranges = 2 * this.models[0].model.spans.length + 1;
    return this.unchecked * span >= ranges;
  }

  /** A parsed line, given as its text or (line undefined) as its name and argument values. */
  private runParsed(
    parsed: TraceLine,
    line: string | undefined,
    args: ReadonlyArray<Index | null>,
  ): void {
    const text = line ?? lineText(parsed.name, args);
    this.lastText = text;
    const check = (this.deepCheck || this.coverage !== undefined) && this.dueForCheck(parsed.name);
    if (this.coverage !== undefined) this.coverage.lines++;
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
    // A write that made the model ambiguous is checked now, to narrow it down.
    if (check || (this.models.length > 1 && this.unchecked > 0 && !this.inBulk))
      this.checkState(text, check);
  }

  /** The full check after `text` ran; `fresh`: the tree's state came back with that line. */
  private checkState(text: string, fresh: boolean): void {
    if (!fresh) {
      this.fullCheck(text);
      return;
    }
    this.unchecked = 0;
    const state = this.tree.lastCheck();
    if (this.coverage) {
      this.coverage.fullChecks++;
      this.noteHeight(this.coverage, state.height);
    }
    if (this.deepCheck) this.deep(text, state);
  }

  /**
   * The full check on the tree as it is now, after the line `after` ran: the backend gives
   * the tree's state with a line, so it comes with `height`, which only reads.
   */
  private fullCheck(after: string): void {
    this.unchecked = 0;
    this.tree.run(HEIGHT_LINE, "height", true);
    const state = this.tree.lastCheck();
    if (this.coverage) {
      this.coverage.fullChecks++;
      this.noteHeight(this.coverage, state.height);
    }
    if (this.deepCheck) this.deep(after, state);
  }

  private noteHeight(coverage: Coverage, h: number): void {
    if (h > coverage.maxHeight) coverage.maxHeight = h;
    if (h > this.runMaxHeight) this.runMaxHeight = h;
    if (h >= 3 && !this.reachedHeight3) {
      this.reachedHeight3 = true;
      coverage.commandsToHeight3.push(this.commandsRun - 1); // the init line is not a command
    }
  }

  private deep(text: string, state: TreeCheck): void {
    // The tree's own validator speaks first: a corrupted shape is the cause, and wrong ranges
    // (two NULL slots side by side, say) are only its symptom.
    const validation = state.validation();
    if (validation.count > 0)
      throw new SequentialMismatch(
        text,
        "validate",
        validation.first ?? "invalid",
        "valid",
        validation.key,
      );
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
