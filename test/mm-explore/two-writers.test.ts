import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ExecutionHistory, HistoryOp } from "../../src/checker/explorer/index.js";
import type { MmReader, VmaSpan } from "../../src/checker/mm-explore/compile-mm-scenario.js";
import { MmExploreSpec } from "../../src/checker/mm-explore/mm-explore-spec.js";
import { allowedStates } from "../../src/checker/mm-explore/mm-states-check.js";
import { compileVariants } from "../../src/checker/mm-explore/mm-variants.js";
import { lockOrders } from "../../src/checker/mm-explore/mm-writers.js";
import { vmaStatesCheck } from "../../src/checker/mm-explore/vma-check.js";
import { parseToken } from "../../src/checker/run/replay-token.js";
import { runSpec } from "../../src/checker/run/run-spec.js";
import { loadSpecFile } from "../../src/checker/spec/load-spec.js";
import { packageRoot } from "../../src/package-root.js";

function load(name: string) {
  return loadSpecFile(join(packageRoot(), "specs", `${name}.json`));
}

const PREFIX = [
  "mmap 0 0x1000-0x2000 rw- fixed anon",
  "mmap 0 0x4000-0x6000 rw- fixed anon growsdown",
  "mmap 0 0x6000-0x7000 rw- fixed anon",
  "mmap 0 0x9000-0xb000 rw- fixed anon growsdown",
  "mmap 0 0xb000-0xc000 rw- fixed anon",
];

function block(over: object) {
  return MmExploreSpec.safeParse({
    guardPages: 0,
    startBrk: 16,
    prefix: PREFIX,
    readers: [{ kind: "lockless", addr: "0x8000" }],
    ...over,
  });
}

describe("the mm states a reader may answer from", () => {
  it("one writer: before while any store is ahead, after once one has begun", () => {
    expect(allowedStates(0, 0, [3])).toEqual([0]);
    expect(allowedStates(0, 1, [3])).toEqual([0, 1]);
    expect(allowedStates(2, 2, [3])).toEqual([0, 1]);
    expect(allowedStates(3, 3, [3])).toEqual([1]);
  });

  it("two writers: inside writer 1's stores only before or between, never after", () => {
    // Writer 1 stores lines 1-2, writer 2 lines 3-5.
    expect(allowedStates(1, 1, [2, 3])).toEqual([0, 1]);
    expect(allowedStates(2, 2, [2, 3])).toEqual([1]);
    expect(allowedStates(3, 4, [2, 3])).toEqual([1, 2]);
    expect(allowedStates(0, 5, [2, 3])).toEqual([0, 1, 2]);
    // A writer that stored nothing (its allocation failed first): both states are one.
    expect(allowedStates(0, 0, [0, 2])).toEqual([0, 1]);
  });

  it("an answer right only after both writers is wrong during writer 1 (a one-writer judge takes it)", () => {
    // find_vma(0x6000) under the read lock (pre-6.5 expansion): VMA 4 until writer 2 maps 3.
    const reader: MmReader = { name: "r", kind: "locked", page: 6, interleaved: true };
    const s2: VmaSpan = { id: 4, start: 9, end: 11, text: "" };
    const before = [s2];
    const between = [{ ...s2, start: 8 }];
    const after = [{ id: 3, start: 6, end: 7, text: "" }, ...between];
    const views = Array.from({ length: 5 }, () => [{ ...s2, locked: false }]);
    const h = history(2.5, "3 24576 28671");
    expect(vmaStatesCheck([reader], [before, between, after], [2, 2], views)(h)).toMatch(
      /find_vma\(0x6000\) returns VMA 3; the mm has VMA 4 before the writers, VMA 4 after writer 1 of 2/,
    );
    expect(vmaStatesCheck([reader], [before, after], [4], views)(h)).toBeNull();
  });

  it("a lockless walk naming a VMA whose range leaves the address out returns nothing", () => {
    // lock_vma_under_rcu(0x8000) during writer 1: its walk names VMA 4, then at [0x9000, 0xb000).
    const reader: MmReader = { name: "r", kind: "lockless", page: 8, interleaved: true };
    const s2: VmaSpan = { id: 4, start: 9, end: 11, text: "" };
    const after = [{ ...s2, start: 7 }];
    const unlocked = [{ ...s2, locked: false }];
    const views = [
      unlocked,
      unlocked,
      unlocked,
      [{ ...s2, locked: true }],
      [{ ...s2, locked: true }],
    ];
    const check = vmaStatesCheck([reader], [[s2], [s2], after], [2, 2], views);
    expect(check(history(2.5, "4 28672 36863"))).toBeNull();
    // Called once writer 2 has begun: VMA 4 write-locked, the fault falls back to the lock.
    expect(check(history(3.5, "4 28672 36863"))).toBeNull();
    // A walk finding nothing once both writers are done is wrong: VMA 4 covers 0x8000 then.
    expect(check(history(9, "null 32768 36863", 8.5))).toMatch(
      /returns nothing \(the walk found no VMA\); the mm has VMA 4 after the writers/,
    );
  });
});

/** Four writer stores (lines 1-2 writer 1, 3-4 writer 2) and one read from `call` to `ret`. */
function history(ret: number, result: string, call = 0.5): ExecutionHistory {
  const writes: HistoryOp[] = [0, 1, 2, 3].map((i) => ({
    thread: 0,
    kind: "write",
    opIndex: i,
    name: `w${i}`,
    call: 2 * i,
    ret: 2 * i + 1,
  }));
  const read: HistoryOp = {
    thread: 1,
    kind: "read",
    opIndex: 0,
    name: "walk",
    call,
    ret,
    result,
  };
  return { ops: [...writes, read] };
}

describe("mm-explore specs with two writers", () => {
  it("lock orders: every permutation, the spec's own first", () => {
    expect(lockOrders(1)).toEqual([[0]]);
    expect(lockOrders(2)).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(lockOrders(3)).toHaveLength(6);
  });

  it("refuses writers mm does not allow together, and writer with writers", () => {
    const two = ["expand_downwards 0 0x2000", "expand_downwards 0 0x7000"];
    expect(block({ writers: two }).success).toBe(true);
    expect(block({ writer: two[0], writers: two }).success).toBe(false);
    expect(block({}).success).toBe(false);
    const mixed = block({
      stackExpansionLock: "pre-6.5-read",
      writers: [two[0], "munmap 0 0x1000-0x2000"],
    });
    expect(mixed.success).toBe(false);
    expect(mixed.error?.issues[0].message).toMatch(/all stack expansions .* or none/);
    const slots = block({ mms: 2, writers: [two[0], "expand_downwards 1 0x7000"] });
    expect(slots.error?.issues[0].message).toMatch(/same mm/);
  });

  it("each lock order is one writer log: the writers' stores concatenated in that order", () => {
    const e = load("mm-explore-two-stacks-pre-seed").mmExplore;
    if (e === undefined) throw new Error("no block");
    const vs = compileVariants("t", e);
    expect(vs.map((v) => v.label)).toEqual([
      "order expand_downwards 0 0x2000 then expand_downwards 0 0x7000",
      "order expand_downwards 0 0x7000 then expand_downwards 0 0x2000",
    ]);
    const [ab, ba] = vs.map((v) => {
      if ("mismatch" in v) throw new Error(v.mismatch);
      return v.compiled;
    });
    expect(ab.data.writer).toEqual(["store 8192 24575 2", "store 28672 45055 4"]);
    expect(ba.data.writer).toEqual(["store 28672 45055 4", "store 8192 24575 2"]);
    expect(ab.lineCounts).toEqual([1, 1]);
    // Between the two: only the first writer's stack has grown.
    expect(ab.states[1].find((v) => v.id === 2)?.start).toBe(2);
    expect(ab.states[1].find((v) => v.id === 4)?.start).toBe(9);
    expect(ba.states[1].find((v) => v.id === 2)?.start).toBe(4);
    expect(ba.states[1].find((v) => v.id === 4)?.start).toBe(7);
  });

  it("two stacks growing under the pre-6.5 read lock pass with 6.12's MM_MT_FLAGS, every order named", () => {
    const o = runSpec(load("mm-explore-two-stacks-612"));
    expect(o.verdict).toBe("pass");
    const names = o.exploration?.map((x) => x.scenario) ?? [];
    expect(names.filter((n) => !n.includes("allocation"))).toEqual([
      "mm-explore-two-stacks-612 [order expand_downwards 0 0x2000 then expand_downwards 0 0x7000]",
      "mm-explore-two-stacks-612 [order expand_downwards 0 0x7000 then expand_downwards 0 0x2000]",
    ]);
    expect(o.exploration?.every((x) => x.verdict === "pass")).toBe(true);
  });

  it("and are a violation with the pre-seed flags, replayable from a token naming the order", () => {
    const spec = load("mm-explore-two-stacks-pre-seed");
    const o = runSpec(spec);
    expect(o.verdict).toBe("violation");
    expect(o.pinMismatch).toBeUndefined();
    expect(o.counterexample?.body).toContain("variant: order expand_downwards 0 0x7000 then");
    const t = parseToken(o.counterexample?.replayToken ?? "");
    if (t.mode !== "explore") throw new Error("not an explore token");
    expect(t.path[0]).toBe(1);
    const again = runSpec(spec, { replay: t, specHash: t.hash });
    expect(again.counterexample?.body).toBe(o.counterexample?.body);
  });

  it("with allocFailure, each writer of each order fails in turn and stores nothing", () => {
    const e = load("mm-explore-two-stacks-612").mmExplore;
    if (e === undefined) throw new Error("no block");
    const vs = compileVariants("t", MmExploreSpec.parse({ ...e, allocFailure: "explore" }));
    const A = "expand_downwards 0 0x2000";
    const B = "expand_downwards 0 0x7000";
    expect(vs.map((v) => v.label)).toEqual([
      `order ${A} then ${B}`,
      `order ${A} then ${B}; allocation 1 of ${A} fails`,
      `order ${A} then ${B}; allocation 1 of ${B} fails`,
      `order ${B} then ${A}`,
      `order ${B} then ${A}; allocation 1 of ${B} fails`,
      `order ${B} then ${A}; allocation 1 of ${A} fails`,
    ]);
    const v = vs[1];
    if ("mismatch" in v) throw new Error(v.mismatch);
    // The first writer's preallocation failed before any store: the space between is S0.
    expect(v.compiled.lineCounts).toEqual([0, 1]);
    expect(v.compiled.states[1]).toEqual(v.compiled.states[0]);
  });

  it("the guard-gap control passes in both orders on the pre-seed tree", () => {
    const o = runSpec(load("mm-explore-two-stacks-guard-gap-pre-seed"));
    expect(o.verdict).toBe("pass");
    expect(o.scenarios).toBe(2);
  });
});
