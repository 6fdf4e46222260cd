/**
 * Replays oracle protocol lines (the whole-tree subset) against a MapleTree and prints the
 * oracle's result line for each, so that fixture outputs recorded from the kernel oracle can
 * be compared line by line.
 */
import {
  masErase,
  masFind,
  masNext,
  masPrev,
  masStoreGfp,
  masWalk,
  mtClearInRcu,
  mtreeDestroy,
  mtreeErase,
  mtreeInsertRange,
  mtreeLoad,
  mtreeStoreRange,
  mtSetInRcu,
} from "../../../src/impl/api.js";
import {
  ERRNO_NAMES,
  MA_STATUS_NAMES,
  MT_FLAGS_ALLOC_RANGE,
  MT_FLAGS_USE_RCU,
} from "../../../src/impl/constants.js";
import type { MaybeEntry } from "../../../src/impl/entry.js";
import { isZeroEntry } from "../../../src/impl/entry.js";
import type { Geometry } from "../../../src/impl/geometry.js";
import { formatNodes } from "../../../src/impl/inspect.js";
import { MaState } from "../../../src/impl/ma-state.js";
import type { TreeObserver } from "../../../src/impl/memory.js";
import { MapleTree } from "../../../src/impl/tree.js";
import { ULONG_MAX } from "../../../src/impl/u64.js";

export function parseNum(tok: string): bigint {
  if (tok === "max") return ULONG_MAX;
  return BigInt(tok);
}

export function parseValue(tok: string): MaybeEntry {
  return tok === "null" ? null : BigInt(tok);
}

export function parseFlags(tok: string): number {
  let flags = 0;
  for (const part of tok.split(/[|,+]/)) {
    if (part === "0" || part === "none" || part === "") continue;
    if (part === "alloc") flags |= MT_FLAGS_ALLOC_RANGE;
    else if (part === "rcu") flags |= MT_FLAGS_USE_RCU;
    else throw new Error(`bad flags ${tok}`);
  }
  return flags;
}

export function entryText(e: MaybeEntry): string {
  if (e === null) return "null";
  if (isZeroEntry(e)) return "zero";
  return String(e);
}

function errText(ret: number): string {
  if (ret === 0) return "ok";
  return `err ${ERRNO_NAMES[ret] ?? String(ret)}`;
}

export interface ReplayOptions {
  geometry?: Geometry;
  observer?: TreeObserver;
}

/** A replay session: one tree, re-created by `init`, and one cursor (the driver's `cur`). */
export class Replayer {
  tree: MapleTree;
  cur: MaState;

  constructor(readonly options: ReplayOptions = {}) {
    this.tree = this.make(0);
    this.cur = new MaState(this.tree, 0n);
  }

  private cursorText(e: MaybeEntry): string {
    const c = this.cur;
    return `${entryText(e)} ${c.index} ${c.last} ${MA_STATUS_NAMES[c.status]}`;
  }

  private make(flags: number): MapleTree {
    return new MapleTree({
      flags,
      geometry: this.options.geometry,
      observer: this.options.observer,
    });
  }

  /** Runs one line; returns the result line, or null for blank and comment lines. */
  run(line: string): string | null {
    const t = line.trim();
    if (t === "" || t.startsWith("#")) return null;
    const [op, ...a] = t.split(/\s+/);
    const tree = this.tree;
    const cur = this.cur;
    // Writes that do not go through the cursor restart it (the driver's cursor_invalidate).
    if (["store", "insert", "erase", "destroy"].includes(op)) cur.reset();
    switch (op) {
      case "init":
        mtreeDestroy(tree);
        this.tree = this.make(parseFlags(a[0] ?? "0"));
        this.cur = new MaState(this.tree, 0n);
        return "ok";
      case "store":
        return errText(mtreeStoreRange(tree, parseNum(a[0]), parseNum(a[1]), parseValue(a[2])));
      case "insert":
        return errText(mtreeInsertRange(tree, parseNum(a[0]), parseNum(a[1]), parseValue(a[2])));
      case "erase":
        return entryText(mtreeErase(tree, parseNum(a[0])));
      case "mset":
        cur.set(parseNum(a[0]));
        return "ok";
      case "mrange": {
        const first = parseNum(a[0]);
        const last = parseNum(a[1]);
        if (first > last) return errText(-22);
        cur.setRange(first, last);
        return "ok";
      }
      case "mreset":
        cur.reset();
        return "ok";
      case "mpause":
        cur.pause();
        return "ok";
      case "mstate":
        return `${cur.index} ${cur.last} ${MA_STATUS_NAMES[cur.status]}`;
      case "mwalk":
        return this.cursorText(masWalk(cur));
      case "mnext":
        return this.cursorText(masNext(cur, parseNum(a[0])));
      case "mprev":
        return this.cursorText(masPrev(cur, parseNum(a[0])));
      case "mfind":
        return this.cursorText(masFind(cur, parseNum(a[0])));
      case "mstore":
        return errText(masStoreGfp(cur, parseValue(a[0])));
      case "merase":
        return entryText(masErase(cur));
      case "load":
        return entryText(mtreeLoad(tree, parseNum(a[0])));
      case "nodes":
        return formatNodes(tree, (e) => String(e));
      case "height":
        return String(tree.height);
      case "empty":
        return String(tree.isEmpty());
      case "flags":
        return String(tree.flags);
      case "setrcu":
        mtSetInRcu(tree);
        return "ok";
      case "clearrcu":
        mtClearInRcu(tree);
        return "ok";
      case "destroy":
        mtreeDestroy(tree);
        return "ok";
      case "ranges":
        return ranges(tree);
      default:
        throw new Error(`replay: unsupported op ${op}`);
    }
  }

  runAll(text: string): string[] {
    const out: string[] = [];
    for (const line of text.split("\n")) {
      const r = this.run(line);
      if (r !== null) out.push(r);
    }
    return out;
  }
}

/** The oracle's `ranges`: every slot range from 0 by repeated mas_walk. */
function ranges(tree: MapleTree): string {
  const parts: string[] = [];
  let index = 0n;
  for (;;) {
    const mas = new MaState(tree, index);
    const e = masWalk(mas);
    parts.push(`[${mas.index},${mas.last}]=${entryText(e)}`);
    if (mas.last === ULONG_MAX || mas.last < index) break;
    index = mas.last + 1n;
  }
  return parts.join(" ");
}
