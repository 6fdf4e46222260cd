/**
 * The mm states a reader may answer from, for writers in one lock order (one writer, or several serialized by a
 * lock). The mm states are the VMA spans before the first writer, between two writers and
 * after the last; writer i's tree stores are lines B(i-1)+1 .. B(i) of the log. A reader that
 * may see tree state t (from the stores ended before its call to those begun before its
 * return) may answer from mm state j when t = B(j), or when t lies strictly inside writer j's
 * stores (state j-1 or j: a writer is atomic at the mm level) or writer j+1's. Any other
 * answer, a VMA of no such state or none where each such state has one, is a violation. With
 * one writer these are the states before and after it. The judge that uses them is
 * vma-check.ts's (lock_vma_under_rcu's result from the writers' views).
 */

/** The name of mm state j of k writers, as a report says it. */
export function stateName(j: number, k: number): string {
  if (j === 0) return k === 1 ? "before the writer" : "before the writers";
  if (j === k) return k === 1 ? "after the writer" : "after the writers";
  return `after writer ${j} of ${k}`;
}

/**
 * The mm states (indices into `states`) a reader seeing tree states lo..hi may answer from,
 * for writers with `lineCounts` tree stores each.
 */
export function allowedStates(lo: number, hi: number, lineCounts: readonly number[]): number[] {
  const bounds = [0];
  for (const n of lineCounts) bounds.push(bounds[bounds.length - 1] + n);
  const k = lineCounts.length;
  const out: number[] = [];
  for (let j = 0; j <= k; j++) {
    const from = j === 0 ? 0 : bounds[j - 1] + 1;
    const to = j === k ? bounds[k] : bounds[j + 1] - 1;
    // Tree states where j is right: B(j) itself and the inside of writer j's and j+1's stores.
    const reach = Math.max(lo, Math.min(from, bounds[j])) <= Math.min(hi, Math.max(to, bounds[j]));
    if (reach) out.push(j);
  }
  return out;
}
