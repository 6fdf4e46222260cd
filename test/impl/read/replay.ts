/**
 * Replays an oracle trace on the read side. Writes are not executed: after each group of
 * writes the trace has a `nodes` line, and the tree is rebuilt from it word by word. Every
 * other operation runs against our tree and its output line is compared with the oracle's.
 */
import {
  masEmptyArea,
  masEmptyAreaRev,
  masErase,
  masFind,
  masFindRange,
  masFindRangeRev,
  masFindRev,
  masNext,
  masNextRange,
  masPrev,
  masPrevRange,
  masStoreGfp,
  masWalk,
  mtFind,
  mtreeAllocCyclic,
  mtreeAllocRange,
  mtreeAllocRrange,
  mtreeDestroy,
  mtreeErase,
  mtreeInsertRange,
  mtreeLoad,
  mtreeStoreRange,
} from "../../../src/impl/api.js";
import { ERRNO_NAMES, MA_STATUS_NAMES } from "../../../src/impl/constants.js";
import type { Entry, MaybeEntry } from "../../../src/impl/entry.js";
import { MaState } from "../../../src/impl/ma-state.js";
import { readSlot, writeSlot } from "../../../src/impl/node-access.js";
import { kernelViolations, mtValidateImpl, violationKey } from "../../../src/impl/read/api.js";
import { MapleTree } from "../../../src/impl/tree.js";
import { ULONG_MAX } from "../../../src/impl/u64.js";
import { buildTree, entryStr, parseEntry, parseInitFlags } from "./oracle-tree.js";
import { printNodes } from "./print-nodes.js";

const WRITES = new Set([
  "store",
  "insert",
  "erase",
  "alloc",
  "ralloc",
  "cyclic",
  "destroy",
  "mstore",
  "merase",
  "setrcu",
  "clearrcu",
]);

export interface Mismatch {
  line: number;
  op: string;
  expected: string;
  actual: string;
}

const num = (t: string | undefined): bigint => {
  if (t === undefined) throw new Error("missing argument");
  return t === "max" ? ULONG_MAX : BigInt(t);
};
const err = (e: number): string => `err ${ERRNO_NAMES[e] ?? `-${-e}`}`;

/** Runs `trace` (ops) against expected oracle `out` lines; returns the lines that differ. */
export function replay(
  trace: string,
  out: string,
  live = false,
): { mismatches: Mismatch[]; compared: number } {
  const ops = trace
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
  const expected = out.split("\n").filter((_, i, a) => i < a.length - 1 || a[i] !== "");
  if (ops.length !== expected.length)
    throw new Error(`trace has ${ops.length} ops, output ${expected.length} lines`);
  let flags = 0;
  let tree = new MapleTree();
  let cur = new MaState(tree, 0n, 0n);
  const mismatches: Mismatch[] = [];
  let compared = 0;
  let cyclicNext = 0n;
  const cursor = (e: MaybeEntry): string =>
    `${entryStr(e)} ${cur.index} ${cur.last} ${MA_STATUS_NAMES[cur.status]}`;

  ops.forEach((line, i) => {
    const exp = expected[i] as string;
    const tok = line.split(/\s+/);
    const op = tok[0] as string;
    if (exp === "err ub" || exp.startsWith("err parse")) return;
    if (op === "init") {
      flags = parseInitFlags(tok[1]);
      tree = new MapleTree({ flags });
      cur = new MaState(tree, 0n, 0n);
      cyclicNext = 0n;
      return;
    }
    if (!live && WRITES.has(op)) {
      cur.reset();
      return;
    }
    if (!live && op === "nodes") {
      tree = buildTree(flags, exp);
      const c = new MaState(tree, cur.index, cur.last);
      cur = c;
      return;
    }
    let actual: string;
    try {
      switch (op) {
        case "nodes":
          actual = printNodes(tree);
          break;
        case "store":
        case "insert": {
          const e = parseEntry(tok[3] as string);
          const ret =
            op === "store"
              ? mtreeStoreRange(tree, num(tok[1]), num(tok[2]), e)
              : mtreeInsertRange(tree, num(tok[1]), num(tok[2]), e);
          cur.reset();
          actual = ret ? err(ret) : "ok";
          break;
        }
        case "erase":
          actual = entryStr(mtreeErase(tree, num(tok[1])));
          cur.reset();
          break;
        case "destroy":
          mtreeDestroy(tree);
          cur.reset();
          actual = "ok";
          break;
        case "alloc":
        case "ralloc": {
          const e = parseEntry(tok[4] as string) as Entry;
          const a = num(tok[1]);
          const b = num(tok[2]);
          const c = num(tok[3]);
          const r =
            op === "alloc" ? mtreeAllocRange(tree, a, b, c, e) : mtreeAllocRrange(tree, a, b, c, e);
          cur.reset();
          actual = r.ret ? err(r.ret) : String(r.start);
          break;
        }
        case "cyclic": {
          const e = parseEntry(tok[3] as string) as Entry;
          const r = mtreeAllocCyclic(tree, e, num(tok[1]), num(tok[2]), cyclicNext);
          cyclicNext = r.next;
          cur.reset();
          actual = r.ret < 0 ? err(r.ret) : `${r.start} ${r.ret} ${r.next}`;
          break;
        }
        case "mstore": {
          const ret = masStoreGfp(cur, parseEntry(tok[1] as string));
          actual = ret ? err(ret) : "ok";
          break;
        }
        case "merase":
          actual = entryStr(masErase(cur));
          break;
        case "load":
          actual = entryStr(mtreeLoad(tree, num(tok[1])));
          break;
        case "find": {
          const r = mtFind(tree, num(tok[1]), num(tok[2]));
          if (r === null) actual = "null";
          else {
            const m = new MaState(tree, num(tok[1]), num(tok[1]));
            const e2 = masFind(m, num(tok[2]));
            actual = `${entryStr(r.entry)} ${m.index} ${m.last} ${r.next}${e2 !== r.entry ? " !mismatch" : ""}`;
          }
          break;
        }
        case "walk": {
          const m = new MaState(tree, num(tok[1]));
          const e = masWalk(m);
          actual = `${entryStr(e)} ${m.index} ${m.last}`;
          break;
        }
        case "next":
        case "prev": {
          const m = new MaState(tree, num(tok[1]));
          const e = op === "next" ? masNext(m, num(tok[2])) : masPrev(m, num(tok[2]));
          actual = e === null ? "null" : `${entryStr(e)} ${m.index} ${m.last}`;
          break;
        }
        case "gap":
        case "rgap": {
          const m = new MaState(tree, 0n, 0n);
          const a = num(tok[1]);
          const b = num(tok[2]);
          const c = num(tok[3]);
          const ret = op === "gap" ? masEmptyArea(m, a, b, c) : masEmptyAreaRev(m, a, b, c);
          actual = ret ? err(ret) : `${m.index} ${m.last}`;
          break;
        }
        case "dump": {
          const m = new MaState(tree, 0n, 0n);
          const parts: string[] = [];
          for (let e = masFind(m, ULONG_MAX); e !== null; e = masFind(m, ULONG_MAX))
            parts.push(`[${m.index},${m.last}]=${entryStr(e)}`);
          actual = parts.length ? parts.join(" ") : "empty";
          break;
        }
        case "ranges": {
          const parts: string[] = [];
          let index = 0n;
          for (;;) {
            const m = new MaState(tree, index);
            const e = masWalk(m);
            parts.push(`[${m.index},${m.last}]=${entryStr(e)}`);
            if (m.last === ULONG_MAX || m.last < index) break;
            index = m.last + 1n;
          }
          actual = parts.join(" ");
          break;
        }
        case "height":
          actual = String(tree.height);
          break;
        case "empty":
          actual = tree.isEmpty() ? "true" : "false";
          break;
        case "validate": {
          const v = kernelViolations(mtValidateImpl(tree));
          actual =
            v.length === 0 ? "valid" : `invalid ${v.length} first=${violationKey(v[0] as never)}`;
          break;
        }
        case "corrupt": {
          // Clear the slot holding the index behind the tree's back, as the oracle does.
          const m = new MaState(tree, num(tok[1]));
          const e = masWalk(m);
          if (e !== null && m.isActive() && m.node) {
            writeSlot(tree.mem, m.node, m.offset, null);
            actual = readSlot(tree.mem, m.node, m.offset) === null ? "ok" : "failed";
          } else actual = err(-22);
          break;
        }
        case "mset":
          cur.set(num(tok[1]));
          actual = "ok";
          break;
        case "mrange":
          if (num(tok[1]) > num(tok[2])) actual = err(-22);
          else {
            cur.setRange(num(tok[1]), num(tok[2]));
            actual = "ok";
          }
          break;
        case "mreset":
          cur.reset();
          actual = "ok";
          break;
        case "mpause":
          cur.pause();
          actual = "ok";
          break;
        case "mstate":
          actual = `${cur.index} ${cur.last} ${MA_STATUS_NAMES[cur.status]}`;
          break;
        case "mwalk":
          actual = cursor(masWalk(cur));
          break;
        case "mnext":
          actual = cursor(masNext(cur, num(tok[1])));
          break;
        case "mprev":
          actual = cursor(masPrev(cur, num(tok[1])));
          break;
        case "mnextr":
          actual = cursor(masNextRange(cur, num(tok[1])));
          break;
        case "mprevr":
          actual = cursor(masPrevRange(cur, num(tok[1])));
          break;
        case "mfind":
          actual = cursor(masFind(cur, num(tok[1])));
          break;
        case "mfindr":
          actual = cursor(masFindRev(cur, num(tok[1])));
          break;
        case "mfindrange":
          actual = cursor(masFindRange(cur, num(tok[1])));
          break;
        case "mfindrangerev":
          actual = cursor(masFindRangeRev(cur, num(tok[1])));
          break;
        case "mgap":
        case "mrgap": {
          const a = num(tok[1]);
          const b = num(tok[2]);
          const c = num(tok[3]);
          const ret = op === "mgap" ? masEmptyArea(cur, a, b, c) : masEmptyAreaRev(cur, a, b, c);
          actual = ret ? err(ret) : `${cur.index} ${cur.last}`;
          break;
        }
        default:
          return;
      }
    } catch (e) {
      actual = `threw ${e instanceof Error ? e.message : String(e)}`;
    }
    compared++;
    // A pointer (a node read as an entry) prints as an address in the kernel: compare its kind only.
    const norm = (x: string) => x.replace(/ptr:\S+/g, "ptr");
    if (norm(actual) !== norm(exp))
      mismatches.push({ line: i + 1, op: line, expected: exp, actual });
  });
  return { mismatches, compared };
}
