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
import { MA_STATUS_NAMES, type MaStatus } from "../../impl/constants.js";
import { MaState } from "../../impl/ma-state.js";
import type { MapleTree } from "../../impl/tree.js";
import type { Index } from "../../impl/u64.js";
import { formatResult } from "../../trace/format.js";
import { CURSOR_ITERATORS, type TraceOp } from "../../trace/ops.js";
import { parseLine } from "../../trace/parse.js";
import {
  guardRefuses,
  ONE_SHOT_READS,
  runCursorRead,
  runOneShotRead,
} from "../../trace/read-ops.js";
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
export { ONE_SHOT_READS };
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
  if (!isCursorLine(line))
    return new ReaderAnswer(formatResult(mustRun(runOneShotRead(tree, op), op)), null);
  const c = threadCursor(tree, local);
  const before = position(c);
  // Reader cursors never search gaps, so no failed search can be pending.
  if (guardRefuses(op.op, c, false)) return new ReaderAnswer(UB_ANSWER, before);
  return new ReaderAnswer(formatResult(mustRun(runCursorRead(c, op), op)), before);
}

function mustRun(r: OpResult | undefined, op: TraceOp): OpResult {
  if (r === undefined) throw new Error(`not a read: ${op.op}`);
  return r;
}

export function readerOp(line: string): ReaderOp<MapleTree> {
  const op = parseReaderLine(line);
  const text = line.trim();
  return { name: text, run: (tree, local) => runReaderLine(tree as MapleTree, local, text, op) };
}
