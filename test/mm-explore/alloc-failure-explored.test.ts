import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileVariants } from "../../src/checker/mm-explore/mm-variants.js";
import { runMmExploreSpec } from "../../src/checker/mm-explore/run-mm-explore-spec.js";
import { parseToken } from "../../src/checker/run/replay-token.js";
import { runSpec } from "../../src/checker/run/run-spec.js";
import { loadSpecFile } from "../../src/checker/spec/load-spec.js";
import { Spec } from "../../src/checker/spec/schema.js";
import { packageRoot } from "../../src/package-root.js";

/**
 * The seed's layout on 6.12; a fault at 0x4000 grows S over the gap (under the mmap write
 * lock, or the named pre-6.5 read lock); a fault in the gap.
 */
function seedSpec(allocFailure: boolean, readLock = true) {
  return Spec.parse({
    name: "nomem-expand",
    mode: "mm-explore",
    expect: "pass",
    mmExplore: {
      flavour: "6.12",
      guardPages: 0,
      startBrk: 16,
      prefix: [
        "mmap 0 0x1000-0x2000 rw- fixed anon",
        "mmap 0 0x3000-0x4000 rw- fixed anon",
        "mmap 0 0x6000-0x8000 rw- fixed anon growsdown",
        "mmap 0 0x9000-0xa000 rw- fixed anon",
      ],
      writer: "expand_downwards 0 0x4000",
      ...(readLock && { stackExpansionLock: "pre-6.5-read" }),
      ...(allocFailure && { allocFailure: "explore" }),
      readers: [{ name: "fault-in-gap", kind: "lockless", addr: "0x5000" }],
      bounds: { readerSteps: 10000, executions: 200000 },
    },
  });
}

describe("allocation failure as an explored choice", () => {
  it("every allocation of the writer fails in turn, up to the allocations it makes", () => {
    const e = loadSpecFile(
      join(packageRoot(), "specs", "mm-explore-munmap-nomem-612.json"),
    ).mmExplore;
    if (e === undefined) throw new Error("no block");
    const vs = compileVariants("t", e);
    // munmap of the middle of B: two splits (a VMA and a preallocation each), the side-tree
    // store and the clear's preallocation: six allocations, k = 1..6, and none failing.
    expect(vs.map((v) => v.label)).toEqual([
      "",
      ...[1, 2, 3, 4, 5, 6].map((k) => `allocation ${k} of munmap 0 0x5000-0x7000 fails`),
    ]);
    for (const v of vs.slice(1)) {
      if ("mismatch" in v) throw new Error(v.mismatch);
      expect(v.compiled.failed).toBe(true);
      // Unchanged: the same pages mapped (a split made before the failure stays).
      const pages = (s: typeof v.compiled.before) =>
        s.flatMap((x) => Array.from({ length: x.end - x.start }, (_, i) => x.start + i));
      expect(pages(v.compiled.after)).toEqual(pages(v.compiled.before));
    }
  });

  it("the munmap spec passes in every variant", () => {
    const o = runSpec(
      loadSpecFile(join(packageRoot(), "specs", "mm-explore-munmap-nomem-612.json")),
    );
    expect(o.verdict).toBe("pass");
    expect(o.scenarios).toBe(7);
  });

  it("a layer that shows a half-done write before failing its allocation is caught", () => {
    const faults = ["expand-stores-before-prealloc"] as const;
    // Sequentially the fault is right: the space ends unchanged, so no variant mismatches.
    const e = seedSpec(true).mmExplore;
    if (e === undefined) throw new Error("no block");
    expect(compileVariants("t", e, faults).some((v) => "mismatch" in v)).toBe(false);
    // Under 6.12's write lock S is write-locked before the half-done store: a fault whose walk
    // finds S falls back to the mmap lock and waits for the undo (lock_vma_under_rcu is right).
    expect(runMmExploreSpec(seedSpec(true, false), {}, faults).verdict).toBe("pass");
    // Under the pre-6.5 read lock nothing locks S. Without exploring allocation failures
    // nothing fails; with it, the fault in the gap sees S.
    expect(runMmExploreSpec(seedSpec(false), {}, faults).verdict).toBe("pass");
    expect(runMmExploreSpec(seedSpec(true), {}, []).verdict).toBe("pass");
    const o = runMmExploreSpec(seedSpec(true), {}, faults);
    expect(o.verdict).toBe("violation");
    expect(o.counterexample?.found).toEqual({
      reader: "fault-in-gap",
      line: "walk 0x5000",
      answer: "3 16384 32767",
    });
    expect(o.counterexample?.body).toContain(
      "variant: allocation 1 of expand_downwards 0 0x4000 fails",
    );
    // The token's first choice names the variant (1: the first failing allocation).
    const t = parseToken(o.counterexample?.replayToken ?? "");
    expect(t.mode === "explore" && t.path[0]).toBe(1);
  });
});
