/**
 * bench-linearizability: agreement and throughput of the linearizability checkers.
 *
 *   node dist/scripts/bench-linearizability.js [histories per shape = 5000] [seed = 1]
 *
 * Part 1 runs random small histories (see random-history.ts; perturbed outputs, pending
 * operations, touching intervals) through the brute-force judge, the general Wing-Gong check and,
 * for one-writer shapes, the fast path, and prints the disagreement count per shape and the
 * throughput of each checker. Part 2 times Wing-Gong against the fast path on long one-writer
 * histories (and counts it if they disagree). Exit code 1 on any disagreement.
 */
import fc from "fast-check";
import {
  checkBruteForce,
  checkLinearizable,
  checkOneWriter,
  type History,
  type SequentialSpec,
  verifyWitness,
} from "../src/checker/linearizability/index.js";
import {
  arbitraryHistory,
  type HistoryShape,
  simulate,
} from "../src/checker/linearizability/random-history.js";
import { queueSpec } from "../src/checker/linearizability/toy/queue.js";
import { rangeMapSpec } from "../src/checker/linearizability/toy/range-map.js";
import { registerSpec } from "../src/checker/linearizability/toy/register.js";
import { registerMapSpec } from "../src/checker/linearizability/toy/register-map.js";
import {
  queueShapes,
  rangeMapShapes,
  registerMapShapes,
  registerShapes,
} from "../src/checker/linearizability/toy/shapes.js";

const runs = Number(process.argv[2] ?? 5000);
const seed = Number(process.argv[3] ?? 1);

interface Timer {
  ms: number;
  count: number;
}

function timed<T>(timer: Timer, f: () => T): T {
  const start = performance.now();
  const result = f();
  timer.ms += performance.now() - start;
  timer.count++;
  return result;
}

function rate(t: Timer): string {
  return t.count === 0 ? "-" : `${Math.round((t.count / t.ms) * 1000).toLocaleString("en-US")}/s`;
}

let totalDisagreements = 0;

function agreement<State, Input, Output>(
  name: string,
  spec: SequentialSpec<State, Input, Output>,
  shape: HistoryShape<Input, Output>,
  oneWriter: boolean,
): void {
  const histories = fc.sample(arbitraryHistory(spec, shape), { seed, numRuns: runs });
  const brute: Timer = { ms: 0, count: 0 };
  const general: Timer = { ms: 0, count: 0 };
  const fast: Timer = { ms: 0, count: 0 };
  let linearizable = 0;
  let disagreements = 0;
  let badWitnesses = 0;
  let ops = 0;
  for (const history of histories) {
    ops += history.length;
    const judge = timed(brute, () => checkBruteForce(spec, history)).linearizable;
    if (judge) linearizable++;
    const verdicts = [timed(general, () => checkLinearizable(spec, history))];
    if (oneWriter) verdicts.push(timed(fast, () => checkOneWriter(spec, history)));
    for (const v of verdicts) {
      if ((v.verdict === "linearizable") !== judge) disagreements++;
      if (v.verdict === "linearizable" && verifyWitness(spec, history, v.witness) !== undefined)
        badWitnesses++;
    }
  }
  totalDisagreements += disagreements + badWitnesses;
  console.log(
    [
      name.padEnd(24),
      `${histories.length} histories (avg ${(ops / histories.length).toFixed(1)} ops, ${linearizable} linearizable)`,
      `disagreements ${disagreements}, bad witnesses ${badWitnesses}`,
      `brute ${rate(brute)}, wing-gong ${rate(general)}${oneWriter ? `, fast ${rate(fast)}` : ""}`,
    ].join(" | "),
  );
}

function scaling<State, Input, Output>(
  name: string,
  spec: SequentialSpec<State, Input, Output>,
  history: History<Input, Output>,
): void {
  const general: Timer = { ms: 0, count: 0 };
  const fast: Timer = { ms: 0, count: 0 };
  const g = timed(general, () => checkLinearizable(spec, history, { maxSteps: 2_000_000 }));
  const f = timed(fast, () => checkOneWriter(spec, history));
  const disagree = g.verdict !== "unknown" && g.verdict !== f.verdict;
  if (disagree) totalDisagreements++;
  console.log(
    `${name.padEnd(52)} | ${history.length} ops | wing-gong ${g.verdict} in ${general.ms.toFixed(1)} ms | fast ${f.verdict} in ${fast.ms.toFixed(1)} ms${disagree ? " | DISAGREE" : ""}`,
  );
}

/** mulberry32: a small seeded PRNG for the scaling histories. */
function prng(seed0: number): () => number {
  let a = seed0 >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A long one-writer history: thread 0 writes, `readers` threads read, and the writer is
 * scheduled `writerBias` of the time, so each read overlaps several writes (the hard case for
 * the general search). With `impossible`, the last reader returns that output instead, so the
 * general search must exhaust every placement of the earlier readers before it can say no.
 */
function heavyOneWriter<State, Input, Output>(
  spec: SequentialSpec<State, Input, Output>,
  shape: HistoryShape<Input, Output>,
  writes: number,
  readers: number,
  impossible?: Output,
): History<Input, Output> {
  const random = prng(seed);
  const writeInputs = fc.sample(shape.threads[0], { seed, numRuns: writes });
  const readInputs = Array.from({ length: readers }, (_, t) =>
    fc.sample(shape.threads[1], { seed: seed + t + 1, numRuns: writes }),
  );
  const schedule: number[] = [];
  for (let i = 0; i < 3 * writes * (readers + 1); i++) {
    schedule.push(random() < 0.5 ? 0 : 1 + Math.floor(random() * readers));
  }
  // simulate() picks active[n % active.length]; thread 0 stays first while it has work.
  const history = simulate(spec, {
    inputs: [writeInputs, ...readInputs],
    schedule,
    cut: false,
    tie: [],
    perturbations: [],
  });
  if (impossible !== undefined) {
    const reads = [...history.keys()].filter((k) => history[k].thread !== 0);
    const last = reads[reads.length - 1];
    history[last] = { ...history[last], output: impossible };
  }
  return history;
}

console.log(`Agreement with the brute-force judge (seed ${seed}, ${runs} histories per shape)`);
agreement("register mixed", registerSpec, registerShapes.mixed, false);
agreement("range-map mixed", rangeMapSpec, rangeMapShapes.mixed, false);
agreement("queue mixed", queueSpec, queueShapes.mixed, false);
agreement("register-map partitioned", registerMapSpec, registerMapShapes.mixed, false);
agreement("register one-writer", registerSpec, registerShapes.oneWriter, true);
agreement("range-map one-writer", rangeMapSpec, rangeMapShapes.oneWriter, true);
console.log(`Disagreements with the judge: ${totalDisagreements}`);

console.log("\nLong one-writer histories (wing-gong budget 2,000,000 steps)");
const sizes: [number, number][] = [
  [50, 2],
  [50, 6],
  [200, 4],
  [1000, 8],
];
for (const [writes, readers] of sizes) {
  for (const broken of [false, true]) {
    const label = `${writes} writes, ${readers} readers${broken ? ", last read wrong" : ""}`;
    const reg = heavyOneWriter(
      registerSpec,
      registerShapes.oneWriter,
      writes,
      readers,
      broken ? 99 : undefined,
    );
    scaling(`register, ${label}`, registerSpec, reg);
    const map = heavyOneWriter(
      rangeMapSpec,
      rangeMapShapes.oneWriter,
      writes,
      readers,
      broken ? "zzz" : undefined,
    );
    scaling(`range-map, ${label}`, rangeMapSpec, map);
  }
}
console.log(`\nTotal disagreements: ${totalDisagreements}`);
process.exitCode = totalDisagreements === 0 ? 0 : 1;
