/**
 * The judge of a lock_vma_under_rcu reader against a writer: the kernel's mm/vma.c
 * (`"source": "vma.c"`, views from its store log) or the TypeScript mm layer (views recorded
 * at each tree write it makes, compile-mm-scenario.ts). The explorer gives the reader's tree
 * walk (mas_walk under RCU) and when it returned among the writer's stores; the rest of
 * lock_vma_under_rcu is taken from the views of the VMA the walk found, at the store points:
 *
 *   - vma_start_read fails on a VMA the writer has write-locked (vm_lock_seq bumped by
 *     vma_start_write): the lookup gives up and the fault retries under the mmap lock, after
 *     the writer (a fallback, right by construction: the locked lookup is the mm's own);
 *   - otherwise the VMA's own range check, on the range the VMA had then: inside, the lookup
 *     returns the VMA; outside, it returns nothing (and the fault retries under the lock).
 *
 * The reader's vma_start_read is put at the earliest moment it may run, right after its walk
 * returned: the writer had then taken at least the locks it held before its last store that
 * had begun (views[hi]). Later moments add nothing to find: until the writer ends, locks only
 * grow (more fallbacks) and a VMA still unlocked keeps its range (the writer changes a range only
 * under its write lock, or the views show it); after the writer's mmap_write_unlock a VMA is
 * range-checked on its final range and a removed one is detached (lock_vma_under_rcu walks
 * again), so a returned VMA is then right and a "nothing" is the by-design retry of a VMA that
 * moved. The returned VMA must cover the address in a state the reader may see (before or
 * after the writer), and "nothing" at the earliest moment is wrong where every such state has
 * a VMA there: with a correct tree and writer that cannot happen (a VMA unlocked at views[hi]
 * still covers what the walk found it at), so it means a walk that missed or named the wrong
 * VMA (the tree broke RCU), or a range moved while unlocked (the writer broke the VMA lock).
 */
import type { CheckFn, ExecutionHistory } from "../explorer/index.js";
import type { CheckFailure, ModelCheck } from "../scenario/model-check.js";
import type { MmReader, VmaSpan } from "./compile-mm-scenario.js";
import { answeredId, rightId } from "./mm-check.js";
import { allowedStates, stateName } from "./mm-states-check.js";
import { iterateOutcome, iterateStarts, nextVmaId } from "./vma-iterate-check.js";
import { latestView } from "./vma-views.js";

/** A VMA at one point of the writer: its range in pages and whether the writer holds it. */
export interface VmaView {
  id: number;
  start: number;
  end: number;
  locked: boolean;
}

/**
 * views[0]: the mm as the writer starts (nothing locked); views[j]: the tree's VMAs just
 * before the writer's store j, and the stored VMA when new.
 */
export type WriterViews = readonly (readonly VmaView[])[];

export type LockVmaOutcome =
  | { kind: "vma"; id: number }
  | { kind: "fallback"; id: number }
  | { kind: "none"; why: string }
  | { kind: "unknown"; id: number };

function pageText(p: number): string {
  return `0x${(BigInt(p) * 4096n).toString(16)}`;
}

/** lock_vma_under_rcu's result for a walk that found `got` and returned after `hi` stores began. */
export function lockVmaOutcome(
  page: number,
  got: number | null,
  hi: number,
  views: WriterViews,
): LockVmaOutcome {
  if (got === null) return { kind: "none", why: "the walk found no VMA" };
  const v = latestView(views, hi, got);
  if (v === undefined) return { kind: "unknown", id: got };
  if (v.locked) return { kind: "fallback", id: got };
  if (v.start <= page && page < v.end) return { kind: "vma", id: got };
  return {
    kind: "none",
    why: `the walk found VMA ${got}, whose range [${pageText(v.start)}, ${pageText(v.end)}) leaves the address out`,
  };
}

function outcomeText(o: LockVmaOutcome): string {
  switch (o.kind) {
    case "vma":
      return `returns VMA ${o.id}`;
    case "fallback":
      return `falls back to the mmap lock (VMA ${o.id} is write-locked)`;
    case "none":
      return `returns nothing (${o.why})`;
    case "unknown":
      return `the walk found VMA ${o.id}, which the mm never held`;
  }
}

/** The right answer of a reader in a state; an iterate step's from where it searched. */
function rightIn(r: MmReader, s: readonly VmaSpan[], from: number | undefined): number | null {
  return r.kind === "iterate" ? nextVmaId(s, from ?? r.page) : rightId(r, s);
}

/** Whether the outcome is right among the states the reader may see. */
function rightAmong(
  r: MmReader,
  o: LockVmaOutcome,
  states: readonly (readonly VmaSpan[])[],
  from?: number,
) {
  if (o.kind === "fallback") return true;
  if (o.kind === "unknown") return false;
  const want = o.kind === "vma" ? o.id : null;
  return states.some((s) => rightIn(r, s, from) === want);
}

/**
 * The one judge of explored mm readers, for writers in one lock order (mm-states-check.ts:
 * the mm states before, between and after them, `lineCounts` tree stores each) with `views`
 * over all their stores in that order (views[j] before store j). A lockless reader is judged
 * as lock_vma_under_rcu ends (above); a locked one (find_vma) by the VMA its find named; an
 * iterate one step by step, as vma_next's answers (vma-iterate-check.ts).
 */
export function vmaStatesCheck(
  readers: readonly MmReader[],
  states: readonly (readonly VmaSpan[])[],
  lineCounts: readonly number[],
  views: WriterViews,
): ModelCheck {
  const k = lineCounts.length;
  if (states.length !== k + 1) throw new Error("one mm state before each writer and after all");
  const m = lineCounts.reduce((a, b) => a + b, 0);
  if (views.length !== m + 1) throw new Error("one writer view before each store and at the start");
  const failures = new Map<string, CheckFailure>();
  const outcomeOf = (r: MmReader, got: number | null, hi: number, from = r.page): LockVmaOutcome =>
    r.kind === "lockless"
      ? lockVmaOutcome(r.page, got, hi, views)
      : r.kind === "iterate"
        ? iterateOutcome(from, got, hi, views)
        : got === null
          ? { kind: "none", why: "find_vma found no VMA" }
          : { kind: "vma", id: got };
  const check = ((history: ExecutionHistory) => {
    const writes = history.ops.filter((op) => op.kind === "write");
    const hiOf = (op: { ret: number }) => writes.filter((w) => w.call <= op.ret).length;
    // Where each judged step of an iterate reader searched from.
    const starts = new Map<unknown, number>();
    readers.forEach((r, t) => {
      if (r.kind !== "iterate") return;
      const ops = history.ops.filter((op) => op.kind === "read" && op.thread === t + 1);
      for (const [op, from] of iterateStarts(r.page, ops, hiOf, views)) starts.set(op, from);
    });
    for (const op of history.ops) {
      if (op.kind !== "read") continue;
      const r = readers[op.thread - 1];
      const from = starts.get(op);
      // An iterate reader's mset, and its steps after it left the RCU section, are not judged.
      if (r.kind === "iterate" && from === undefined) continue;
      const out = String(op.result);
      const lo = writes.filter((w) => w.ret < op.call).length;
      const hi = hiOf(op);
      const allowed = allowedStates(lo, hi, lineCounts);
      const got = answeredId(out);
      const o: LockVmaOutcome =
        got === undefined
          ? { kind: "none", why: `the walk answered "${out}"` }
          : outcomeOf(r, got, hi, from);
      if (
        got !== undefined &&
        rightAmong(
          r,
          o,
          allowed.map((j) => states[j]),
          from,
        )
      )
        continue;
      const want = allowed
        .map((j) => {
          const id = rightIn(r, states[j], from);
          return `${id === null ? "no VMA" : `VMA ${id}`} ${stateName(j, k)}`;
        })
        .join(", ");
      const what =
        r.kind === "lockless"
          ? `lock_vma_under_rcu(${pageText(r.page)}), after ${hi} of ${m} stores began, ${outcomeText(o)}`
          : r.kind === "iterate"
            ? `vma_next (step ${op.opIndex}, from ${pageText(from ?? r.page)}), after ${hi} of ${m} stores began, ${outcomeText(o)}`
            : `find_vma(${pageText(r.page)}) ${outcomeText(o)}`;
      const message = `${r.name} \`${op.name}\` -> "${out}" matches no state: ${what}; the mm has ${want}`;
      if (!failures.has(message))
        failures.set(message, { thread: op.thread, opIndex: op.opIndex, lo, hi });
      return message;
    }
    return null;
  }) as ModelCheck;
  check.failureOf = (message) => failures.get(message);
  // Right whenever the reader returns: the outcome at every store point, in every state.
  check.alwaysRight = (thread, _opIndex, result) => {
    const r = readers[thread - 1];
    // A step's judge depends on the steps before it: never judged alone.
    if (r.kind === "iterate") return false;
    const got = answeredId(String(result));
    if (got === undefined) return false;
    for (let hi = 0; hi < views.length; hi++) {
      const o = outcomeOf(r, got, hi);
      if (!states.every((s) => rightAmong(r, o, [s]))) return false;
    }
    return true;
  };
  return check satisfies CheckFn;
}

/** One writer (vma.c's): the states before and after it, views over its stores. */
export function vmaLockCheck(
  readers: readonly MmReader[],
  before: readonly VmaSpan[],
  after: readonly VmaSpan[],
  views: WriterViews,
): ModelCheck {
  return vmaStatesCheck(readers, [before, after], [views.length - 1], views);
}
