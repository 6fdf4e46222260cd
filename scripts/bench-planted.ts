/**
 * How fast the sequential checker finds each planted fault: runs until the first failure, the
 * time that takes, the time spent shrinking it, and the length of the shrunk counterexample.
 * Also the time of the same settings without the fault (a full pass, no false alarm).
 *
 * Then the same over --seeds N further seeds (default 10): how many find the fault, and the
 * median number of runs to the first failure.
 *
 *   npm run build && node dist/scripts/bench-planted.js [--show] [--seeds N]
 */
import fc from "fast-check";
import {
  checkSequential,
  commandsArbitrary,
  pairOptions,
} from "../src/checker/sequential/check-sequential.js";
import { CheckedPair } from "../src/checker/sequential/checked-pair.js";
import { PLANTED_CASES, type PlantedCase, withFault } from "./planted-cases.js";

const args = process.argv.slice(2);
const show = args.includes("--show");
const seedsArg = args.indexOf("--seeds");
const seedCount = seedsArg >= 0 ? Number(args[seedsArg + 1]) : 10;

interface Row {
  fault: string;
  settings: string;
  runsToFail: string;
  firstMs: number;
  shrinkMs: number;
  lines: number;
  shrinks: number;
  cleanMs: number;
  cleanVerdict: string;
  /** Over further seeds: found / tried, and the median runs to the first failure. */
  seeds: string;
}

/** Runs until the first failure, without shrinking: how many runs it took and how long. */
function firstFailure(c: PlantedCase, seed = c.seq.seed): { runs: number | undefined; ms: number } {
  const tree = withFault(c);
  const property = fc.property(commandsArbitrary(c.seq), (cmds) => {
    const pair = new CheckedPair(pairOptions(tree));
    fc.modelRun(() => ({ model: {}, real: pair }), cmds);
  });
  const t0 = performance.now();
  const d = fc.check(property, { seed, numRuns: c.seq.runs, endOnFailure: true });
  return { runs: d.failed ? d.numRuns : undefined, ms: performance.now() - t0 };
}

const rows: Row[] = [];
for (const c of PLANTED_CASES) {
  const first = firstFailure(c);
  const t0 = performance.now();
  const out = checkSequential(withFault(c), c.seq);
  const totalMs = performance.now() - t0;
  const t1 = performance.now();
  const clean = checkSequential(c.tree, c.seq);
  const cleanMs = performance.now() - t1;
  const lines = out.counterexample?.lines.length ?? 0;
  const found: number[] = [];
  for (let k = 1; k <= seedCount; k++) {
    const r = firstFailure(c, c.seq.seed * 1000 + k).runs;
    if (r !== undefined) found.push(r);
  }
  rows.push({
    fault: c.fault,
    settings: `${c.tree.geometry} ${c.tree.flags.join("|") || "0"} seed ${c.seq.seed}`,
    runsToFail: first.runs === undefined ? `none/${c.seq.runs}` : String(first.runs),
    firstMs: first.ms,
    shrinkMs: Math.max(0, totalMs - first.ms),
    lines,
    shrinks: out.counterexample?.shrinks ?? 0,
    cleanMs,
    cleanVerdict: clean.verdict,
    seeds: `${found.length}/${seedCount}, median ${median(found)}`,
  });
  if (show && out.counterexample) {
    console.log(`${c.fault}: ${out.counterexample.error}`);
    for (const l of out.counterexample.lines) console.log(`    ${l}`);
  }
}

const header = [
  "fault",
  "settings",
  "runs to fail",
  "first (ms)",
  "shrink (ms)",
  "lines",
  "shrinks",
  "no fault",
  `${seedCount} more seeds: found, runs`,
];
const table = rows.map((r) => [
  r.fault,
  r.settings,
  r.runsToFail,
  r.firstMs.toFixed(0),
  r.shrinkMs.toFixed(0),
  String(r.lines),
  String(r.shrinks),
  `${r.cleanVerdict} ${(r.cleanMs / 1000).toFixed(1)} s`,
  r.seeds,
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
const fmt = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
console.log(fmt(header));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const t of table) console.log(fmt(t));

function median(xs: number[]): string {
  if (xs.length === 0) return "-";
  const sorted = [...xs].sort((a, b) => a - b);
  return String(sorted[sorted.length >> 1]);
}
