/**
 * The mm-level right answer of a reader, in one mm state: for lock_vma_under_rcu the VMA
 * covering its address, for find_vma the first VMA ending above it. The judge that compares
 * answers against the states a reader may see is vma-check.ts's.
 */
import type { MmReader, VmaSpan } from "./compile-mm-scenario.js";

/** The id the right answer names in a state, or null. */
export function rightId(r: MmReader, state: readonly VmaSpan[]): number | null {
  const v =
    r.kind === "lockless"
      ? state.find((s) => s.start <= r.page && r.page < s.end)
      : state.find((s) => s.end > r.page);
  return v?.id ?? null;
}

/** The VMA id (or null) at the head of a walk or find answer: "3 20480 32767", "null ...". */
export function answeredId(out: string): number | null | undefined {
  const head = out.split(" ")[0];
  if (head === "null") return null;
  return /^\d+$/.test(head) ? Number(head) : undefined;
}
