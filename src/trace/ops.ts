/**
 * The kernel oracle's line protocol as types: one TraceOp per operation line, with the
 * protocol's operation names and argument order (README.md, "Trace protocol").
 */
import type { MaybeEntry } from "../impl/entry.js";
import type { Index } from "../impl/u64.js";

/** Cursor iterators that take one limit: `mnext MAX`, `mprev MIN`, ... */
export const CURSOR_ITERATORS = [
  "mnext",
  "mprev",
  "mnextr",
  "mprevr",
  "mfind",
  "mfindr",
  "mfindrange",
  "mfindrangerev",
] as const;
export type CursorIterator = (typeof CURSOR_ITERATORS)[number];

/** The cursor operations (one persistent struct ma_state): their names start with `m`. */
export function isCursorOp(name: string): boolean {
  return name.startsWith("m");
}

/** Operations with no arguments. */
export const NULLARY_OPS = [
  "dump",
  "ranges",
  "nodes",
  ".leaves",
  ".allocated",
  "version",
  "height",
  "empty",
  "flags",
  "validate",
  "setrcu",
  "clearrcu",
  "destroy",
  "mreset",
  "mpause",
  "mstate",
  "mwalk",
  "merase",
] as const;
export type NullaryOp = (typeof NULLARY_OPS)[number];

/**
 * The node word `poke` overwrites: pivot, slot or gap (arange nodes) number `pos`, a byte of
 * the metadata (`end`, and `metagap`, the offset of the largest gap), or the parent word
 * (`parent`: a copy of another node's, or the node itself, `self`: a dead node).
 */
export type PokeWord =
  | { field: "pivot" | "slot" | "gap"; pos: number }
  | { field: "end" | "metagap" }
  | { field: "parent"; self: boolean };

export type TraceOp =
  | { op: "init"; flags: number }
  | { op: "poke"; index: Index; depth: Index; word: PokeWord; value: MaybeEntry }
  | { op: "store" | "insert"; first: Index; last: Index; entry: MaybeEntry }
  | { op: "erase" | "load" | "walk" | "corrupt" | "mset"; index: Index }
  | { op: "find" | "next"; index: Index; max: Index }
  | { op: "prev"; index: Index; min: Index }
  | { op: "gap" | "rgap" | "mgap" | "mrgap"; min: Index; max: Index; size: Index }
  | { op: "alloc" | "ralloc"; size: Index; min: Index; max: Index; entry: MaybeEntry }
  | { op: "cyclic" | "cyclicnw"; min: Index; max: Index; entry: MaybeEntry }
  | { op: "mrange"; first: Index; last: Index }
  | { op: CursorIterator; limit: Index }
  | { op: "mstore" | "mstorenw"; entry: MaybeEntry }
  | { op: NullaryOp };

export type OpName = TraceOp["op"];

/**
 * One non-blank, non-comment input line. `name` is the first token even when the line did not
 * parse: the driver applies its cursor guard by name before it looks at the arguments.
 */
export interface TraceLine {
  /** 1-based line number in the input. */
  lineNo: number;
  /** The line from its first non-blank character (what `--echo` repeats). */
  text: string;
  name: string;
  parsed: ParsedOp;
}

export type ParsedOp =
  | { kind: "op"; op: TraceOp }
  /**
   * Wrong argument count or an unparsable number/value/flag; `reason` when a number is one
   * but outside its range (the driver's answer is the same `err parse`).
   */
  | { kind: "parse-error"; reason?: "index out of range" | "value out of range" }
  /** More tokens than the driver reads (8): rejected before anything else runs. */
  | { kind: "too-many-tokens" }
  | { kind: "unknown-op" };
