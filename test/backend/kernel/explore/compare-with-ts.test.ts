/**
 * The seed bug's writer on the C tree against the TypeScript tree's recordWriter for the same
 * scenario: the same stores to the same node words and the root, with the same values, in the
 * same order. What only the C code does is set aside and pinned here, so that a change on
 * either side shows: the allocation bookkeeping and zeroing of a new node, ma_set_meta's two
 * byte stores, the height in ma_flags, and the memcpy calls whose stores the TypeScript tree
 * orders (a real memcpy orders nothing).
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  compareWriterLogs,
  type WriterComparison,
} from "../../../../src/backend/kernel/explore/compare-writer.js";
import {
  BUILD_TIMEOUT,
  exploreRunner,
  kernelDir,
  recordOnC,
  recordOnTs,
  seedScenario,
} from "./explore-runner-for-tests.js";

describe.skipIf(kernelDir === undefined)("C writer log vs TypeScript writer log", () => {
  let off: WriterComparison;
  let on: WriterComparison;
  beforeAll(() => {
    exploreRunner();
    off = compareWriterLogs(recordOnC(seedScenario("off")).log, recordOnTs(seedScenario("off")));
    on = compareWriterLogs(recordOnC(seedScenario("on")).log, recordOnTs(seedScenario("on")));
  }, BUILD_TIMEOUT);

  it("RCU off: the same 32 stores, one unordered node copy on both sides", () => {
    expect(off.differences).toEqual([]);
    expect(off.same).toBe(true);
    expect(off.kernelStores).toHaveLength(32);
    expect(off.kernelStores.every((s) => s.endsWith("(unordered)"))).toBe(true);
    expect(off.unorderedInKernelOnly).toBe(0);
    expect(off.unorderedInModelOnly).toBe(0);
    expect([...off.kernelOnly]).toEqual([]);
  });

  it("RCU on: the same 21 stores to the new leaf, the root and the old leaf", () => {
    expect(on.differences).toEqual([]);
    expect(on.same).toBe(true);
    expect(on.kernelStores).toHaveLength(21);
    expect(on.kernelStores.slice(-3)).toEqual([
      "n2 parent := tree-root",
      "root := n2",
      "n1 parent := n1",
    ]);
  });

  it("RCU on: what only the C code does", () => {
    expect(Object.fromEntries(on.kernelOnly)).toEqual({
      // struct maple_alloc in the preallocated node (4 stores), then mas_pop_node's memset (32).
      "a new node's allocation bookkeeping and zeroing (mas_alloc_nodes, mas_pop_node)": 36,
      // ma_set_meta: gap, then end, one byte each.
      "sub-word stores merged into the word store that follows": 1,
      // mas_set_height after publishing the root: a plain store to ma_flags.
      "tree flags (mas_set_height)": 1,
    });
    // mas_wr_node_store's four memcpy calls (pivots and slots before and after the new range)
    // make 13 stores the TypeScript tree does one by one, in order.
    expect(on.unorderedInKernelOnly).toBe(13);
    expect(on.unorderedInModelOnly).toBe(0);
  });

  it("RCU on: call_rcu and the free after the grace period", () => {
    // Both model call_rcu's writes to the rcu_head (pivot[0..1] of the dead leaf): the C
    // runtime as __call_rcu_common does (func, then next), the TypeScript tree next first.
    expect(on.rcuHead.kernel).toEqual(["node 1 pivot[1]", "node 1 pivot[0]"]);
    expect(on.rcuHead.model).toEqual(["node#4 pivot[0]", "node#4 pivot[1]"]);
    expect(on.callbackStores).toEqual({ kernel: 32, model: 32 });
  });
});
