/**
 * Deterministic traces (oracle protocol) that drive the big-node write paths: splits up to
 * height 4, push left/right, three-way splits, rebalancing on erase, spanning stores. The
 * expected outputs come from the kernel oracle (fixtures/*.expected).
 */
import { readFileSync } from "node:fs";
import { mtreeStoreRange } from "../../../src/impl/api.js";
import { type NodeView, nodeView } from "../../../src/impl/inspect.js";
import { MapleTree } from "../../../src/impl/tree.js";
import { flagsOf } from "./trace-runner.js";

export const FLAG_SETS = ["0", "alloc", "rcu", "alloc|rcu"] as const;
export type FlagSet = (typeof FLAG_SETS)[number];

/** A 64-bit LCG: the same sequence on every run and platform. */
export class Lcg {
  private s: bigint;
  constructor(seed: number) {
    this.s = (BigInt(seed) * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n);
  }
  /** An integer in [0, n). */
  next(n: number): number {
    this.s = (this.s * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n);
    return Number((this.s >> 33n) % BigInt(Math.max(1, Math.floor(n))));
  }
}

/** The kernel's check_fuzzer (lib/test_maple_tree.c), converted to the oracle protocol. */
export function checkFuzzerTrace(flags: FlagSet): string[] {
  const text = readFileSync(new URL("./fixtures/check-fuzzer.ops", import.meta.url), "utf8");
  return text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => l.replace("FLAGS", flags));
}

function fill(out: string[], n: number, start = 0): void {
  for (let i = start; i <= n; i++) out.push(`store ${i * 10} ${i * 10 + 5} ${i + 1}`);
  out.push("height", "nodes");
}

/**
 * Spanning stores from the kernel's tests: check_spanning_relatives, check_bnode_min_spanning
 * and the scenarios of check_spanning_write (tools/testing/radix-tree/maple.c): NULL stores
 * that need right/left siblings or cousins, up to the root, and ones that end at a full node.
 */
export function spanningTrace(flags: FlagSet): string[] {
  const out: string[] = [];
  const scenario = (n: number, stores: Array<[number, number, string]>, start = 0): void => {
    out.push(`init ${flags}`);
    fill(out, n, start);
    for (const [a, b, v] of stores) out.push(`store ${a} ${b} ${v}`, "nodes", "height", "validate");
  };
  scenario(1000, [[9365, 9955, "null"]]);
  out.push(`init ${flags}`);
  for (let i = 50; i >= 0; i--) out.push(`store ${i * 10} ${i * 10 + 9} 7`);
  out.push("nodes", "store 240 509 null", "nodes", "validate");
  scenario(5000, [[1200, 2380, "null"]]);
  scenario(5000, [[9, 50006, "null"]], 1);
  const ranges: Array<[number, number]> = [
    [0, 12900],
    [0, 300],
    [0, 12865],
    [90, 13665],
    [46805, 49995],
    [32395, 49995],
    [38875, 43190],
    [43200, 49999],
  ];
  for (const [a, b] of ranges) scenario(5000, [[a, b, "null"]]);
  scenario(5000, [
    [47606, 47606, "9"],
    [47607, 47607, "9"],
    [47608, 47608, "9"],
    [47609, 47609, "9"],
    [11516, 48940, "null"],
  ]);
  scenario(100, [[76, 875, "null"]]);
  return out;
}

/**
 * Growth to height 4 in three orders (ascending appends push left, descending inserts push
 * right, interleaved fills split in the middle), then shrinking back by erasing everything in
 * a shuffled order (rebalance at every level, the root collapsing).
 */
export function growShrinkTrace(flags: FlagSet, seed: number): string[] {
  const rng = new Lcg(seed);
  const out: string[] = [];
  const n = flags.includes("alloc") ? 2600 : 4200;
  const every = 60;
  // Ascending.
  out.push(`init ${flags}`);
  for (let i = 0; i < n; i++) {
    out.push(`store ${i * 4} ${i * 4 + 1} ${1 + (i % 997)}`);
    if (i < 200 || i % every === 0) out.push("nodes", "height");
  }
  out.push("nodes", "height", "validate");
  // Erase everything in a random order.
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.next(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  order.forEach((k, i) => {
    out.push(`erase ${k * 4}`);
    if (i % every === 0 || order.length - i < 200) out.push("nodes", "height");
  });
  out.push("nodes", "height", "validate");
  // Descending inserts.
  out.push(`init ${flags}`);
  for (let i = n; i > 0; i--) {
    out.push(`insert ${i * 4} ${i * 4 + 2} ${1 + (i % 991)}`);
    if (n - i < 200 || i % every === 0) out.push("nodes", "height");
  }
  out.push("nodes", "height", "validate");
  // Fill the gaps left between the entries, in a random order: splits inside full leaves.
  for (let k = 0; k < n / 2; k++) {
    const i = 1 + rng.next(n);
    out.push(`store ${i * 4 + 3} ${i * 4 + 3} ${1 + rng.next(900)}`);
    if (k % every === 0) out.push("nodes", "height");
  }
  out.push("nodes", "height", "validate");
  return out;
}

/**
 * Random store/insert/erase, optionally after an ascending prefill (which makes the tree
 * height 4 before the random phase tears it down with wide stores).
 */
export function randomTrace(
  flags: FlagSet,
  seed: number,
  ops: number,
  space: number,
  every: number,
  prefill: number,
): string[] {
  const rng = new Lcg(seed);
  const out = [`init ${flags}`];
  for (let i = 0; i < prefill; i++) out.push(`store ${10 * i} ${10 * i + 5} ${1 + (i % 1000)}`);
  if (prefill) out.push("nodes");
  for (let i = 0; i < ops; i++) {
    const r = rng.next(100);
    const a = rng.next(space);
    const len =
      rng.next(10) < 7 ? rng.next(8) : rng.next(10) < 8 ? rng.next(space / 10) : rng.next(space);
    const b = a + len;
    const last = b >= space && rng.next(4) === 0 ? "max" : String(b);
    const v = rng.next(5) === 0 ? "null" : String(1 + rng.next(1000));
    if (r < 60) out.push(`store ${a} ${last} ${v}`);
    else if (r < 75) out.push(`insert ${a} ${last} ${v}`);
    else out.push(`erase ${a}`);
    if ((i + 1) % every === 0) out.push("nodes");
  }
  out.push("nodes", "validate");
  return out;
}

/**
 * Three-way splits: two adjacent full leaves and a store from inside the left leaf's last range
 * to inside the right leaf's first range: 33 entries, more than two nodes can hold. The TS
 * tree is used only to find such leaf pairs (the expected results come from the oracle).
 */
export function threeWayTrace(flags: FlagSet, seed: number): string[] {
  const rng = new Lcg(seed);
  const out = [`init ${flags}`];
  const tree = new MapleTree({ flags: flagsOf(flags) });
  const store = (a: bigint, b: bigint, v: number): void => {
    out.push(`store ${a} ${b} ${v}`);
    mtreeStoreRange(tree, a, b, BigInt(v));
  };
  const n = 1500;
  for (let i = 0; i < n; i++) store(BigInt(10 * i), BigInt(10 * i + 7), 1 + (i % 500));
  out.push("nodes");
  // Fill the one-index holes in a random order so that many leaves end up full.
  const holes = Array.from({ length: n }, (_, i) => i);
  for (let i = holes.length - 1; i > 0; i--) {
    const j = rng.next(i + 1);
    [holes[i], holes[j]] = [holes[j], holes[i]];
  }
  for (const i of holes) store(BigInt(10 * i + 8), BigInt(10 * i + 9), 1 + (i % 400));
  out.push("nodes");
  for (let round = 0; round < 40; round++) {
    const pair = fullLeafPair(tree, rng);
    if (pair === null) break;
    const [a, b] = pair;
    store(a, b, 900 + round);
    out.push("nodes", "height");
  }
  out.push("nodes", "validate");
  return out;
}

/** A random pair of adjacent full leaves: [middle of the left's last range, middle of the right's first]. */
function fullLeafPair(tree: MapleTree, rng: Lcg): [bigint, bigint] | null {
  const view = nodeView(tree);
  if (view.kind !== "node") return null;
  const leaves: NodeView[] = [];
  const walk = (v: NodeView): void => {
    if (v.children) for (const c of v.children) if (c) walk(c);
    if (v.slots) leaves.push(v);
  };
  walk(view.root);
  const full = tree.geometry.rangeSlots - 1;
  const pairs: Array<[bigint, bigint]> = [];
  for (let i = 0; i + 1 < leaves.length; i++) {
    const l = leaves[i];
    const r = leaves[i + 1];
    if (l.end !== full || r.end !== full) continue;
    const lLastMin = l.pivots[l.end - 1] + 1n;
    const lLastMax = l.max;
    const rFirstMax = r.pivots[0];
    if (lLastMax - lLastMin < 1n || rFirstMax - r.min < 1n) continue;
    pairs.push([lLastMin + 1n, r.min]);
  }
  if (pairs.length === 0) return null;
  return pairs[rng.next(pairs.length)];
}

/**
 * Allocation trees: mtree_alloc_range / _rrange searches steered by the gaps that the split,
 * rebalance and spanning paths compute, mixed with erases and NULL stores that open gaps.
 */
export function allocTrace(flags: FlagSet, seed: number, ops: number, space: number): string[] {
  const rng = new Lcg(seed);
  const out = [`init ${flags}`];
  for (let i = 0; i < ops; i++) {
    const r = rng.next(100);
    const a = rng.next(space);
    const size = 1 + (rng.next(10) < 8 ? rng.next(8) : rng.next(space / 20));
    const v = String(1 + rng.next(1000));
    if (r < 35)
      out.push(
        `alloc ${size} ${rng.next(space / 2)} ${rng.next(4) === 0 ? "max" : space + rng.next(space)} ${v}`,
      );
    else if (r < 55)
      out.push(`ralloc ${size} ${rng.next(space / 2)} ${space / 2 + rng.next(space)} ${v}`);
    else if (r < 75) out.push(`erase ${a}`);
    else if (r < 90) out.push(`store ${a} ${a + rng.next(space / 30)} null`);
    else out.push(`store ${a} ${a + rng.next(6)} ${v}`);
    if ((i + 1) % 2 === 0) out.push("nodes");
  }
  out.push("height", "nodes", "validate");
  return out;
}

export interface NamedTrace {
  name: string;
  flags: FlagSet;
  lines: () => string[];
}

/** Every oracle-checked trace of this folder. */
export function allTraces(): NamedTrace[] {
  const list: NamedTrace[] = [];
  for (const flags of FLAG_SETS) {
    const tag = flags.replace("|", "-");
    list.push({ name: `check-fuzzer-${tag}`, flags, lines: () => checkFuzzerTrace(flags) });
    list.push({ name: `spanning-${tag}`, flags, lines: () => spanningTrace(flags) });
    list.push({ name: `grow-shrink-${tag}`, flags, lines: () => growShrinkTrace(flags, 11) });
    list.push({ name: `three-way-${tag}`, flags, lines: () => threeWayTrace(flags, 5) });
    list.push({
      name: `random-small-${tag}`,
      flags,
      lines: () => randomTrace(flags, 3, 2000, 3000, 1, 0),
    });
    list.push({
      name: `random-tall-${tag}`,
      flags,
      lines: () => randomTrace(flags, 7, 2000, 30000, 20, 3000),
    });
    if (flags.includes("alloc")) {
      list.push({ name: `alloc-${tag}`, flags, lines: () => allocTrace(flags, 4, 3000, 20000) });
    }
  }
  return list;
}
