/**
 * The iterate reader of mm-explore (vma_next from a vma iterator under one RCU section): what it
 * compiles to, its judge on hand-made histories, and the verdicts of its specs.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ExecutionHistory, HistoryOp } from "../../src/checker/explorer/index.js";
import {
  compileMmScenario,
  type MmReader,
  type VmaSpan,
} from "../../src/checker/mm-explore/compile-mm-scenario.js";
import { MmExploreSpec } from "../../src/checker/mm-explore/mm-explore-spec.js";
import { type VmaView, vmaLockCheck } from "../../src/checker/mm-explore/vma-check.js";
import { runSpec } from "../../src/checker/run/run-spec.js";
import { loadSpecFile } from "../../src/checker/spec/load-spec.js";
import { packageRoot } from "../../src/package-root.js";

const PREFIX = ["mmap 0 0x1000-0x2000 r-- fixed anon", "mmap 0 0x6000-0x8000 rw- fixed anon"];
const ITER = { name: "maps", kind: "iterate", addr: "0x2000", steps: 2 };

describe("an iterate reader compiles to a cursor set at its address and vma_next steps", () => {
  it("mset ADDR, then mfind max per step, in one RCU section, against any writer", () => {
    const e = MmExploreSpec.parse({
      prefix: PREFIX,
      writer: "mmap 0 0x2000-0x6000 rw- fixed anon",
      readers: [ITER],
      treeFaults: ["proposed-fix:restart-step-from-operation-start"],
    });
    const c = compileMmScenario("t", e);
    expect(c.data.readers).toEqual([
      { name: "maps", kind: "rcu", lines: ["mset 0x2000", "mfind max", "mfind max"] },
    ]);
    expect(c.interleaved.map((r) => [r.kind, r.page, r.steps])).toEqual([["iterate", 2, 2]]);
    // The merge moves N's start down over the whole gap: one store of N.
    expect(c.data.writer).toEqual(["store 8192 32767 2"]);
    expect(c.data.faults).toEqual(["proposed-fix:restart-step-from-operation-start"]);
  });

  it("refuses steps on another reader and tree switches with a vma.c writer", () => {
    const bad = (o: object) =>
      MmExploreSpec.safeParse({ prefix: PREFIX, writer: "munmap 0 0x1000-0x2000", ...o });
    expect(bad({ readers: [{ kind: "lockless", addr: "0x1000", steps: 2 }] }).success).toBe(false);
    expect(bad({ readers: [ITER], treeFaults: ["selftest:x"] }).success).toBe(false);
    const vma = MmExploreSpec.safeParse({
      source: "vma.c",
      prefix: ["vma_link 0x1000 0x2000 0x71"],
      writer: "merge_new 0x2000 0x6000 0x73",
      readers: [ITER],
      treeFaults: ["proposed-fix:restart-step-from-operation-start"],
    });
    expect(vma.success).toBe(false);
    expect(JSON.stringify(vma.error?.issues)).toMatch(/TypeScript tree \(mm-layer source\) only/);
  });
});

const span = (id: number, start: number, end: number): VmaSpan => ({ id, start, end, text: "" });
const view = (id: number, start: number, end: number, locked: boolean): VmaView => ({
  id,
  start,
  end,
  locked,
});
/** A [1,2) and N [6,8) in pages; the writer's one store moves N's start down to 2. */
const before = [span(1, 1, 2), span(2, 6, 8)];
const after = [span(1, 1, 2), span(2, 2, 8)];
const views = (nLocked: boolean) => [
  [view(1, 1, 2, false), view(2, 6, 8, false)],
  [view(1, 1, 2, false), view(2, 6, 8, nLocked)],
];
const maps: MmReader = { name: "maps", kind: "iterate", page: 2, steps: 2, interleaved: true };

/** The writer's store at [10, 20]; the reader's mset at 0-1 and its steps at the given times. */
function history(steps: [number, number, string][]): ExecutionHistory {
  const ops: HistoryOp[] = [
    { thread: 0, kind: "write", opIndex: 0, name: "store 8192 32767 2", call: 10, ret: 20 },
    { thread: 1, kind: "read", opIndex: 0, name: "mset 0x2000", call: 0, ret: 1, result: "ok" },
    ...steps.map(([call, ret, result], i) => ({
      thread: 1,
      kind: "read" as const,
      opIndex: i + 1,
      name: "mfind max",
      call,
      ret,
      result,
    })),
  ];
  return { ops };
}

describe("the iterate judge: vma_next's answers against the states real time allows", () => {
  const check = (nLocked = false) => vmaLockCheck([maps], before, after, views(nLocked));

  it("a NULL where N is above the iterator in every state is a violation", () => {
    const out = check()(history([[5, 15, "null 32768 18446744073709551615 active"]]));
    expect(out).toMatch(/vma_next \(step 1, from 0x2000\).*returns nothing/);
    expect(out).toMatch(/VMA 2 before the writer, VMA 2 after the writer/);
    // Even a write-locked N does not excuse it: lock_next_vma takes NULL as the end.
    expect(check(true)(history([[5, 15, "null 32768 18446744073709551615 active"]]))).not.toBe(
      null,
    );
  });

  it("N, then NULL from N's end, is right; a step after a NULL is not judged", () => {
    expect(
      check()(
        history([
          [5, 15, "2 24576 32767 active"],
          [16, 18, "null 32768 18446744073709551615 active"],
        ]),
      ),
    ).toBeNull();
    expect(
      check()(
        history([
          [21, 22, "2 8192 32767 active"],
          [23, 24, "null 32768 18446744073709551615 active"],
        ]),
      ),
    ).toBeNull();
  });

  it("a second step searches from the end of the range the first one answered", () => {
    const inA: MmReader = { ...maps, page: 1 };
    const steps = (second: string) =>
      vmaLockCheck(
        [inA],
        before,
        after,
        views(false),
      )(
        history([
          [2, 3, "1 4096 8191 active"],
          [5, 15, second],
        ]),
      );
    expect(steps("null 32768 18446744073709551615 active")).toMatch(
      /vma_next \(step 2, from 0x2000\).*returns nothing/,
    );
    expect(steps("2 24576 32767 active")).toBeNull();
  });

  it("a VMA ending at or below where the step searched from falls back (lock_next_vma)", () => {
    expect(check()(history([[2, 3, "1 4096 8191 active"]]))).toBeNull();
  });

  it("a VMA the writer has write-locked falls back to the mmap lock (right)", () => {
    // N found while the store is under way and N locked: vma_start_read fails.
    const h = history([[5, 15, "2 8192 32767 active"]]);
    expect(check(true)(h)).toBeNull();
  });
});

function run(name: string) {
  return runSpec(loadSpecFile(join(packageRoot(), "specs", `${name}.json`)));
}

describe("the rewalk finding at the VMA level (mm layer, TypeScript tree)", () => {
  it("a merge that moves the last VMA's start over the whole gap: vma_next answers NULL", () => {
    const o = run("mm-explore-iterate-merge-next-612");
    expect(o.verdict).toBe("violation");
    expect(o.pinMismatch).toBeUndefined();
    expect(o.counterexample?.body).toContain("vma_next x2 from a vma iterator at 0x2000");
  });

  it.each(["mm-explore-iterate-merge-next-612-fixed", "mm-explore-iterate-new-vma-in-gap-612"])(
    "%s passes",
    (name) => {
      const o = run(name);
      expect(o.verdict).toBe("pass");
      expect(o.exploration?.[0].verdict).toBe("pass");
    },
  );
});

describe("an iterator going on from a VMA that a merge swallows", () => {
  it.each([
    "mm-explore-iterate-mprotect-merge-three-612",
    "mm-explore-iterate-mprotect-merge-three-612-proposed-fix",
  ])("%s: vma_next answers NULL from B's end, with or without the proposed fix", (name) => {
    const o = run(name);
    expect(o.verdict).toBe("violation");
    expect(o.counterexample?.found).toEqual({
      reader: "maps-from-B",
      line: "mfind max",
      answer: "null 40960 18446744073709551615 active",
    });
    expect(o.counterexample?.error).toMatch(/step 2, from 0x8000/);
  });
});
