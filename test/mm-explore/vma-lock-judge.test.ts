/**
 * The per-VMA lock step of lock_vma_under_rcu on the TypeScript mm layer: a split that moves
 * the old VMA's bound is caught when it skips vma_start_write, and only by a judge that
 * range-checks the VMA the walk found on its range at that point (vma-check.ts).
 */
import { describe, expect, it } from "vitest";
import { compileMmScenario } from "../../src/checker/mm-explore/compile-mm-scenario.js";
import { runMmExploreSpec } from "../../src/checker/mm-explore/run-mm-explore-spec.js";
import { Spec } from "../../src/checker/spec/schema.js";

/** mprotect of B's upper half: split at 0x3000, the new VMA below, B moved up; a fault in it. */
function splitSpec() {
  return Spec.parse({
    name: "split-lock",
    mode: "mm-explore",
    expect: "pass",
    mmExplore: {
      flavour: "6.12",
      guardPages: 0,
      startBrk: 16,
      prefix: ["mmap 0 0x1000-0x5000 rw- fixed anon"],
      writer: "mprotect 0 0x3000-0x5000 r--",
      readers: [{ name: "fault-low", kind: "lockless", addr: "0x2000" }],
      bounds: { readerSteps: 10000, executions: 200000 },
    },
  });
}

describe("lock_vma_under_rcu's per-VMA lock on the mm layer", () => {
  it("the views note B write-locked and moved before the store of the new VMA", () => {
    const e = splitSpec().mmExplore;
    if (e === undefined) throw new Error("no block");
    const c = compileMmScenario("t", e);
    expect(c.data.writer).toHaveLength(1);
    expect(c.views[0]).toEqual([{ id: 1, start: 1, end: 5, locked: false }]);
    expect(c.views[1]).toEqual([
      { id: 1, start: 3, end: 5, locked: true },
      { id: 2, start: 1, end: 3, locked: false },
    ]);
    const skipped = compileMmScenario("t", e, undefined, ["split-skips-vma-start-write"]);
    expect(skipped.views[1][0]).toEqual({ id: 1, start: 3, end: 5, locked: false });
  });

  it("a walk that found B while it moved falls back; without the lock it returns nothing", () => {
    expect(runMmExploreSpec(splitSpec()).verdict).toBe("pass");
    const o = runMmExploreSpec(splitSpec(), {}, ["split-skips-vma-start-write"]);
    expect(o.verdict).toBe("violation");
    // The walk's answer names B, which covers 0x2000 before the writer: a judge of the walk
    // alone takes it; lock_vma_under_rcu range-checks B on [0x3000, 0x5000) and misses.
    expect(o.counterexample?.found).toEqual({
      reader: "fault-low",
      line: "walk 0x2000",
      answer: "1 4096 20479",
    });
    expect(o.counterexample?.body).toContain(
      "returns nothing (the walk found VMA 1, whose range [0x3000, 0x5000) leaves the address out); the mm has VMA 1 before the writer, VMA 2 after the writer",
    );
  });
});
