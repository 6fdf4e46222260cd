/**
 * When the pair runs the whole-map check and validate(): after every write on small maps,
 * amortized on big ones, once after a bulk fill, never after a read, and at the end of a run;
 * and a difference a skipped check let through is still found there.
 */
import { describe, expect, it } from "vitest";
import { CHECK_SPAN, pairOptions } from "../../../src/checker/sequential/check-sequential.js";
import {
  CheckedPair,
  emptyCoverage,
  SequentialMismatch,
} from "../../../src/checker/sequential/checked-pair.js";
import type { TreeSpec } from "../../../src/checker/spec/schema.js";

const kernel: TreeSpec = { flags: [], geometry: "kernel", faults: [] };

function pairOf(tree: TreeSpec) {
  const coverage = emptyCoverage();
  const pair = new CheckedPair({ ...pairOptions(tree, coverage), checkSpan: CHECK_SPAN });
  return { pair, coverage };
}

/** 200 ranges [10i, 10i+4] = i+1 with NULL gaps between: 400 ranges, height 3. */
const stores = Array.from({ length: 200 }, (_, i) => {
  const first = BigInt(10 * i);
  return [first, first + 4n, BigInt(i + 1)] as [bigint, bigint, bigint];
});

describe("the full check's schedule", () => {
  it("follows every write on a small map, and no read", () => {
    const { pair, coverage } = pairOf(kernel);
    const before = coverage.fullChecks;
    pair.run("store 10 20 1");
    pair.run("store 30 40 2");
    pair.run("load 15");
    pair.run("find 0 100");
    expect(coverage.fullChecks - before).toBe(2);
  });

  it("comes once after a bulk fill, then every ceil(ranges/64)-th write, and at the end", () => {
    const { pair, coverage } = pairOf(kernel);
    const before = coverage.fullChecks;
    pair.runBulk(stores, () => {});
    expect(coverage.fullChecks - before).toBe(1);
    expect(coverage.maxHeight).toBe(3);
    // 401 ranges: a check every 7th write.
    for (let i = 0; i < 14; i++) pair.run(`store ${10 * i + 5} ${10 * i + 6} 9`);
    expect(coverage.fullChecks - before).toBe(1 + 2);
    pair.run("store 3000 3001 1");
    pair.finish();
    expect(coverage.fullChecks - before).toBe(1 + 2 + 1);
    expect(coverage.runHeights[3]).toBe(1);
  });

  it("still finds at the end of the run a difference a skipped check let through", () => {
    const { pair, coverage } = pairOf(kernel);
    pair.runBulk(stores, () => {});
    const before = coverage.fullChecks;
    // `corrupt` clears a slot behind the tree's back: the model never hears of it, and the
    // write's own check is skipped on a map this big.
    pair.run("corrupt 1003");
    pair.run("load 3");
    expect(coverage.fullChecks).toBe(before);
    expect(() => pair.finish()).toThrow(SequentialMismatch);
    expect(() => pair.finish()).not.toThrow(); // checked: nothing is pending any more
  });
});
