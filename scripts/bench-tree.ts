/**
 * Throughput of the TypeScript maple tree beside the `sorted-btree` package, on the same work
 * in the same run. Not a test: the numbers depend on the machine and its load.
 *
 *   node dist/scripts/bench-tree.js [--ranges N] [--runs R]
 *
 * Work (N = 10^5 by default): N disjoint ranges [10 i, 10 i + 4] in a shuffled order.
 *   store  every range once into an empty tree;
 *   load   N lookups at random indices inside the stored span (hits and holes);
 *   erase  every range once, by an index inside it, in another shuffled order.
 * The maple tree runs mtree_store_range / mtree_load / mtree_erase (mtreeStoreRange and so on;
 * kernel geometry, no observer, no RCU flag). sorted-btree does the same job as a range
 * map keyed by each range's first index (value: last and entry): store is set(first), load
 * is getPairOrNextLower(i) with a check of last, erase finds the range the same way and
 * deletes it. Each figure is the median of R timed runs after one untimed warm-up run.
 *
 * The cost of bigint indices: the maple tree must use bigint (indices are unsigned 64-bit).
 * To isolate what that costs, the sorted-btree range map runs twice with identical code and
 * an identical comparator shape, once with bigint keys and once with number keys; the
 * bigint/number time ratio is the price of the key type alone in a B-tree of this size.
 */
import sortedBtree from "sorted-btree";
import { mtreeErase, mtreeLoad, mtreeStoreRange } from "../src/impl/api.js";
import { MapleTree } from "../src/impl/tree.js";

/** sorted-btree is CommonJS: under Node's ESM loader the class is the module's `default`. */
const BTree = sortedBtree.default;

interface Args {
  ranges: number;
  runs: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { ranges: 100_000, runs: 3 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = Number(argv[i + 1]);
    if (a === "--ranges" && Number.isInteger(v) && v > 0) args.ranges = v;
    else if (a === "--runs" && Number.isInteger(v) && v > 0) args.runs = v;
    else {
      process.stderr.write("usage: bench-tree [--ranges N] [--runs R]\n");
      process.exit(4);
    }
    i++;
  }
  return args;
}

/** A deterministic shuffle (xorshift32), so every run and both trees see the same order. */
function shuffled(n: number, seed: number): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  let s = seed >>> 0 || 1;
  for (let i = n - 1; i > 0; i--) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    const j = s % (i + 1);
    [a[i], a[j]] = [a[j] as number, a[i] as number];
  }
  return a;
}

interface Work {
  n: number;
  storeOrder: number[];
  eraseOrder: number[];
  probes: number[];
}

function makeWork(n: number): Work {
  const probes = shuffled(n, 7).map((i) => (i * 10 + (i % 7)) % (n * 10));
  return { n, storeOrder: shuffled(n, 1), eraseOrder: shuffled(n, 2), probes };
}

type Phase = "store" | "load" | "erase";
type Timings = Record<Phase, number>;

/** One implementation of the three phases; each returns a checksum so no work is optimised away. */
interface Subject {
  name: string;
  run(w: Work): { ms: Timings; check: number };
}

function time(f: () => number): [number, number] {
  const t0 = performance.now();
  const c = f();
  return [performance.now() - t0, c];
}

const mapleSubject: Subject = {
  name: "maple tree (bigint)",
  run(w) {
    const t = new MapleTree();
    const [store, c1] = time(() => {
      let c = 0;
      for (const i of w.storeOrder)
        c += mtreeStoreRange(t, BigInt(i * 10), BigInt(i * 10 + 4), BigInt(i)) === 0 ? 1 : 0;
      return c;
    });
    const [load, c2] = time(() => {
      let c = 0;
      for (const p of w.probes) if (mtreeLoad(t, BigInt(p)) !== null) c++;
      return c;
    });
    const [erase, c3] = time(() => {
      let c = 0;
      for (const i of w.eraseOrder) if (mtreeErase(t, BigInt(i * 10 + 2)) !== null) c++;
      return c;
    });
    return { ms: { store, load, erase }, check: c1 + c2 + c3 };
  },
};

/** The same range map over sorted-btree for either key type. */
function btreeSubject<K extends bigint | number>(name: string, key: (n: number) => K): Subject {
  const cmp = (a: K, b: K) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    name,
    run(w) {
      const t = new BTree<K, { last: K; entry: number }>(undefined, cmp);
      const [store, c1] = time(() => {
        let c = 0;
        for (const i of w.storeOrder)
          if (t.set(key(i * 10), { last: key(i * 10 + 4), entry: i })) c++;
        return c;
      });
      const hit = (k: K) => {
        const p = t.getPairOrNextLower(k);
        return p !== undefined && p[1].last >= k ? p : undefined;
      };
      const [load, c2] = time(() => {
        let c = 0;
        for (const p of w.probes) if (hit(key(p)) !== undefined) c++;
        return c;
      });
      const [erase, c3] = time(() => {
        let c = 0;
        for (const i of w.eraseOrder) {
          const p = hit(key(i * 10 + 2));
          if (p !== undefined && t.delete(p[0])) c++;
        }
        return c;
      });
      return { ms: { store, load, erase }, check: c1 + c2 + c3 };
    },
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function measure(s: Subject, w: Work, runs: number): { ms: Timings; check: number } {
  const first = s.run(w); // warm-up
  const all: Timings[] = [];
  for (let r = 0; r < runs; r++) {
    const res = s.run(w);
    if (res.check !== first.check) throw new Error(`${s.name}: results differ between runs`);
    all.push(res.ms);
  }
  const pick = (p: Phase) => median(all.map((t) => t[p]));
  return {
    ms: { store: pick("store"), load: pick("load"), erase: pick("erase") },
    check: first.check,
  };
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const w = makeWork(args.ranges);
  const subjects = [
    mapleSubject,
    btreeSubject<bigint>("sorted-btree (bigint)", (n) => BigInt(n)),
    btreeSubject<number>("sorted-btree (number)", (n) => n),
  ];
  const results = subjects.map((s) => ({ s, r: measure(s, w, args.runs) }));
  const checks = new Set(results.map((x) => x.r.check));
  if (checks.size !== 1) throw new Error("the implementations disagree on the work done");
  const phases: Phase[] = ["store", "load", "erase"];
  const opsPerSec = (ms: number) => Math.round((w.n / ms) * 1000);
  process.stdout.write(
    `${w.n} ranges, median of ${args.runs} runs after a warm-up (Node ${process.version})\n`,
  );
  process.stdout.write(
    `${"".padEnd(24)}${phases.map((p) => `${p} ops/s`.padStart(16)).join("")}\n`,
  );
  for (const { s, r } of results) {
    process.stdout.write(
      `${s.name.padEnd(24)}${phases.map((p) => opsPerSec(r.ms[p]).toLocaleString("en-US").padStart(16)).join("")}\n`,
    );
  }
  const [maple, big, num] = results.map((x) => x.r.ms) as [Timings, Timings, Timings];
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`.padStart(16);
  process.stdout.write(
    `${"maple / btree(bigint)".padEnd(24)}${phases.map((p) => ratio(maple[p], big[p])).join("")}  (time ratio)\n`,
  );
  process.stdout.write(
    `${"btree bigint / number".padEnd(24)}${phases.map((p) => ratio(big[p], num[p])).join("")}  (cost of bigint keys)\n`,
  );
}

main();
