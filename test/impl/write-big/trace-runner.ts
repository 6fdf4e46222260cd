/**
 * Runs an oracle-protocol trace through the TypeScript tree and prints what the oracle would:
 * init / store / insert / erase / load / alloc / ralloc / destroy / nodes / height / validate.
 */
import { createHash } from "node:crypto";
import {
  mtreeAllocRange,
  mtreeAllocRrange,
  mtreeDestroy,
  mtreeErase,
  mtreeInsertRange,
  mtreeLoad,
  mtreeStoreRange,
  mtValidate,
} from "../../../src/impl/api.js";
import {
  ERRNO_NAMES,
  MT_FLAGS_ALLOC_RANGE,
  MT_FLAGS_USE_RCU,
} from "../../../src/impl/constants.js";
import type { MaybeEntry } from "../../../src/impl/entry.js";
import type { Geometry } from "../../../src/impl/geometry.js";
import { formatNodes } from "../../../src/impl/inspect.js";
import { MapleTree } from "../../../src/impl/tree.js";
import { ULONG_MAX } from "../../../src/impl/u64.js";

const num = (s: string): bigint => (s === "max" ? ULONG_MAX : BigInt(s));
const value = (s: string): MaybeEntry => (s === "null" ? null : BigInt(s));
const entryText = (e: MaybeEntry): string => (e === null ? "null" : String(e));
const ret = (r: number): string => (r === 0 ? "ok" : `err ${ERRNO_NAMES[r] ?? r}`);

export function flagsOf(s: string): number {
  let f = 0;
  for (const p of s.split(/[|,+]/)) {
    if (p === "alloc") f |= MT_FLAGS_ALLOC_RANGE;
    if (p === "rcu") f |= MT_FLAGS_USE_RCU;
  }
  return f;
}

export interface RunResult {
  outputs: string[];
  tree: MapleTree;
}

export function runTrace(lines: readonly string[], geometry?: Geometry): RunResult {
  let tree = new MapleTree({ geometry });
  const outputs: string[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const t = line.split(/\s+/);
    switch (t[0]) {
      case "init":
        tree = new MapleTree({ flags: flagsOf(t[1]), geometry });
        outputs.push("ok");
        break;
      case "store":
        outputs.push(ret(mtreeStoreRange(tree, num(t[1]), num(t[2]), value(t[3]))));
        break;
      case "insert":
        outputs.push(ret(mtreeInsertRange(tree, num(t[1]), num(t[2]), value(t[3]))));
        break;
      case "erase":
        outputs.push(entryText(mtreeErase(tree, num(t[1]))));
        break;
      case "load":
        outputs.push(entryText(mtreeLoad(tree, num(t[1]))));
        break;
      case "alloc":
      case "ralloc": {
        const size = num(t[1]);
        const e = value(t[4]) as bigint;
        const r =
          t[0] === "alloc"
            ? mtreeAllocRange(tree, size, num(t[2]), num(t[3]), e)
            : mtreeAllocRrange(tree, size, num(t[2]), num(t[3]), e);
        outputs.push(r.ret === 0 ? String(r.start) : ret(r.ret));
        break;
      }
      case "destroy":
        mtreeDestroy(tree);
        outputs.push("ok");
        break;
      case "nodes":
        outputs.push(formatNodes(tree));
        break;
      case "height":
        outputs.push(String(tree.height));
        break;
      case "validate": {
        const v = mtValidate(tree);
        outputs.push(
          v.length === 0 ? "valid" : `invalid ${v.length} ${v[0].check}: ${v[0].detail}`,
        );
        break;
      }
      default:
        throw new Error(`unsupported trace op: ${line}`);
    }
  }
  return { outputs, tree };
}

/** Lines longer than this are kept in fixtures as a digest. */
export const LONG_LINE = 120;

/** One output line as stored in a fixture: itself, or `sha256:HEX len:N` when long. */
export function digestLine(line: string): string {
  if (line.length <= LONG_LINE) return line;
  return `sha256:${createHash("sha256").update(line).digest("hex")} len:${line.length}`;
}

/** Fixture text: digested lines, with runs of equal lines written as `*N LINE`. */
export function encodeExpected(outputs: readonly string[]): string {
  const d = outputs.map(digestLine);
  const out: string[] = [];
  for (let i = 0; i < d.length; ) {
    let j = i + 1;
    while (j < d.length && d[j] === d[i]) j++;
    out.push(j - i > 1 ? `*${j - i} ${d[i]}` : d[i]);
    i = j;
  }
  return `${out.join("\n")}\n`;
}

export function decodeExpected(text: string): string[] {
  const out: string[] = [];
  for (const l of text.split("\n")) {
    if (l === "") continue;
    const m = /^\*(\d+) (.*)$/.exec(l);
    if (m) for (let k = 0; k < Number(m[1]); k++) out.push(m[2]);
    else out.push(l);
  }
  return out;
}
