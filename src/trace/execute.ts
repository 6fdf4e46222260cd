/**
 * Runs typed trace operations against a TypeScript MapleTree with the oracle driver's
 * semantics: one tree, one persistent cursor (struct ma_state), the `cyclic` next index, the
 * cursor reset after every whole-tree write, and the `--guard` rules.
 */
import {
  masEmptyArea,
  masEmptyAreaRev,
  masErase,
  masFind,
  masStoreGfp,
  masWalk,
  mtClearInRcu,
  mtreeAllocCyclic,
  mtreeAllocRange,
  mtreeAllocRrange,
  mtreeDestroy,
  mtreeErase,
  mtreeInsertRange,
  mtreeStoreRange,
  mtSetInRcu,
  mtValidate,
} from "../impl/api.js";
import { EINVAL } from "../impl/constants.js";
import type { Entry, MaybeEntry } from "../impl/entry.js";
import { formatNodes, leafSpans } from "../impl/inspect.js";
import { MaState } from "../impl/ma-state.js";
import { isNode } from "../impl/node.js";
import { writeSlot } from "../impl/node-access.js";
import { MapleTree, type TreeOptions } from "../impl/tree.js";
import { type Index, ULONG_MAX } from "../impl/u64.js";
import type { Violation } from "../impl/validate/violation.js";
import { formatEntry } from "./format.js";
import { isCursorOp, type TraceLine, type TraceOp } from "./ops.js";
import { poke } from "./poke.js";
import { guardRefuses, runCursorRead, runOneShotRead } from "./read-ops.js";
import type { OpResult, RangeEntry } from "./results.js";
import { TRACE_VERSION } from "./version.js";

export interface MachineOptions {
  /** Refuse, as `err ub`, the cursor uses that crash the 6.12 kernel (the oracle's --guard). */
  guard?: boolean;
  /** Tree options other than the flags (geometry, memory, observer, faults). */
  tree?: Omit<TreeOptions, "flags">;
  /** Receives what the oracle prints on stderr: validation details. */
  diagnostic?: (line: string) => void;
}

/** After `mgap`/`mrgap`: whether the last search on the cursor succeeded. */
enum GapState {
  none = 0,
  found = 1,
  failed = 2,
}

/** `ranges` stops after this many ranges, as the driver does. */
const RANGES_LIMIT = 1_000_000;

/**
 * mtree_alloc_* take any entry that is not reserved, NULL included; the protocol can pass
 * `null`, and the tree's types say Entry, so it is passed through as is.
 */
function asAllocEntry(e: MaybeEntry): Entry {
  return e as Entry;
}

/** The KIND:check:line form when the tree reports kernel-style violations. */
function violationKey(v: Violation): string {
  const k = v as Violation & { kind?: string; line?: number };
  return `${k.kind ?? "BUG"}:${v.check}:${k.line ?? 0}`;
}

export class TraceMachine {
  tree!: MapleTree;
  cursor!: MaState;
  cyclicNext: Index = 0n;
  private gapState = GapState.none;
  private readonly guard: boolean;
  /**
   * Nodes the trees before this one left allocated: the kernel's node cache is one for every
   * tree, so `.allocated` counts a tree `init` replaced without freeing all of it.
   */
  private nodesLeftBehind = 0;

  constructor(private readonly options: MachineOptions = {}) {
    this.guard = options.guard ?? false;
    this.init(0);
  }

  /** Runs one parsed line, including the guard and the error lines. Throws when the tree does. */
  runLine(line: TraceLine): OpResult {
    const p = line.parsed;
    if (p.kind === "too-many-tokens") return { kind: "parse-error" };
    if (isCursorOp(line.name)) {
      if (this.guard && this.guardRefuses(line.name)) return { kind: "ub" };
      if (line.name !== "mstate" && line.name !== "mgap" && line.name !== "mrgap") {
        this.gapState = GapState.none;
      }
    }
    if (p.kind === "parse-error") return { kind: "parse-error" };
    if (p.kind === "unknown-op") return { kind: "unknown-op" };
    return this.run(p.op);
  }

  /** guard_refuses: by the operation's name only, before its arguments are read. */
  guardRefuses(name: string): boolean {
    return guardRefuses(name, this.cursor, this.gapState === GapState.failed);
  }

  private init(flags: number): void {
    if (this.tree !== undefined) {
      mtreeDestroy(this.tree);
      this.nodesLeftBehind += this.tree.nodesLive;
    }
    // The oracle is the kernel's userspace harness, whose allocator refuses GFP_NOWAIT.
    this.tree = new MapleTree({ nowaitAllocFails: true, ...this.options.tree, flags });
    this.cursor = new MaState(this.tree, 0n, 0n);
    this.cyclicNext = 0n;
    this.gapState = GapState.none;
  }

  /** A write that does not go through the cursor: the cursor restarts (mas_reset). */
  private invalidateCursor(): void {
    this.cursor.reset();
    this.gapState = GapState.none;
  }

  private static status(ret: number): OpResult {
    return ret ? { kind: "err", errno: ret } : { kind: "ok" };
  }

  run(op: TraceOp): OpResult {
    const tree = this.tree;
    switch (op.op) {
      case "init":
        this.init(op.flags);
        return { kind: "ok" };
      case "store":
      case "insert": {
        const ret =
          op.op === "store"
            ? mtreeStoreRange(tree, op.first, op.last, op.entry)
            : mtreeInsertRange(tree, op.first, op.last, op.entry);
        this.invalidateCursor();
        return TraceMachine.status(ret);
      }
      case "erase": {
        const entry = mtreeErase(tree, op.index);
        this.invalidateCursor();
        return { kind: "entry", entry };
      }
      case "load":
      case "find":
      case "walk":
      case "next":
      case "prev":
        return runOneShotRead(tree, op) as OpResult;
      case "gap":
      case "rgap": {
        const mas = new MaState(tree, 0n, 0n);
        const ret =
          op.op === "gap"
            ? masEmptyArea(mas, op.min, op.max, op.size)
            : masEmptyAreaRev(mas, op.min, op.max, op.size);
        return ret
          ? { kind: "err", errno: ret }
          : { kind: "area", index: mas.index, last: mas.last };
      }
      case "alloc":
      case "ralloc": {
        const e = asAllocEntry(op.entry);
        const r =
          op.op === "alloc"
            ? mtreeAllocRange(tree, op.size, op.min, op.max, e)
            : mtreeAllocRrange(tree, op.size, op.min, op.max, e);
        this.invalidateCursor();
        return r.ret ? { kind: "err", errno: r.ret } : { kind: "start", start: r.start };
      }
      case "cyclic":
      case "cyclicnw": {
        const e = asAllocEntry(op.entry);
        const mayBlock = op.op === "cyclic";
        const r = mtreeAllocCyclic(tree, e, op.min, op.max, this.cyclicNext, mayBlock);
        this.invalidateCursor();
        if (r.ret < 0) return { kind: "err", errno: r.ret };
        this.cyclicNext = r.next;
        return { kind: "cyclic", start: r.start, wrapped: r.ret, next: r.next };
      }
      case "dump":
        return { kind: "entries", list: this.dump() };
      case "ranges":
        return { kind: "ranges", list: this.ranges() };
      case "nodes":
        return { kind: "text", text: formatNodes(tree, (e) => formatEntry(e)) };
      case ".leaves": {
        const spans = leafSpans(tree);
        const text = spans.map(([min, max]) => `${min}-${max}`).join(" ");
        return { kind: "text", text: spans.length > 0 ? text : "none" };
      }
      case ".allocated":
        // Pending RCU frees first (rcu_barrier): a node waiting for its grace period is not a leak.
        tree.rcu.quiesce();
        return { kind: "number", value: this.nodesLeftBehind + tree.nodesLive };
      case "version":
        return { kind: "text", text: TRACE_VERSION };
      case "height":
        return { kind: "number", value: tree.height };
      case "empty":
        return { kind: "bool", value: tree.isEmpty() };
      case "flags":
        return { kind: "number", value: tree.flags >>> 0 };
      case "validate":
        return this.validate();
      case "setrcu":
        mtSetInRcu(tree);
        return { kind: "ok" };
      case "clearrcu":
        mtClearInRcu(tree);
        return { kind: "ok" };
      case "destroy":
        mtreeDestroy(tree);
        this.invalidateCursor();
        return { kind: "ok" };
      case "corrupt":
        return this.corrupt(op.index);
      case "poke":
        return TraceMachine.status(poke(tree, op.index, op.depth, op.word, op.value));
      case "mstore":
        return TraceMachine.status(masStoreGfp(this.cursor, op.entry));
      case "mstorenw":
        // GFP_NOWAIT, which the harness's allocator refuses: -ENOMEM when the store needs nodes.
        return TraceMachine.status(masStoreGfp(this.cursor, op.entry, false));
      case "merase":
        return { kind: "entry", entry: masErase(this.cursor) };
      case "mgap":
      case "mrgap": {
        const c = this.cursor;
        const ret =
          op.op === "mgap"
            ? masEmptyArea(c, op.min, op.max, op.size)
            : masEmptyAreaRev(c, op.min, op.max, op.size);
        this.gapState = ret ? GapState.failed : GapState.found;
        return ret ? { kind: "err", errno: ret } : { kind: "area", index: c.index, last: c.last };
      }
      default:
        return runCursorRead(this.cursor, op) as OpResult;
    }
  }

  /** mas_for_each over [0, ULONG_MAX]. */
  private dump(): RangeEntry[] {
    const mas = new MaState(this.tree, 0n, 0n);
    const list: RangeEntry[] = [];
    for (let e = masFind(mas, ULONG_MAX); e !== null; e = masFind(mas, ULONG_MAX)) {
      list.push({ entry: e, index: mas.index, last: mas.last });
    }
    return list;
  }

  /** Repeated mas_walk from 0: every slot range, NULL ones included. */
  ranges(): RangeEntry[] {
    const list: RangeEntry[] = [];
    let index = 0n;
    for (;;) {
      const mas = new MaState(this.tree, index, index);
      const entry = masWalk(mas);
      list.push({ entry, index: mas.index, last: mas.last });
      if (mas.last === ULONG_MAX || mas.last < index || list.length > RANGES_LIMIT) break;
      index = mas.last + 1n;
    }
    return list;
  }

  private validate(): OpResult {
    const all = mtValidate(this.tree);
    for (const v of all) this.options.diagnostic?.(`validate: ${violationKey(v)}: ${v.detail}`);
    // The kernel's count is of its own checks; maple-check's extra checks count only alone.
    const kernel = all.filter((v) => (v as { kind?: string }).kind !== "EXTRA");
    const list = kernel.length > 0 ? kernel : all;
    if (list.length === 0) return { kind: "validate", count: 0, first: "" };
    return { kind: "validate", count: list.length, first: violationKey(list[0] as Violation) };
  }

  /** Oracle self-test: clear the slot holding index behind the tree's back. */
  private corrupt(index: Index): OpResult {
    const mas = new MaState(this.tree, index, index);
    const e = masWalk(mas);
    if (e !== null && mas.isActive() && isNode(mas.node)) {
      writeSlot(this.tree.mem, mas.node, mas.offset, null);
      return { kind: "ok" };
    }
    return { kind: "err", errno: EINVAL };
  }
}
