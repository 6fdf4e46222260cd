/**
 * Differential check of the reference model against the kernel oracle.
 *
 * Generates seeded random traces of every protocol operation the model answers (whole-tree
 * and cursor operations, all four flag sets), runs them through the oracle with --guard in
 * one process (each trace starts with `init`), answers the same lines with the model and
 * reports every line where the two differ. Lines the oracle refuses with `err ub` are
 * skipped and not applied to the model. After a difference the rest of that trace is skipped.
 *
 * Usage: node dist/scripts/model-vs-oracle.js [--traces N] [--ops N] [--seed S] [--show N]
 *            [--oracle PATH] [--out FILE] [--minimize] [--crash-out PREFIX]
 *            [--dump FILE (the traces)] [--emit FILE (the oracle's --echo answers: a fixture)]
 *            [--span N (small indices below N)]
 */
import { spawnSync } from "node:child_process";
import { appendFileSync, writeFileSync } from "node:fs";
import { initialProtocolState, matchLine } from "../src/model/protocol.js";

const args = process.argv.slice(2);
function opt(name: string, dflt: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
}
const TRACES = Number(opt("traces", "1000"));
const OPS = Number(opt("ops", "300"));
const SEED = Number(opt("seed", "1"));
const ORACLE = opt("oracle", "/tmp/maple-oracle/maple-oracle");
const OUT = opt("out", "/tmp/model-vs-oracle-first-diff.txt");
const SHOW = Number(opt("show", "10"));
const BATCH = 200;
const MINIMIZE = args.includes("--minimize");
const CRASH_OUT = opt("crash-out", "/tmp/model-vs-oracle-crash");
const DUMP = opt("dump", "");
const EMIT = opt("emit", "");
/** Force the index span of the small indices (default: one of 20, 60, 200, 1000 per trace). */
const SPAN = Number(opt("span", "0"));

/** mulberry32: a small seeded PRNG. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FLAG_SETS = ["0", "alloc", "rcu", "alloc|rcu"];
const MAX = (1n << 64n) - 1n;

function traceGen(r: () => number, flags: string, ops: number, cursorHeavy: boolean): string[] {
  const int = (n: number) => Math.floor(r() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const span = SPAN || pick([20, 60, 200, 1000]);
  const idx = (): string => {
    const k = r();
    if (k < 0.7) return String(int(span));
    if (k < 0.75) return "0";
    if (k < 0.82) return "max";
    if (k < 0.88) return String(MAX - BigInt(int(4)));
    if (k < 0.94) return String(BigInt(int(2 ** 30)) * BigInt(int(2 ** 30)));
    return String(int(5));
  };
  const pair = (): [string, string] => {
    const a = idx();
    if (r() < 0.1) return [a, idx()];
    if (a === "max") return r() < 0.5 ? ["max", "max"] : [String(MAX - BigInt(int(10))), "max"];
    const b = BigInt(a) + BigInt(r() < 0.4 ? 0 : int(r() < 0.8 ? 10 : 100));
    return [a, String(b > MAX ? MAX : b)];
  };
  const val = (): string => (r() < 0.15 ? "null" : String(int(50)));
  const size = (): string =>
    pick(["1", "1", "2", "3", String(int(20)), "0", String(int(300)), "max"]);
  const lim = (): string => (r() < 0.4 ? pick(["max", "0"]) : idx());
  const out = [`init ${flags}`];
  if (r() < 0.5) {
    const n = int(r() < 0.8 ? 40 : 400);
    for (let i = 0; i < n; i++) {
      const a = int(span);
      out.push(`store ${a} ${a + int(8)} ${int(50)}`);
    }
  }
  const tree = [
    () => {
      const [a, b] = pair();
      return `store ${a} ${b} ${val()}`;
    },
    () => {
      const [a, b] = pair();
      return `insert ${a} ${b} ${val()}`;
    },
    () => `erase ${idx()}`,
    () => `load ${idx()}`,
    () => `find ${idx()} ${lim()}`,
    () => `walk ${idx()}`,
    () => `next ${idx()} ${lim()}`,
    () => `prev ${idx()} ${lim()}`,
    () => `gap ${idx()} ${lim()} ${size()}`,
    () => `rgap ${idx()} ${lim()} ${size()}`,
    () => `alloc ${size()} ${idx()} ${lim()} ${val()}`,
    () => `ralloc ${size()} ${idx()} ${lim()} ${val()}`,
    () => `cyclic ${idx()} ${lim()} ${val()}`,
    () => pick(["dump", "ranges", "empty", "ranges", "empty", "destroy", "setrcu", "clearrcu"]),
  ];
  const cur = [
    () => `mset ${idx()}`,
    () => {
      const [a, b] = pair();
      return `mrange ${a} ${b}`;
    },
    () => pick(["mreset", "mpause", "mstate", "mwalk", "merase", "mstate"]),
    () => `${pick(["mnext", "mnextr", "mfind", "mfindrange"])} ${lim()}`,
    () => `${pick(["mprev", "mprevr", "mfindr", "mfindrangerev"])} ${lim()}`,
    () =>
      `${pick(["mnext", "mnextr", "mfind", "mfindrange", "mprev", "mprevr", "mfindr", "mfindrangerev"])} ${lim()}`,
    () => `mstore ${val()}`,
    () => `${pick(["mgap", "mrgap"])} ${idx()} ${lim()} ${size()}`,
  ];
  for (let i = 0; i < ops; i++) {
    const g = r() < (cursorHeavy ? 0.75 : 0.3) ? pick(cur) : pick(tree);
    out.push(g());
  }
  out.push("ranges", "empty", "mstate");
  return out;
}

interface Diff {
  trace: number;
  line: number;
  input: string;
  oracle: string;
  model: string;
}

type Stats = {
  lines: number;
  compared: number;
  ub: number;
  unknown: number;
  /** compared lines where the kernel gave the model's shape-dependent second answer */
  alt: number;
  altByOp: Map<string, number>;
  crashes: string[];
};

/** Run traces in one oracle process; after a kernel crash, go on in a new process. */
function runBatch(traces: string[][], first: number, diffs: Diff[], stats: Stats): void {
  const input = `${traces.map((t) => t.join("\n")).join("\n")}\n`;
  const res = spawnSync(ORACLE, ["--guard"], { input, maxBuffer: 1 << 30, encoding: "utf8" });
  const outLines = res.stdout.split("\n");
  let k = 0;
  for (let ti = 0; ti < traces.length; ti++) {
    const t = traces[ti];
    const n = t.length;
    const got = outLines.slice(k, k + n);
    k += n;
    if (got.length < n || got.includes("crash")) {
      stats.crashes.push(
        `trace ${first + ti} line ${got.indexOf("crash")}: ${t[got.indexOf("crash")] ?? "?"}`,
      );
      if (CRASH_OUT) writeFileSync(`${CRASH_OUT}.${first + ti}`, `${t.join("\n")}\n`);
      runBatch(traces.slice(ti + 1), first + ti + 1, diffs, stats);
      return;
    }
    compareTrace(t, got, first + ti, diffs, stats);
  }
}

function compareTrace(
  t: string[],
  outLines: string[],
  trace: number,
  diffs: Diff[],
  stats: Stats,
): void {
  let cands = [initialProtocolState()];
  for (let li = 0; li < t.length; li++) {
    const expect = outLines[li];
    stats.lines++;
    if (expect === "err ub") {
      stats.ub++;
      continue;
    }
    const r = matchLine(cands, t[li], expect);
    if (!r) continue;
    if (r.unknown) stats.unknown++;
    else stats.compared++;
    if (!r.unknown && r.next.length && r.model !== expect) {
      stats.alt++;
      const op = `${t[li].split(" ")[0]} ${cands[0].model.flags & 1 ? "alloc" : "no-alloc"}`;
      stats.altByOp.set(op, (stats.altByOp.get(op) ?? 0) + 1);
    }
    if (!r.next.length) {
      diffs.push({ trace, line: li, input: t[li], oracle: expect, model: r.model });
      if (diffs.length === 1) writeFileSync(OUT, `${t.slice(0, li + 1).join("\n")}\n`);
      return;
    }
    cands = r.next;
  }
}

const r = rng(SEED);
const diffs: Diff[] = [];
const stats: Stats = {
  lines: 0,
  compared: 0,
  ub: 0,
  unknown: 0,
  alt: 0,
  altByOp: new Map(),
  crashes: [],
};
const t0 = Date.now();
for (let first = 0; first < TRACES; first += BATCH) {
  const batch: string[][] = [];
  for (let i = first; i < Math.min(TRACES, first + BATCH); i++) {
    batch.push(traceGen(r, FLAG_SETS[i % 4], OPS, i % 2 === 1));
  }
  if (EMIT) {
    const input = `${batch.map((t) => t.join("\n")).join("\n")}\n`;
    appendFileSync(
      EMIT,
      spawnSync(ORACLE, ["--guard", "--echo"], { input, encoding: "utf8" }).stdout,
    );
  }
  if (DUMP) appendFileSync(DUMP, `${batch.map((t) => t.join("\n")).join("\n")}\n`);
  runBatch(batch, first, diffs, stats);
}
/** Whether the model and the oracle differ somewhere on this trace. */
function differs(trace: string[]): boolean {
  const d: Diff[] = [];
  runBatch([trace], 0, d, {
    lines: 0,
    compared: 0,
    ub: 0,
    unknown: 0,
    alt: 0,
    altByOp: new Map(),
    crashes: [],
  });
  return d.length > 0;
}

/** Greedy line removal: the smallest trace (one removal at a time) that still differs. */
function minimize(trace: string[]): string[] {
  let t = trace;
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = t.length - 1; i >= 1; i--) {
      const u = [...t.slice(0, i), ...t.slice(i + 1)];
      if (differs(u)) {
        t = u;
        changed = true;
      }
    }
  }
  return t;
}

const tracesWithDiffs = new Set(diffs.map((d) => d.trace)).size;
console.log(
  `seed ${SEED}: ${TRACES} traces x ${OPS} ops: ${stats.lines} lines, ${stats.compared} compared, ` +
    `${stats.ub} err ub skipped, ${stats.alt} matched a shape-dependent alt, ` +
    `${stats.unknown} stale-cursor answers adopted, ${stats.crashes.length} oracle crashes, ${diffs.length} differences in ${tracesWithDiffs} traces (${Date.now() - t0} ms)`,
);
if (stats.alt)
  console.log(
    `  alt answers by operation: ${[...stats.altByOp].map(([k, v]) => `${k} ${v}`).join(", ")}`,
  );
if (stats.crashes.length) {
  console.log(
    `${stats.crashes.length} traces crashed the oracle (not compared; saved as ${CRASH_OUT}.N):`,
  );
  for (const c of stats.crashes.slice(0, SHOW)) console.log(`  ${c}`);
}
for (const d of diffs.slice(0, SHOW)) {
  console.log(
    `  trace ${d.trace} line ${d.line}: ${d.input}\n    oracle: ${d.oracle}\n    model:  ${d.model}`,
  );
}
if (diffs.length) {
  console.log(`first differing trace written to ${OUT}`);
  if (MINIMIZE) {
    const { readFileSync } = await import("node:fs");
    const small = minimize(readFileSync(OUT, "utf8").trim().split("\n"));
    const echo = spawnSync(ORACLE, ["--guard", "--echo"], {
      input: `${small.join("\n")}\n`,
      encoding: "utf8",
    });
    let cands = [initialProtocolState()];
    console.log("minimized (oracle => / model):");
    echo.stdout
      .trim()
      .split("\n")
      .forEach((l, i) => {
        const expect = l.slice(l.indexOf("=> ") + 3);
        const r = expect === "err ub" ? undefined : matchLine(cands, small[i], expect);
        if (r?.next.length) cands = r.next;
        console.log(`  ${l}${r && !r.next.length ? `   <-- model: ${r.model}` : ""}`);
      });
  }
}
process.exitCode = diffs.length ? 1 : 0;
