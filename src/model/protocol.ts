/**
 * The oracle's line protocol (shared/oracle/README.md) answered by the model: one input line
 * in, the line the kernel oracle would print out. Entries are the protocol's values (bigint n
 * for xa_mk_value(n)). Structural operations the model cannot answer (nodes, height, flags,
 * validate, version, corrupt, poke) give undefined.
 */
import { produce } from "immer";
import {
  ERRNO_NAMES,
  MA_STATUS_NAMES,
  MT_FLAGS_ALLOC_RANGE,
  MT_FLAGS_USE_RCU,
} from "../impl/constants.js";
import type { MaybeEntry } from "../impl/entry.js";
import { type Index, ULONG_MAX } from "../impl/u64.js";
import * as cursor from "./cursor.js";
import * as ops from "./ops.js";
import { initialModel, type ModelState, ranges, type Step } from "./state.js";

/** The model plus the driver's own variable: the `next` of mtree_alloc_cyclic. */
export interface ProtocolState {
  readonly model: ModelState;
  readonly cyclicNext: Index;
}

/** leafSlots: the leaf size of the tree the answers are compared with (see state.ts). */
export function initialProtocolState(leafSlots?: number): ProtocolState {
  return { model: initialModel(0, leafSlots), cyclicNext: 0n };
}

export const STRUCTURAL_OPS = new Set([
  "nodes",
  "height",
  "flags",
  "validate",
  "version",
  "corrupt",
  "poke",
]);

class ParseError extends Error {}

/**
 * An argument as text (a token of the line) or already parsed (an index as bigint, `null` for
 * the NULL value), so a caller that built the operation from values need not print and reparse.
 */
export type ProtocolArg = string | Index | null | undefined;

function num(tok: ProtocolArg): Index {
  if (typeof tok === "bigint") {
    if (tok < 0n || tok > ULONG_MAX) throw new ParseError();
    return tok;
  }
  if (tok === undefined || tok === null) throw new ParseError();
  if (tok === "max") return ULONG_MAX;
  if (!/^(0x[0-9a-fA-F]+|[0-9]+)$/.test(tok)) throw new ParseError();
  const v = BigInt(tok);
  if (v > ULONG_MAX) throw new ParseError();
  return v;
}

function value(tok: ProtocolArg): MaybeEntry {
  return tok === "null" || tok === null ? null : num(tok);
}

function parseFlags(tok: ProtocolArg): number {
  if (typeof tok === "bigint" || tok === null) throw new ParseError();
  let f = 0;
  for (const part of (tok ?? "0").split(/[|,+]/)) {
    if (part === "alloc") f |= MT_FLAGS_ALLOC_RANGE;
    else if (part === "rcu") f |= MT_FLAGS_USE_RCU;
    else if (part !== "0" && part !== "none") throw new ParseError();
  }
  return f;
}

const show = (e: MaybeEntry): string => (e === null ? "null" : String(e));
const err = (code: number): string => `err ${ERRNO_NAMES[code] ?? code}`;
const okOrErr = (code: number): string => (code === 0 ? "ok" : err(code));

const gapLine = (g: ops.GapResult): string =>
  typeof g === "number" ? err(g) : `${g.index} ${g.last}`;

function cursorLine(e: MaybeEntry, m: ModelState): string {
  const c = m.cursor;
  return `${show(e)} ${c.index} ${c.last} ${MA_STATUS_NAMES[c.status]}`;
}

/**
 * A line's answer; `alt` is another answer the kernel may give, depending on tree shape;
 * `unknown` marks a cursor answer the model cannot predict (use adoptCursorLine).
 */
export interface LineResult {
  readonly out: string;
  readonly state: ProtocolState;
  readonly alt?: LineResult;
  readonly unknown?: boolean;
}

/**
 * Take the kernel's cursor answer ("VALUE|null INDEX LAST STATUS", or mstate's "INDEX LAST
 * STATUS") for an `unknown` line:
 * the cursor continues from where the kernel left it, still marked stale.
 */
export function adoptCursorLine(ps: ProtocolState, line: string): ProtocolState {
  const tok = line.split(" ");
  // `mstate` prints no entry: "INDEX LAST STATUS".
  const [index, last, name] = tok.length === 3 ? tok : tok.slice(1);
  const status = MA_STATUS_NAMES.indexOf(name as (typeof MA_STATUS_NAMES)[number]);
  if (status < 0) return ps;
  const cur = { index: BigInt(index), last: BigInt(last), status, stale: true };
  return { ...ps, model: cursor.setCursor(ps.model, cur) };
}

/** A state's identity, to drop duplicate candidates. */
function key(ps: ProtocolState): string {
  return JSON.stringify(ps, (_k, v) => (typeof v === "bigint" ? `${v}` : v));
}

/**
 * One line against every candidate state: where the kernel's answer depends on the tree's
 * shape the model answers several ways (alt), and stale-cursor answers are taken from the
 * kernel. Returns the candidates consistent with the kernel's answer `expect` (none: the
 * model differs; `model` is its first answer), or undefined for a line the model skips.
 */
export function matchLine(
  cands: readonly ProtocolState[],
  line: string,
  expect: string,
): { next: ProtocolState[]; model: string; unknown: boolean } | undefined {
  return matchWith(cands, (c) => runLine(c, line), expect);
}

/**
 * matchLine for a line given as its operation name and arguments (the tokens after the name,
 * as text or already parsed): the same answers as matchLine on the printed line.
 */
export function matchArgs(
  cands: readonly ProtocolState[],
  op: string,
  args: readonly ProtocolArg[],
  expect: string,
): { next: ProtocolState[]; model: string; unknown: boolean } | undefined {
  return matchWith(cands, (c) => runArgs(c, op, args), expect);
}

function matchWith(
  cands: readonly ProtocolState[],
  run: (c: ProtocolState) => LineResult | undefined,
  expect: string,
): { next: ProtocolState[]; model: string; unknown: boolean } | undefined {
  const next: ProtocolState[] = [];
  let model = "";
  let unknown = false;
  for (const c of cands) {
    const r = run(c);
    if (!r) return undefined;
    model ||= r.out;
    for (let o: LineResult | undefined = r; o; o = o.alt) {
      if (o.unknown) {
        unknown = true;
        next.push(adoptCursorLine(o.state, expect));
      } else if (o.out === expect) next.push(o.state);
    }
  }
  if (next.length <= 1) return { next, model, unknown };
  return {
    next: [...new Map(next.map((ps) => [key(ps), ps])).values()].slice(0, 16),
    model,
    unknown,
  };
}

/** Run one protocol line. Returns undefined for blank/comment lines and structural ops. */
export function runLine(ps: ProtocolState, line: string): LineResult | undefined {
  const tok = line.trim().split(/[ \t]+/);
  return runArgs(ps, tok[0], tok.slice(1));
}

/** runLine for a line given as its operation name and arguments (text or parsed). */
export function runArgs(
  ps: ProtocolState,
  op: string,
  args: readonly ProtocolArg[],
): LineResult | undefined {
  if (op === "" || op.startsWith("#") || STRUCTURAL_OPS.has(op)) return undefined;
  try {
    return runTokens(ps, op, args);
  } catch (e) {
    if (e instanceof ParseError) return { out: "err parse", state: ps };
    throw e;
  }
}

// Helpers of runTokens, kept out of it so that a line makes no closures.
function need(argc: number, n: number): void {
  if (argc !== n) throw new ParseError();
}

function answer(ps: ProtocolState, out: string, m: ModelState): LineResult {
  return { out, state: { ...ps, model: m } };
}

function cursorAnswer(ps: ProtocolState, step: Step<MaybeEntry>): LineResult {
  return {
    ...answer(ps, cursorLine(step.result, step.state), step.state),
    ...(step.unknown && { unknown: true }),
    ...(step.alt && { alt: cursorAnswer(ps, step.alt) }),
  };
}

/** A one-shot cursor operation on a fresh state at index i (next/prev/walk/find). */
function fresh(s: ModelState, i: Index): ModelState {
  return cursor.mset(s, i).state;
}

function runTokens(ps: ProtocolState, op: string, args: readonly ProtocolArg[]): LineResult {
  const s = ps.model;
  const [a1, a2, a3, a4] = args;
  const argc = args.length;
  switch (op) {
    case "init": {
      if (argc > 1) throw new ParseError();
      const reset = initialModel(parseFlags(a1), s.leafSlots);
      return { out: "ok", state: { model: reset, cyclicNext: 0n } };
    }
    case "store":
    case "insert": {
      need(argc, 3);
      const r = (op === "store" ? ops.store : ops.insert)(s, num(a1), num(a2), value(a3));
      const alt = r.alt && answer(ps, okOrErr(r.alt.result), r.alt.state);
      return { ...answer(ps, okOrErr(r.result), r.state), ...(alt && { alt }) };
    }
    case "erase": {
      need(argc, 1);
      const r = ops.erase(s, num(a1));
      return answer(ps, show(r.result), r.state);
    }
    case "load":
      need(argc, 1);
      return answer(ps, show(ops.load(s, num(a1)).result), s);
    case "find": {
      need(argc, 2);
      const f = ops.mtFind(s, num(a1), num(a2)).result;
      if (!f) return answer(ps, "null", s);
      const m = cursor.mfind(fresh(s, num(a1)), num(a2));
      const c = m.state.cursor;
      return answer(
        ps,
        `${show(f.entry)} ${c.index} ${c.last} ${f.next}${m.result !== f.entry ? " !mismatch" : ""}`,
        s,
      );
    }
    case "walk": {
      need(argc, 1);
      const m = cursor.mwalk(fresh(s, num(a1)));
      return answer(ps, `${show(m.result)} ${m.state.cursor.index} ${m.state.cursor.last}`, s);
    }
    case "next":
    case "prev": {
      need(argc, 2);
      const m = (op === "next" ? cursor.mnext : cursor.mprev)(fresh(s, num(a1)), num(a2));
      const c = m.state.cursor;
      return answer(ps, m.result === null ? "null" : `${show(m.result)} ${c.index} ${c.last}`, s);
    }
    case "gap":
    case "rgap": {
      need(argc, 3);
      const g = ops.gapSearch(s, num(a1), num(a2), num(a3), op === "rgap");
      const alt = g.alt && answer(ps, gapLine(g.alt.result), s);
      return { ...answer(ps, gapLine(g.result), s), ...(alt && { alt }) };
    }
    case "alloc":
    case "ralloc": {
      need(argc, 4);
      const r = (op === "alloc" ? ops.allocRange : ops.allocRrange)(
        s,
        num(a1),
        num(a2),
        num(a3),
        value(a4),
      );
      const line = (x: number | { start: Index }) =>
        typeof x === "number" ? err(x) : `${x.start}`;
      const alt = r.alt && answer(ps, line(r.alt.result), r.alt.state);
      return { ...answer(ps, line(r.result), r.state), ...(alt && { alt }) };
    }
    case "cyclic": {
      need(argc, 3);
      const r = ops.allocCyclic(s, num(a1), num(a2), value(a3), ps.cyclicNext);
      if (typeof r.result === "number") return answer(ps, err(r.result), r.state);
      const { start, wrapped, next } = r.result;
      return { out: `${start} ${wrapped} ${next}`, state: { model: r.state, cyclicNext: next } };
    }
    case "dump": {
      need(argc, 0);
      const out = ranges(s).filter((r) => r.entry !== null);
      return answer(
        ps,
        out.length ? out.map((r) => `[${r.first},${r.last}]=${show(r.entry)}`).join(" ") : "empty",
        s,
      );
    }
    case "ranges":
      need(argc, 0);
      return answer(
        ps,
        ranges(s)
          .map((r) => `[${r.first},${r.last}]=${show(r.entry)}`)
          .join(" "),
        s,
      );
    case "empty":
      need(argc, 0);
      return answer(ps, s.root === "empty" ? "true" : "false", s);
    case "setrcu":
    case "clearrcu": {
      need(argc, 0);
      const m = produce(s, (d) => {
        d.flags = op === "setrcu" ? d.flags | MT_FLAGS_USE_RCU : d.flags & ~MT_FLAGS_USE_RCU;
      });
      return answer(ps, "ok", m);
    }
    case "destroy":
      need(argc, 0);
      return answer(ps, "ok", ops.destroy(s).state);
    case "mset":
      need(argc, 1);
      return answer(ps, "ok", cursor.mset(s, num(a1)).state);
    case "mrange": {
      need(argc, 2);
      const [f, l] = [num(a1), num(a2)];
      return f > l ? answer(ps, "err -EINVAL", s) : answer(ps, "ok", cursor.mset(s, f, l).state);
    }
    case "mreset":
      need(argc, 0);
      return answer(ps, "ok", cursor.mreset(s).state);
    case "mpause":
      need(argc, 0);
      return answer(ps, "ok", cursor.mpause(s).state);
    case "mstate": {
      need(argc, 0);
      const c = s.cursor;
      const out = answer(ps, `${c.index} ${c.last} ${MA_STATUS_NAMES[c.status]}`, s);
      // A stale cursor's range is the kernel's (mstoreNowait): take it from the answer.
      return c.stale ? { ...out, unknown: true } : out;
    }
    case "mwalk":
      need(argc, 0);
      return cursorAnswer(ps, cursor.mwalk(s));
    case "mnext":
    case "mnextr":
      need(argc, 1);
      return cursorAnswer(ps, cursor.mnext(s, num(a1), op === "mnextr"));
    case "mprev":
    case "mprevr":
      need(argc, 1);
      return cursorAnswer(ps, cursor.mprev(s, num(a1), op === "mprevr"));
    case "mfind":
    case "mfindrange":
      need(argc, 1);
      return cursorAnswer(ps, cursor.mfind(s, num(a1), op === "mfindrange"));
    case "mfindr":
    case "mfindrangerev":
      need(argc, 1);
      return cursorAnswer(ps, cursor.mfindRev(s, num(a1), op === "mfindrangerev"));
    case "mstore": {
      need(argc, 1);
      const r = cursor.mstore(s, value(a1));
      return answer(ps, okOrErr(r.result), r.state);
    }
    case "mstorenw": {
      need(argc, 1);
      const r = cursor.mstoreNowait(s, value(a1));
      const alt = r.alt && answer(ps, okOrErr(r.alt.result), r.alt.state);
      return { ...answer(ps, okOrErr(r.result), r.state), ...(alt && { alt }) };
    }
    case "merase": {
      need(argc, 0);
      const r = cursor.merase(s);
      return answer(ps, show(r.result), r.state);
    }
    case "mgap":
    case "mrgap": {
      need(argc, 3);
      const r = cursor.mgap(s, num(a1), num(a2), num(a3), op === "mrgap");
      const alt = r.alt && answer(ps, gapLine(r.alt.result), r.alt.state);
      return { ...answer(ps, gapLine(r.result), r.state), ...(alt && { alt }) };
    }
    default:
      return { out: "err unknown-op", state: ps };
  }
}
