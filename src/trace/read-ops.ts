/**
 * The protocol's read-only operations on the tree, shared by the trace runner (one tree, one
 * cursor) and the explorer's reader threads (one cursor per thread): one-shot reads on a fresh
 * maple state, the cursor's own operations, and the guard that refuses the cursor uses that
 * crash the 6.12 kernel.
 */
import {
  masFind,
  masFindRange,
  masFindRangeRev,
  masFindRev,
  masNext,
  masNextRange,
  masPrev,
  masPrevRange,
  masWalk,
  mtFind,
  mtreeLoad,
} from "../impl/api.js";
import { EINVAL, MaStatus } from "../impl/constants.js";
import type { MaybeEntry } from "../impl/entry.js";
import { MaState } from "../impl/ma-state.js";
import type { MapleTree } from "../impl/tree.js";
import { CURSOR_ITERATORS, type TraceOp } from "./ops.js";
import type { OpResult } from "./results.js";

export const ONE_SHOT_READS = ["load", "walk", "find", "next", "prev"] as const;

/** Cursor operations the guard never refuses: they set the state or restart from the root. */
const ALWAYS_ALLOWED = new Set(["mset", "mrange", "mreset", "mstate", "mwalk", "merase"]);
const ITERATOR_NAMES: ReadonlySet<string> = new Set(CURSOR_ITERATORS);

/**
 * guard_refuses: by the operation's name only, before its arguments are read. `gapFailed`:
 * the cursor's last gap search failed.
 */
export function guardRefuses(name: string, c: MaState, gapFailed: boolean): boolean {
  if (ALWAYS_ALLOWED.has(name)) return false;
  if (gapFailed) return true;
  // In ma_error an iterator returns at once (NULL, state kept) or moves to overflow/underflow
  // with the error code as its node, which the last rule refuses from then on; anything else
  // may dereference that code. (After a failed gap search the rule above already refused.)
  if (c.status === MaStatus.error) return !ITERATOR_NAMES.has(name);
  if (name === "mgap" || name === "mrgap") return c.status !== MaStatus.start;
  if (name === "mstore" || name === "mstorenw" || name === "mpause") return false;
  // The node is NULL here (mas_pause) or an error code (mas_set_err); the TS state keeps null.
  return c.node === null && (c.status === MaStatus.overflow || c.status === MaStatus.underflow);
}

export function cursorResult(c: MaState, entry: MaybeEntry): OpResult {
  return { kind: "cursor", entry, index: c.index, last: c.last, status: c.status };
}

/** A one-shot read on a fresh state; undefined when `op` is not one. */
export function runOneShotRead(tree: MapleTree, op: TraceOp): OpResult | undefined {
  switch (op.op) {
    case "load":
      return { kind: "entry", entry: mtreeLoad(tree, op.index) };
    case "walk": {
      const mas = new MaState(tree, op.index, op.index);
      const entry = masWalk(mas);
      return { kind: "range", range: { entry, index: mas.index, last: mas.last } };
    }
    case "next":
    case "prev": {
      const mas = new MaState(tree, op.index, op.index);
      const entry = op.op === "prev" ? masPrev(mas, op.min) : masNext(mas, op.max);
      return {
        kind: "found",
        hit: entry === null ? null : { entry, index: mas.index, last: mas.last },
      };
    }
    case "find": {
      // mt_find, then a fresh mas_find for the range, as the driver prints both.
      const r = mtFind(tree, op.index, op.max);
      if (r === null || r.entry === null) return { kind: "find", hit: null };
      const mas = new MaState(tree, op.index, op.index);
      const again = masFind(mas, op.max);
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
      return undefined;
  }
}

/** A cursor operation that does not write; undefined when `op` is not one. */
export function runCursorRead(c: MaState, op: TraceOp): OpResult | undefined {
  switch (op.op) {
    case "mset":
      c.set(op.index);
      return { kind: "ok" };
    case "mrange":
      // The driver's one check of its own: mas_store_gfp would corrupt the tree.
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
      return cursorResult(c, masWalk(c));
    case "mnext":
      return cursorResult(c, masNext(c, op.limit));
    case "mprev":
      return cursorResult(c, masPrev(c, op.limit));
    case "mnextr":
      return cursorResult(c, masNextRange(c, op.limit));
    case "mprevr":
      return cursorResult(c, masPrevRange(c, op.limit));
    case "mfind":
      return cursorResult(c, masFind(c, op.limit));
    case "mfindr":
      return cursorResult(c, masFindRev(c, op.limit));
    case "mfindrange":
      return cursorResult(c, masFindRange(c, op.limit));
    case "mfindrangerev":
      return cursorResult(c, masFindRangeRev(c, op.limit));
    default:
      return undefined;
  }
}
