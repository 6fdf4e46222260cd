/**
 * The model and the tree side by side. Each protocol line runs on both; the check compares
 * the answers (cursor state included, since cursor answers carry index, last and status),
 * then the whole range map, then runs the tree's validate(). The first disagreement becomes
 * a SequentialMismatch that carries what each side said.
 */
import { STORE_TYPE_NAMES, type StoreType } from "../../impl/constants.js";
import type { Fault } from "../../impl/faults.js";
import { type Geometry, KERNEL_GEOMETRY } from "../../impl/geometry.js";
import { type NodeView, nodeView } from "../../impl/inspect.js";
import type { Index } from "../../impl/u64.js";
import type { Violation } from "../../impl/validate/violation.js";
import {
  initialProtocolState,
  matchArgs,
  matchLine,
  type ProtocolState,
  runLine as runModelLine,
} from "../../model/protocol.js";
import type { ModelState } from "../../model/state.js";
import { TraceMachine } from "../../trace/execute.js";
import { formatResult } from "../../trace/format.js";
import type { TraceLine } from "../../trace/ops.js";
import { parseArgs, parseLine } from "../../trace/parse.js";
import type { Boundaries } from "./index-choice.js";
import { lineText } from "./op-template.js";
import { rangeBounds, sameRanges } from "./span-ranges.js";

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
}

const NO_ARGS: ReadonlyArray<Index | null> = [];

export class CheckedPair {
  readonly machine: TraceMachine;
  /**
   * The model states consistent with everything the tree answered so far. The API hides the
   * tree's shape, yet a few answers depend on it (the model gives them as alternatives), so
   * the model side is a small set of states rather than one.
   */
  models: ProtocolState[];
  private readonly deepCheck: boolean;
  /** Minimum occupancy is only an invariant of the kernel's own geometry (see SMALL_GEOMETRY). */
  private readonly strictOccupancy: boolean;
  private readonly coverage: Coverage | undefined;
  private lineNo = 0;
  private bounds: Boundaries | undefined;
  private commandsRun = 0;
  private reachedHeight3 = false;

  constructor(options: PairOptions) {
    const coverage = options.coverage;
    this.coverage = coverage;
    this.deepCheck = options.deepCheck ?? true;
    this.strictOccupancy = options.geometry === KERNEL_GEOMETRY;
    this.machine = new TraceMachine({
      guard: true,
      tree: {
        geometry: options.geometry,
        faults: options.faults ?? [],
        observer: coverage ? { storeType: (t: StoreType) => coverage.storeTypes[t]++ } : {},
      },
    });
    this.models = [initialProtocolState()];
    this.run(`init ${flagText(options.flags)}`);
  }

  /** Ranges of the map and leaves of the tree, for resolving boundary choices. */
  boundaries(): Boundaries {
    // One per state of the pair: every command that runs makes a new one.
    if (this.bounds === undefined)
      this.bounds = new PairBoundaries(this.models[0].model, this.machine);
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
    let treeOut: string;
    try {
      const r = this.machine.runLine(parsed);
      if (r.kind === "ub") return; // undefined in the kernel: neither side applies it
      treeOut = formatResult(r);
    } catch (e) {
      throw new SequentialMismatch(
        line ?? lineText(parsed.name, args),
        "crash",
        `exception ${(e as Error).message}`,
        "no crash",
      );
    }
    const match =
      line === undefined
        ? matchArgs(this.models, parsed.name, args, treeOut)
        : matchLine(this.models, line, treeOut);
    if (match !== undefined) {
      if (match.next.length === 0)
        throw new SequentialMismatch(
          line ?? lineText(parsed.name, args),
          "answer",
          treeOut,
          match.model,
        );
      this.models = match.next;
    }
    this.commandsRun++;
    if (this.coverage) this.noteHeight(this.coverage);
    if (this.deepCheck) this.deep(line, parsed.name, args);
  }

  private noteHeight(coverage: Coverage): void {
    const h = this.machine.tree.height;
    if (h > coverage.maxHeight) coverage.maxHeight = h;
    if (h >= 3 && !this.reachedHeight3) {
      this.reachedHeight3 = true;
      coverage.commandsToHeight3.push(this.commandsRun - 1); // the init line is not a command
    }
  }

  private deep(line: string | undefined, name: string, args: ReadonlyArray<Index | null>): void {
    const treeRanges = this.machine.ranges();
    const models = this.models;
    let candidates = models;
    if (models.length !== 1 || !sameRanges(treeRanges, models[0].model.spans))
      candidates = models.filter((m) => sameRanges(treeRanges, m.model.spans));
    if (candidates.length === 0)
      throw new SequentialMismatch(
        line ?? lineText(name, args),
        "ranges",
        formatResult({ kind: "ranges", list: treeRanges }),
        runModelLine(this.models[0], "ranges")?.out ?? "",
      );
    this.models = candidates;
    const all = this.machine.tree.validate();
    const violations =
      all.length === 0 || this.strictOccupancy ? all : all.filter((v) => !isOccupancyViolation(v));
    if (violations.length > 0) {
      const first = violations[0];
      throw new SequentialMismatch(
        line ?? lineText(name, args),
        "validate",
        `${first.check}: ${first.detail}`,
        "valid",
      );
    }
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
    private readonly machine: TraceMachine,
  ) {}

  get ranges(): ReadonlyArray<readonly [Index, Index]> {
    if (this.rangeList === undefined) this.rangeList = rangeBounds(this.model.spans);
    return this.rangeList;
  }

  get leaves(): ReadonlyArray<readonly [Index, Index]> {
    if (this.leafList === undefined) this.leafList = leafBounds(this.machine);
    return this.leafList;
  }
}

function leafBounds(machine: TraceMachine): Array<readonly [Index, Index]> {
  const view = nodeView(machine.tree);
  if (view.kind !== "node") return [];
  const out: Array<readonly [Index, Index]> = [];
  const visit = (n: NodeView): void => {
    if (n.children === undefined) out.push([n.min, n.max]);
    else for (const c of n.children) if (c) visit(c);
  };
  visit(view.root);
  return out;
}

/**
 * mt_validate's minimum-occupancy report. The kernel's split arithmetic keeps that invariant
 * only with its own node sizes: with small nodes a three-way split can leave a middle node one
 * slot short, in the kernel's algorithm as in ours, so small-geometry checks leave it out.
 */
function isOccupancyViolation(v: Violation): boolean {
  return v.check === "mt_validate" && v.detail.includes("invalid size");
}
