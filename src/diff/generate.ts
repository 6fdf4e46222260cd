/**
 * Random traces in the oracle's line protocol. A trace starts with `init FLAGS` and draws its
 * indices from one universe: a small dense one (many collisions, deep overlap), a spread one
 * (clusters anywhere in 64 bits), or a mix; edge values (0, 1, max, max-1, 2^63...) are
 * sprinkled into all of them. Cursor traces add the persistent-cursor operations.
 */
import type { Rng } from "./rng.js";

const MAX = (1n << 64n) - 1n;
const LONG_MAX = (1n << 63n) - 1n;

const EDGE_INDICES: readonly bigint[] = [
  0n,
  1n,
  2n,
  15n,
  16n,
  255n,
  4095n,
  4096n,
  (1n << 32n) - 1n,
  1n << 32n,
  LONG_MAX,
  1n << 63n,
  MAX - 2n,
  MAX - 1n,
  MAX,
];

/** Lines that do not parse or name no operation; they must be rejected the same way. */
const BAD_LINES: readonly string[] = [
  "store 1 2",
  "store 1 2 3 4",
  "load",
  "load -1",
  "load 0x",
  "load 0x0x1f",
  "load 0X1F",
  "load 1f",
  "load 18446744073709551616",
  "load 0x10000000000000000",
  "store 5 6 max",
  "store 5 6 9223372036854775808",
  "store 5 6 0x7fffffffffffffff",
  "frobnicate 1",
  "mfrob",
  "init bogus",
  "init alloc|rcu|x",
  "init alloc rcu",
  "  \tload 7  \t",
  "load 7 # not a comment",
  "# a comment",
  "",
  "a b c d e f g h i",
  "m",
];

export type Universe = "small" | "spread" | "mixed";

export interface TraceShape {
  flags: string;
  ops: number;
  cursor: boolean;
  universe: Universe;
}

function fmt(n: bigint): string {
  if (n === MAX) return "max";
  return n.toString();
}

class TraceBuilder {
  readonly lines: string[] = [];
  private ops = 0;
  private readonly bases: bigint[];
  private readonly dense: bigint;

  constructor(
    private readonly rng: Rng,
    private readonly shape: TraceShape,
  ) {
    this.dense = rng.weighted([
      [1, 64n],
      [3, 500n],
      [3, 5000n],
      [3, 50_000n],
    ]);
    this.bases = Array.from({ length: 6 }, () => rng.big(0n, MAX));
  }

  get count(): number {
    return this.ops;
  }

  emit(line: string): void {
    this.lines.push(line);
    this.ops++;
  }

  private universe(): Universe {
    return this.shape.universe === "mixed"
      ? this.rng.pick(["small", "spread"] as const)
      : this.shape.universe;
  }

  /** An index: an edge value now and then, otherwise from the trace's universe. */
  index(): bigint {
    const r = this.rng;
    if (r.chance(0.06)) return r.pick(EDGE_INDICES);
    if (this.universe() === "small") return r.big(0n, this.dense);
    const base = r.pick(this.bases);
    const off = r.big(0n, r.pick([100n, 10_000n, 1n << 40n]));
    const v = base + off;
    return v > MAX ? MAX - r.big(0n, 1000n) : v;
  }

  /** A range length minus one: mostly short, sometimes huge. */
  span(first: bigint): bigint {
    const r = this.rng;
    const kind = r.weighted([
      [70, "single"],
      [80, "short"],
      [40, "medium"],
      [3, "huge"],
      [2, "tomax"],
    ] as const);
    let len = 0n;
    if (kind === "short") len = r.big(1n, 10n);
    else if (kind === "medium") len = r.big(10n, this.universe() === "small" ? 300n : 1_000_000n);
    else if (kind === "huge") len = r.big(0n, MAX - first);
    else if (kind === "tomax") return MAX;
    const last = first + len;
    return last > MAX ? MAX : last;
  }

  /** [first, last], occasionally with first > last. */
  range(): [bigint, bigint] {
    const first = this.index();
    if (this.rng.chance(0.02) && first > 0n)
      return [first, first - this.rng.big(1n, first < 10n ? first : 10n)];
    return [first, this.span(first)];
  }

  value(nullable = true): string {
    const r = this.rng;
    if (nullable && r.chance(0.12)) return "null";
    if (r.chance(0.03)) return r.pick(["0", fmt(LONG_MAX), "0x7fffffffffffffff"]);
    return r.big(1n, 1000n).toString();
  }

  size(): bigint {
    return this.rng.weighted([
      [5, 0n],
      [30, 1n],
      [40, this.rng.big(2n, 50n)],
      [15, this.rng.big(50n, 5000n)],
      [5, this.rng.big(0n, MAX)],
      [5, MAX],
    ]);
  }

  /** Stores a run of adjacent ranges, ascending or descending (append and rebalance paths). */
  bulk(): void {
    const r = this.rng;
    // Now and then a long run, so that some trees grow to height 4.
    const n = r.chance(0.04) ? 500 + r.int(1000) : r.int(r.chance(0.3) ? 150 : 40) + 5;
    const len = r.big(0n, 5n);
    const up = r.chance(0.6);
    let at = this.universe() === "small" ? r.big(0n, this.dense) : this.index();
    for (let i = 0; i < n && this.ops < this.shape.ops; i++) {
      const last = at + len > MAX ? MAX : at + len;
      this.emit(`store ${fmt(at)} ${fmt(last)} ${this.value(false)}`);
      if (up) {
        if (last === MAX) break;
        at = last + 1n + (r.chance(0.3) ? r.big(1n, 3n) : 0n);
      } else {
        if (at <= len + 1n) break;
        at = at - len - 1n - (r.chance(0.3) ? 1n : 0n);
      }
    }
  }

  wholeTreeOp(): void {
    const r = this.rng;
    const op = r.weighted([
      [300, "store"],
      [80, "insert"],
      [100, "erase"],
      [80, "load"],
      [40, "walk"],
      [40, "find"],
      [30, "next"],
      [30, "prev"],
      [20, "gap"],
      [20, "rgap"],
      [40, "alloc"],
      [30, "ralloc"],
      [20, "cyclic"],
      [5, "setrcu"],
      [5, "clearrcu"],
      [30, "validate"],
      [10, "nodes"],
      [8, "ranges"],
      [8, "dump"],
      [5, "height"],
      [5, "flags"],
      [5, "empty"],
      [2, "destroy"],
      [1, "init"],
      [3, "bad"],
      [25, "bulk"],
    ] as const);
    switch (op) {
      case "store":
      case "insert": {
        const [a, b] = this.range();
        this.emit(`${op} ${fmt(a)} ${fmt(b)} ${this.value()}`);
        return;
      }
      case "erase":
      case "load":
      case "walk":
        this.emit(`${op} ${fmt(this.index())}`);
        return;
      case "find":
      case "next":
        this.emit(`${op} ${fmt(this.index())} ${fmt(r.chance(0.5) ? MAX : this.index())}`);
        return;
      case "prev":
        this.emit(`prev ${fmt(this.index())} ${fmt(r.chance(0.5) ? 0n : this.index())}`);
        return;
      case "gap":
      case "rgap": {
        const [a, b] = r.chance(0.3) ? [0n, MAX] : this.range();
        this.emit(`${op} ${fmt(a)} ${fmt(b)} ${fmt(this.size())}`);
        return;
      }
      case "alloc":
      case "ralloc": {
        const [a, b] = r.chance(0.3) ? [0n, MAX] : this.range();
        this.emit(`${op} ${fmt(this.size())} ${fmt(a)} ${fmt(b)} ${this.value(r.chance(0.1))}`);
        return;
      }
      case "cyclic": {
        const [a, b] = r.chance(0.3) ? [0n, r.big(0n, this.dense)] : this.range();
        this.emit(`cyclic ${fmt(a)} ${fmt(b)} ${this.value(r.chance(0.1))}`);
        return;
      }
      case "init":
        this.emit(`init ${this.shape.flags}`);
        return;
      case "bad":
        this.lines.push(r.pick(BAD_LINES));
        this.ops++;
        return;
      case "bulk":
        this.bulk();
        return;
      default:
        this.emit(op);
    }
  }

  cursorOp(): void {
    const r = this.rng;
    const op = r.weighted([
      [50, "mset"],
      [30, "mrange"],
      [10, "mreset"],
      [15, "mpause"],
      [15, "mstate"],
      [30, "mwalk"],
      [25, "mnext"],
      [25, "mprev"],
      [15, "mnextr"],
      [15, "mprevr"],
      [25, "mfind"],
      [20, "mfindr"],
      [15, "mfindrange"],
      [15, "mfindrangerev"],
      [40, "mstore"],
      [20, "merase"],
      [12, "mgap"],
      [12, "mrgap"],
    ] as const);
    switch (op) {
      case "mset":
        this.emit(`mset ${fmt(this.index())}`);
        return;
      case "mrange": {
        const [a, b] = this.range();
        this.emit(`mrange ${fmt(a)} ${fmt(b)}`);
        return;
      }
      case "mnext":
      case "mnextr":
      case "mfind":
      case "mfindrange":
        this.emit(`${op} ${fmt(r.chance(0.5) ? MAX : this.index())}`);
        return;
      case "mprev":
      case "mprevr":
      case "mfindr":
      case "mfindrangerev":
        this.emit(`${op} ${fmt(r.chance(0.5) ? 0n : this.index())}`);
        return;
      case "mstore":
        this.emit(`mstore ${this.value()}`);
        return;
      case "mgap":
      case "mrgap": {
        if (r.chance(0.7)) this.emit(r.chance(0.5) ? "mreset" : `mset ${fmt(this.index())}`);
        const [a, b] = r.chance(0.3) ? [0n, MAX] : this.range();
        this.emit(`${op} ${fmt(a)} ${fmt(b)} ${fmt(this.size())}`);
        return;
      }
      default:
        this.emit(op);
    }
  }
}

/** One random trace of about `shape.ops` operation lines. */
export function generateTrace(rng: Rng, shape: TraceShape): string {
  const b = new TraceBuilder(rng, shape);
  b.emit(`init ${shape.flags}`);
  while (b.count < shape.ops) {
    if (shape.cursor && rng.chance(0.45)) b.cursorOp();
    else b.wholeTreeOp();
  }
  b.emit("validate");
  b.emit("nodes");
  return `${b.lines.join("\n")}\n`;
}
