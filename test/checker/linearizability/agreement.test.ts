/**
 * Random histories (fixed seeds): the general check and the one-writer fast path must agree with
 * the brute-force judge on every one, and every witness they return must verify. Histories come
 * from running a random interleaving against the spec, then perturbing outputs, cutting the
 * schedule (pending operations) and tying times; both verdicts must be well represented.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkBruteForce,
  checkLinearizable,
  checkOneWriter,
  checkSingle,
  type History,
  historyProblem,
  type SequentialSpec,
  verifyWitness,
} from "../../../src/checker/linearizability/index.js";
import {
  arbitraryHistory,
  type HistoryShape,
} from "../../../src/checker/linearizability/random-history.js";
import { queueSpec } from "../../../src/checker/linearizability/toy/queue.js";
import { rangeMapSpec } from "../../../src/checker/linearizability/toy/range-map.js";
import { registerSpec } from "../../../src/checker/linearizability/toy/register.js";
import { registerMapSpec } from "../../../src/checker/linearizability/toy/register-map.js";
import {
  queueShapes,
  rangeMapShapes,
  registerMapShapes,
  registerShapes,
} from "../../../src/checker/linearizability/toy/shapes.js";

const RUNS = 2000;
const SEED = 20261125;

interface Tally {
  linearizable: number;
  not: number;
  pending: number;
}

/** Asserts agreement on RUNS histories and returns how many were (not) linearizable. */
function agreeOn<State, Input, Output>(
  spec: SequentialSpec<State, Input, Output>,
  shape: HistoryShape<Input, Output>,
  withFastPath: boolean,
): Tally {
  const tally: Tally = { linearizable: 0, not: 0, pending: 0 };
  fc.assert(
    fc.property(arbitraryHistory(spec, shape), (history: History<Input, Output>) => {
      expect(historyProblem(history)).toBeUndefined();
      const judge = checkBruteForce(spec, history).linearizable;
      const general = checkLinearizable(spec, history);
      expect(general.verdict).toBe(judge ? "linearizable" : "not-linearizable");
      if (general.verdict === "linearizable")
        expect(verifyWitness(spec, history, general.witness)).toBeUndefined();
      if (spec.partition !== undefined) {
        // The partitioned search must agree with one search over the whole history.
        expect(checkSingle(spec, history).verdict).toBe(general.verdict);
      }
      if (withFastPath) {
        const fast = checkOneWriter(spec, history);
        expect(fast.verdict).toBe(general.verdict);
        if (fast.verdict === "linearizable")
          expect(verifyWitness(spec, history, fast.witness)).toBeUndefined();
      }
      if (judge) tally.linearizable++;
      else tally.not++;
      if (history.some((op) => op.ret === undefined)) tally.pending++;
    }),
    { seed: SEED, numRuns: RUNS },
  );
  // Both verdicts, and pending operations, must be well represented for the agreement to mean much.
  expect(tally.linearizable).toBeGreaterThan(RUNS / 5);
  expect(tally.not).toBeGreaterThan(RUNS / 10);
  expect(tally.pending).toBeGreaterThan(RUNS / 10);
  return tally;
}

describe("Wing-Gong vs brute force", () => {
  it(`agree on ${RUNS} register histories (3 threads, any operation)`, () => {
    agreeOn(registerSpec, registerShapes.mixed, false);
  });
  it(`agree on ${RUNS} range-map histories (store/load/walk, 3 threads)`, () => {
    agreeOn(rangeMapSpec, rangeMapShapes.mixed, false);
  });
  it(`agree on ${RUNS} queue histories (enqueue/dequeue, 3 threads)`, () => {
    agreeOn(queueSpec, queueShapes.mixed, false);
  });
});

describe("partitioned Wing-Gong vs whole-history Wing-Gong vs brute force", () => {
  it(`agree on ${RUNS} histories of three registers partitioned by key`, () => {
    agreeOn(registerMapSpec, registerMapShapes.mixed, false);
  });
});

describe("one-writer fast path vs Wing-Gong vs brute force", () => {
  it(`agree on ${RUNS} register histories (1 writer, 2 readers)`, () => {
    agreeOn(registerSpec, registerShapes.oneWriter, true);
  });
  it(`agree on ${RUNS} range-map histories (1 writer storing, 2 readers loading/walking)`, () => {
    agreeOn(rangeMapSpec, rangeMapShapes.oneWriter, true);
  });
});

describe("one-writer fast path vs Wing-Gong on long histories (beyond brute force)", () => {
  const LONG_RUNS = 200;
  it(`agree on ${LONG_RUNS} range-map histories of up to 120 operations`, () => {
    const shape = { ...rangeMapShapes.oneWriter, maxOpsPerThread: 40 };
    let decided = 0;
    let linearizable = 0;
    fc.assert(
      fc.property(arbitraryHistory(rangeMapSpec, shape), (history) => {
        const general = checkLinearizable(rangeMapSpec, history, { maxSteps: 200_000 });
        const fast = checkOneWriter(rangeMapSpec, history);
        if (fast.verdict === "linearizable") {
          linearizable++;
          expect(verifyWitness(rangeMapSpec, history, fast.witness)).toBeUndefined();
        }
        if (general.verdict === "unknown") return;
        decided++;
        expect(fast.verdict).toBe(general.verdict);
      }),
      { seed: SEED, numRuns: LONG_RUNS },
    );
    expect(decided).toBeGreaterThan(LONG_RUNS * 0.9);
    expect(linearizable).toBeGreaterThan(LONG_RUNS / 5);
    expect(LONG_RUNS - linearizable).toBeGreaterThan(LONG_RUNS / 5);
  });
});
