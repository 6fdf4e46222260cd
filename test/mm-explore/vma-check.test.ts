/**
 * The lock_vma_under_rcu judge of vma.c writers (vma-check.ts) on hand-made histories of a
 * split of B [0x3000,0x8000) at 0x5000: one store of the new VMA 3 over [0x3000,0x4fff].
 */
import { describe, expect, it } from "vitest";
import type { ExecutionHistory, HistoryOp } from "../../src/checker/explorer/index.js";
import type { MmReader, VmaSpan } from "../../src/checker/mm-explore/compile-mm-scenario.js";
import {
  lockVmaOutcome,
  type VmaView,
  vmaLockCheck,
} from "../../src/checker/mm-explore/vma-check.js";

const span = (id: number, start: number, end: number): VmaSpan => ({ id, start, end, text: "" });
const before = [span(1, 1, 2), span(2, 3, 8)];
const after = [span(1, 1, 2), span(3, 3, 5), span(2, 5, 8)];
const view = (id: number, start: number, end: number, locked: boolean): VmaView => ({
  id,
  start,
  end,
  locked,
});
/** As vma.c does it: B locked and moved, the new VMA locked, before the store. */
const views = [
  [view(1, 1, 2, false), view(2, 3, 8, false)],
  [view(1, 1, 2, false), view(2, 5, 8, true), view(3, 3, 5, true)],
];
const low: MmReader = { name: "low", kind: "lockless", page: 3, interleaved: true };
const inA: MmReader = { name: "inA", kind: "lockless", page: 1, interleaved: true };

/** One writer store at [10, 20]; the reader's walk from `call` to `ret` answering `result`. */
function history(call: number, ret: number, result: string): ExecutionHistory {
  const ops: HistoryOp[] = [
    { thread: 0, kind: "write", opIndex: 0, name: "store 12288 20479 3", call: 10, ret: 20 },
    { thread: 1, kind: "read", opIndex: 0, name: "walk 0x3000", call, ret, result },
  ];
  return { ops };
}

describe("lock_vma_under_rcu against a vma.c writer", () => {
  const check = vmaLockCheck([low], before, after, views);

  it("a walk wholly before the writer returns the VMA it found, right before", () => {
    expect(lockVmaOutcome(3, 2, 0, views)).toEqual({ kind: "vma", id: 2 });
    expect(check(history(1, 5, "2 12288 32767"))).toBeNull();
  });

  it("a walk that finds a VMA the writer write-locked falls back to the mmap lock", () => {
    expect(lockVmaOutcome(3, 2, 1, views)).toEqual({ kind: "fallback", id: 2 });
    expect(check(history(5, 15, "2 12288 32767"))).toBeNull();
  });

  it("no VMA where one covers the address before and after is a miss", () => {
    const message = check(history(5, 15, "null 12288 32767"));
    expect(message).toMatch(/^low `walk 0x3000` -> "null 12288 32767" matches no state: /);
    expect(message).toMatch(
      /returns nothing \(the walk found no VMA\); the mm has VMA 2 before the writer, VMA 3 after the writer/,
    );
    expect(check.failureOf(message as string)).toEqual({ thread: 1, opIndex: 0, lo: 0, hi: 1 });
  });

  it("a VMA whose range moved while it was not write-locked fails the range check: a miss", () => {
    const unlocked = [views[0], [view(1, 1, 2, false), view(2, 5, 8, false), view(3, 3, 5, true)]];
    const c = vmaLockCheck([low], before, after, unlocked);
    expect(c(history(5, 15, "2 12288 32767"))).toMatch(
      /found VMA 2, whose range \[0x5000, 0x8000\) leaves the address out/,
    );
    // Wholly before the writer the same walk is right: B still had its range.
    expect(c(history(1, 5, "2 12288 32767"))).toBeNull();
  });

  it("an id the mm never held is wrong whenever it is read", () => {
    expect(lockVmaOutcome(3, 9, 1, views)).toEqual({ kind: "unknown", id: 9 });
    expect(check(history(5, 15, "9 12288 32767"))).toMatch(/which the mm never held/);
  });

  it("a returned VMA must be the one covering the address in a state the reader may see", () => {
    // A reader wholly after the writer cannot return B at 0x3000 (B starts at 0x5000 after).
    const c = vmaLockCheck([low], before, after, [views[0], [view(2, 3, 8, false)]]);
    expect(c(history(25, 30, "2 12288 32767"))).toMatch(/returns VMA 2; the mm has VMA 3 after/);
  });

  it("alwaysRight only for answers right at every store point in both states", () => {
    const both = vmaLockCheck([low, inA], before, after, views);
    expect(both.alwaysRight?.(2, 0, "1 4096 8191")).toBe(true);
    // B at 0x3000 is right before the writer only.
    expect(both.alwaysRight?.(1, 0, "2 12288 32767")).toBe(false);
    expect(both.alwaysRight?.(1, 0, "null 0 4095")).toBe(false);
  });
});
