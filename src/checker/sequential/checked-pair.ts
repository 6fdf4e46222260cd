/**
 * The model and the tree side by side. Each protocol line runs on both; the check compares
 * the answers (cursor state included, since cursor answers carry index, last and status),
 * then the whole range map, then runs the tree's validate(). The first disagreement becomes
 * a SequentialMismatch that carries what each side said.
 */
import { STORE_TYPE_NAMES, type StoreType } from "../../impl/constants.js";
import type { Fault } from "../../impl/faults.js";
import { type Geometry, KERNEL_GEOMETRY } from "../../impl/geometry.js";
import { nodeView, type NodeView } from "../../impl/inspect.js";
import { type Index, ULONG_MAX } from "../../impl/u64.js";
import type { Violation } from "../../impl/validate/violation.js";
import {
  initialProtocolState,
  matchArgs,
  matchLine,
  type ProtocolState,
  runLine as runModelLine,
} from "../../model/protocol.js";
import type { Span } from "../../model/range-map.js";
import { ranges as modelRanges } from "../../model/state.js";
import { TraceMachine } from "../../trace/execute.js";
import { formatResult } from "../../trace/format.js";
import type { TraceLine } from "../../trace/ops.js";
import { parseArgs, parseLine } from "../../trace/parse.js";
import type { RangeEntry } from "../../trace/results.js";
import type { Boundaries } from "./index-choice.js";
import { lineText } from "./op-template.js";

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

  constructor(private readonly options: PairOptions) {
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
    if (this.bounds === undefined) this.bounds = this.makeBoundaries();
    return this.bounds;
  }

  private makeBoundaries(): Boundaries {
    const machine = this.machine;
    const model = this.models[0].model;
    // Computed only when a command names a boundary: most choices are literals.
    let ranges: Array<readonly [Index, Index]> | undefined;
    let leaves: Array<readonly [Index, Index]> | undefined;
    return {
      get ranges() {
        if (ranges === undefined) ranges = modelRanges(model).map((r) => [r.first, r.last] as const);
        return ranges;
      },
      get leaves() {
        if (leaves === undefined) leaves = leafBounds(machine);
        return leaves;
      },
    };
  }

  /** Runs one protocol line on both sides; throws SequentialMismatch on any disagreement. */
  run(line: string): void {
    this.bounds = undefined;
    const parsed = parseLine(line, ++this.lineNo);
    if (parsed === null) return;
    this.runParsed(
      parsed,
      (treeOut) => matchLine(this.models, line, treeOut),
      () => line,
    );
  }

  /**
   * Runs the line `name args...` (indices as bigints, `null` for NULL) on both sides, as run()
   * does on the printed line, without printing and reparsing it.
   */
  runArgs(name: string, args: ReadonlyArray<Index | null>): void {
    this.bounds = undefined;
    this.runParsed(
      parseArgs(name, args, ++this.lineNo),
      (treeOut) => matchArgs(this.models, name, args, treeOut),
      () => lineText(name, args),
    );
  }

  private runParsed(
    parsed: TraceLine,
    matchModel: (treeOut: string) => ReturnType<typeof matchLine>,
    lineOf: () => string,
  ): void {
    let treeOut: string;
    try {
      const r = this.machine.runLine(parsed);
      if (r.kind === "ub") return; // undefined in the kernel: neither side applies it
      treeOut = formatResult(r);
    } catch (e) {
      throw new SequentialMismatch(lineOf(), "crash", `exception ${(e as Error).message}`, "no crash");
    }
    const match = matchModel(treeOut);
    if (match !== undefined) {
      if (match.next.length === 0) throw new SequentialMismatch(lineOf(), "answer", treeOut, match.model);
      this.models = match.next;
    }
    this.commandsRun++;
    if (this.coverage) this.noteHeight(this.coverage);
    if (this.deepCheck) this.deep(lineOf);
  }

  private noteHeight(coverage: Coverage): void {
    const h = this.machine.tree.height;
    if (h > coverage.maxHeight) coverage.maxHeight = h;
    if (h >= 3 && !this.reachedHeight3) {
      this.reachedHeight3 = true;
      coverage.commandsToHeight3.push(this.commandsRun - 1); // the init line is not a command
    }
  }

  private deep(lineOf: () => string): void {
    const treeRanges = this.machine.ranges();
    const models = this.models;
    let candidates = models;
    if (models.length !== 1 || !sameRanges(treeRanges, models[0].model.spans))
      candidates = models.filter((m) => sameRanges(treeRanges, m.model.spans));
    if (candidates.length === 0)
      throw new SequentialMismatch(
        lineOf(),
        "ranges",
        formatResult({ kind: "ranges", list: treeRanges }),
        runModelLine(this.models[0], "ranges")?.out ?? "",
      );
    this.models = candidates;
    const violations = this.machine.tree.validate().filter((v) => this.strictOccupancy || !isOccupancyViolation(v));
    if (violations.length > 0) {
      const first = violations[0];
      throw new SequentialMismatch(lineOf(), "validate", `${first.check}: ${first.detail}`, "valid");
    }
  }

}

/**
 * The tree's slot ranges equal the model's ranges, ranges(model): its spans with the NULL
 * ranges between them (model/range-map.ts allRanges), compared without building that list
 * or printing either.
 */
function sameRanges(tree: readonly RangeEntry[], spans: readonly Span[]): boolean {
  let i = 0; // the next tree range
  let next = 0n; // the first index of the next model range
  for (const s of spans) {
    if (next < s.first) {
      // The NULL range before this span.
      const t = tree[i++];
      if (t === undefined || t.index !== next || t.last !== s.first - 1n || t.entry !== null) return false;
    }
    const t = tree[i++];
    if (t === undefined || t.index !== s.first || t.last !== s.last || t.entry !== s.entry) return false;
    if (s.last === ULONG_MAX) return i === tree.length;
    next = s.last + 1n;
  }
  // The NULL range up to ULONG_MAX.
  const t = tree[i++];
  if (t === undefined || t.index !== next || t.last !== ULONG_MAX || t.entry !== null) return false;
  return i === tree.length;
}

function flagText(flags: number): string {
  const names = [flags & 1 ? "alloc" : "", flags & 2 ? "rcu" : ""].filter(Boolean);
  return names.length ? names.join("|") : "0";
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
