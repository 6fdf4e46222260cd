/**
 * An iterate reader's steps at the mm level: a vma iterator set at an address calls vma_next
 * (mas_find to ULONG_MAX) in one RCU section. Step 1 searches from the address, step k+1 from
 * the end of the range step k answered (where the iterator then stands). A step's answer is
 * right in an mm state when it is the first VMA ending above where it searched from, NULL
 * when there is none: what find_vma answers there, and what /proc/PID/maps prints next.
 *
 * As lock_next_vma goes on from vma_next's answer: a VMA the writer had write-locked when the
 * step returned (views, as vma-check.ts reads them) makes vma_start_read fail and the kernel
 * look it up again under the mmap lock (right by construction), and a VMA whose range then
 * ended at or below the search position is the same fallback. Steps after a fallback or a
 * NULL are not judged: the kernel's iteration has left this RCU section. Not modelled:
 * lock_next_vma's second vma_next, which re-checks a VMA found past a gap when the address
 * space changed; a skipped VMA followed by another may be caught there, a NULL never is.
 */
import type { HistoryOp } from "../explorer/index.js";
import type { VmaSpan } from "./compile-mm-scenario.js";
import { answeredId } from "./mm-check.js";
import type { LockVmaOutcome, WriterViews } from "./vma-check.js";
import { latestView } from "./vma-views.js";

const PAGE = 4096n;

/** The first VMA ending above `page` in a state (vma_next's answer from there), or null. */
export function nextVmaId(state: readonly VmaSpan[], page: number): number | null {
  let best: VmaSpan | undefined;
  for (const v of state) if (v.end > page && (best === undefined || v.start < best.start)) best = v;
  return best?.id ?? null;
}

/** The page after the range an answer names ("5 16384 32767 active": 8), or undefined. */
function pageAfter(out: string): number | undefined {
  const last = out.split(" ")[2];
  if (last === undefined || !/^\d+$/.test(last)) return undefined;
  return Number((BigInt(last) + 1n) / PAGE);
}

/** vma_next's answer as lock_next_vma takes it, for a step that searched from `from`. */
export function iterateOutcome(
  from: number,
  got: number | null,
  hi: number,
  views: WriterViews,
): LockVmaOutcome {
  if (got === null) return { kind: "none", why: "vma_next found no VMA: no more VMAs" };
  const v = latestView(views, hi, got);
  if (v === undefined) return { kind: "unknown", id: got };
  if (v.locked || v.end <= from) return { kind: "fallback", id: got };
  return { kind: "vma", id: got };
}

/**
 * Where each judged step of an iterate thread searched from (pages), by op: steps after a
 * NULL, an answer not understood or a fallback are left out. `hiOf` gives the stores begun
 * before an op returned.
 */
export function iterateStarts(
  page: number,
  ops: readonly HistoryOp[],
  hiOf: (op: HistoryOp) => number,
  views: WriterViews,
): Map<HistoryOp, number> {
  const out = new Map<HistoryOp, number>();
  const steps = ops.filter((op) => op.opIndex > 0).sort((a, b) => a.opIndex - b.opIndex);
  let from: number | undefined = page;
  for (const op of steps) {
    if (from === undefined) break;
    out.set(op, from);
    const text = String(op.result);
    const got = answeredId(text);
    if (got === undefined || got === null) break;
    if (iterateOutcome(from, got, hiOf(op), views).kind !== "vma") break;
    from = pageAfter(text);
  }
  return out;
}
