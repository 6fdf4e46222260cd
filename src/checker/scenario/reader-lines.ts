/**
 * Reader protocol lines as explorer operations on the tree's real read paths. One-shot lines
 * (`load X`, `walk X`, `find X MAX`, `next X MAX`, `prev X MIN`) build a fresh maple state;
 * cursor lines (`mset X`, `mrange A B`, `mreset`, `mpause`, `mwalk`, `mnext MAX`, `mprev MIN`,
 * `mfind MAX`, ...) work on the thread's own cursor, kept in the thread's local storage. Every
 * answer is the line the kernel oracle would print, plus the cursor the operation started from
 * (the model answers a cursor step from there).
 *
 * `find X MAX` is the driver's line: mt_find, then a fresh mas_find for the range. Those are two
 * tree operations judged as one answer, so a writer between them gives a mixed answer that no
 * single state explains; use it only where that is the point.
 */
import { EINVAL, MA_STATUS_NAMES, MaStatus } from "../../impl/constants.js";
import type { MaybeEntry } from "../../impl/entry.js";
import { MaState } from "../../impl/ma-state.js";
import type { MapleTree } from "../../impl/tree.js";
import type { Index } from "../../impl/u64.js";
import { formatResult } from "../../trace/format.js";
import { CURSOR_ITERATORS, type TraceOp } from "../../trace/ops.js";
import { parseLine } from "../../trace/parse.js";
import type { OpResult } from "../../trace/results.js";
import type { ReaderOp } from "../explorer/index.js";

/** A cursor as the model keeps it: index, last and status. */
export interface CursorPosition {
  index: Index;
  last: Index;
  status: MaStatus;
}

/** What a reader operation returned: the oracle's answer line and the cursor it began from. */
export class ReaderAnswer {
  constructor(
    readonly out: string,
    readonly before: CursorPosition | null,
  ) {}
  toString(): string {
    return this.out;
  }
}

/** Lines a reader may run: read-only, one-shot or on the thread's cursor. */
export const ONE_SHOT_READS = ["load", "walk", "find", "next", "prev"] as const;
export const CURSOR_READS = [
  "mset",
  "mrange",
  "mreset",
  "mpause",
  "mstate",
  "mwalk",
  ...CURSOR_ITERATORS,
] as const;
const READS = new Set<string>([...ONE_SHOT_READS, ...CURSOR_READS]);

/** The guard's answer for a cursor use that crashes the 6.12 kernel (maple-oracle --guard). */
export const UB_ANSWER = "err ub";

export function parseReaderLine(line: string): TraceOp {
  const parsed = parseLine(line, 0);
  if (parsed === null || parsed.parsed.kind !== "op")
    throw new Error(`reader line "${line}" does not parse`);
  if (!READS.has(parsed.name))
    throw new Error(
      `reader line "${line}": ${parsed.name} is not a read (use ${[...READS].join(", ")})`,
    );
  return parsed.parsed.op;
}

export function isCursorLine(line: string): boolean {
  return line.trim().startsWith("m");
}

function position(c: MaState): CursorPosition {
  return { index: c.index, last: c.last, status: c.status };
}

export function positionText(p: CursorPosition): string {
  return `${p.index} ${p.last} ${MA_STATUS_NAMES[p.status]}`;
}

/** Same refusals as TraceMachine.guardRefuses for the read-only cursor lines. */
function guardRefuses(name: string, c: MaState): boolean {
  if (
    name === "mset" ||
    name === "mrange" ||
    name === "mreset" ||
    name === "mstate" ||
    name === "mwalk"
  )
    return false;
  if (c.status === MaStatus.error) return true;
  if (name === "mpause") return false;
  return c.node === null && (c.status === MaStatus.overflow || c.status === MaStatus.underflow);
}

function cursorResult(c: MaState, entry: MaybeEntry): OpResult {
  return { kind: "cursor", entry, index: c.index, last: c.last, status: c.status };
}

function runOneShot(tree: MapleTree, op: TraceOp): OpResult {
  switch (op.op) {
    case "load":
      return { kind: "entry", entry: tree.load(op.index) };
    case "walk": {
      const mas = new MaState(tree, op.index, op.index);
      const entry = mas.walk();
      return { kind: "range", range: { entry, index: mas.index, last: mas.last } };
    }
    case "next":
    case "prev": {
      const mas = new MaState(tree, op.index, op.index);
      const entry = op.op === "prev" ? mas.prev(op.min) : mas.next(op.max);
      return {
        kind: "found",
        hit: entry === null ? null : { entry, index: mas.index, last: mas.last },
      };
    }
    case "find": {
      // mt_find, then a fresh mas_find for the range: the driver prints both.
      const r = tree.find(op.index, op.max);
      if (r === null || r.entry === null) return { kind: "find", hit: null };
      const mas = new MaState(tree, op.index, op.index);
      const again = mas.find(op.max);
      return {
        kind: "find",
        hit: {
          entry: r.entry,
          index: mas.index,
          last: mas.last,
          newIndex: r.next,
          mismatch: again !== r.entry,
        },
      };
    }
    default:
      throw new Error(`not a one-shot read: ${op.op}`);
  }
}

function runCursor(c: MaState, op: TraceOp): OpResult {
  switch (op.op) {
    case "mset":
      c.set(op.index);
      return { kind: "ok" };
    case "mrange":
      if (op.first > op.last) return { kind: "err", errno: EINVAL };
      c.setRange(op.first, op.last);
      return { kind: "ok" };
    case "mreset":
      c.reset();
      return { kind: "ok" };
    case "mpause":
      c.pause();
      return { kind: "ok" };
    case "mstate":
      return { kind: "state", index: c.index, last: c.last, status: c.status };
    case "mwalk":
      return cursorResult(c, c.walk());
    case "mnext":
      return cursorResult(c, c.next(op.limit));
    case "mprev":
      return cursorResult(c, c.prev(op.limit));
    case "mnextr":
      return cursorResult(c, c.nextRange(op.limit));
    case "mprevr":
      return cursorResult(c, c.prevRange(op.limit));
    case "mfind":
      return cursorResult(c, c.find(op.limit));
    case "mfindr":
      return cursorResult(c, c.findRev(op.limit));
    case "mfindrange":
      return cursorResult(c, c.findRange(op.limit));
    case "mfindrangerev":
      return cursorResult(c, c.findRangeRev(op.limit));
    default:
      throw new Error(`not a cursor read: ${op.op}`);
  }
}

/** The thread's cursor: mas_init at 0 on first use. */
function threadCursor(tree: MapleTree, local: Record<string, unknown>): MaState {
  let c = local.cursor as MaState | undefined;
  if (c === undefined || c.tree !== tree) {
    c = new MaState(tree, 0n, 0n);
    local.cursor = c;
  }
  return c;
}

/** Runs one reader line on the tree (the thread's cursor in `local`). */
export function runReaderLine(
  tree: MapleTree,
  local: Record<string, unknown>,
  line: string,
  op = parseReaderLine(line),
): ReaderAnswer {
  if (!isCursorLine(line)) return new ReaderAnswer(formatResult(runOneShot(tree, op)), null);
  const c = threadCursor(tree, local);
  const before = position(c);
  if (guardRefuses(op.op, c)) return new ReaderAnswer(UB_ANSWER, before);
  return new ReaderAnswer(formatResult(runCursor(c, op)), before);
}

export function readerOp(line: string): ReaderOp<MapleTree> {
  const op = parseReaderLine(line);
  const text = line.trim();
  return { name: text, run: (tree, local) => runReaderLine(tree as MapleTree, local, text, op) };
}
