/**
 * The seam between the checker and a tree under test. A backend is a maple tree the checker
 * can drive through the trace protocol: the TypeScript tree (src/impl) or the kernel's own
 * C code built from a user's tree. Specs, the sequential checker, shrinking, replay and
 * reports see only these interfaces, never which tree answers.
 */
import type { Fault } from "../impl/faults.js";
import type { Geometry } from "../impl/geometry.js";
import type { Index } from "../impl/u64.js";
import type { Span } from "../model/range-map.js";
import type { TraceLine } from "../trace/ops.js";
import type { RangeEntry } from "../trace/results.js";

export type BackendName = "ts" | "kernel";

/** The answer of a line the tree refused as undefined in the kernel (`--guard`). */
export const REFUSED = "err ub";

export interface SessionOptions {
  /** MT_FLAGS_* of the tree's `init`. */
  flags: number;
  geometry: Geometry;
  faults: readonly Fault[];
  /** Called with each store type the tree carries out (where the backend can see them). */
  onStoreType?: (storeType: number) => void;
}

/** What the tree looks like after a command: height, its own validation, its ranges. */
export interface TreeCheck {
  height: number;
  /**
   * The tree's own validator: how many checks fired, and the first one (its text, and its
   * KIND:check:line key as the kernel's oracle prints it).
   */
  validation(): { count: number; first?: string; key?: string };
  /** The tree's slot ranges are exactly ranges(spans), NULL ranges included. */
  sameRanges(spans: readonly Span[]): boolean;
  /** The tree's slot ranges, for a report. */
  ranges(): RangeEntry[];
}

/** One tree, started by the `init` line the checker sends first. */
export interface TreeSession {
  /**
   * Runs one protocol line and returns its answer as the protocol prints it (REFUSED for a
   * refused one). `check` asks for the state afterwards too (the kernel backend sends both
   * in one request). Throws TreeCrash when the tree's code crashes.
   */
  run(line: TraceLine, text: string, check: boolean): string;
  /** The state after the last line run with `check`. */
  lastCheck(): TreeCheck;
  /** [min, max] of every leaf node, in order (for boundary choices). */
  leaves(): Array<readonly [Index, Index]>;
}

export class TreeCrash extends Error {
  constructor(
    readonly what: string,
    readonly report = "",
  ) {
    super(what);
    this.name = "TreeCrash";
  }
}

/** A tree implementation the checker can run specs on. */
export interface TreeBackend {
  readonly name: BackendName;
  /** For reports: "TypeScript tree", "linux 6.12.57 (/usr/src/linux)". */
  readonly description: string;
  /** Why a tree spec cannot run on this backend, or undefined when it can. */
  notApplicable(tree: { geometry: string; faults: readonly string[] }): string | undefined;
  /** Whether the backend's tree has the protocol operation `name` (an older kernel may not). */
  supports(name: string): boolean;
  open(options: SessionOptions): TreeSession;
  /** Ends what the backend started (processes). */
  close(): void;
}
