/**
 * P-compositionality (Horn & Kroening): when the spec is a product of independent parts
 * (spec.partition), a history is linearizable iff each part's sub-history is, so each part can
 * be searched alone, which is exponentially cheaper.
 *
 *   partitionHistory   the operation indices of each part, in history order
 *   mergeWitnesses     one global linearization from the parts' linearizations
 *
 * Merging is a topological sort of the parts' orders together with real-time order. The union
 * is acyclic whenever each part's order respects real time (the locality theorem of Herlihy &
 * Wing), so at every step the head of some part is free of unplaced real-time predecessors.
 */
import type { History } from "./history.js";

export function partitionHistory<Input, Output>(
  history: History<Input, Output>,
  key: (input: Input) => string,
): number[][] {
  const parts = new Map<string, number[]>();
  history.forEach((op, i) => {
    const k = key(op.input);
    const part = parts.get(k);
    if (part === undefined) parts.set(k, [i]);
    else part.push(i);
  });
  return [...parts.values()];
}

/** Witnesses use global indices. Throws only if the parts' orders contradict real time. */
export function mergeWitnesses<Input, Output>(
  history: History<Input, Output>,
  witnesses: readonly number[][],
): number[] {
  const placed = new Set<number>();
  // Included completed operations by response time: the first unplaced one bounds what may go next.
  const byRet = witnesses
    .flat()
    .filter((i) => history[i].ret !== undefined)
    .sort((a, b) => (history[a].ret as number) - (history[b].ret as number));
  let retCursor = 0;
  const heads = witnesses.map(() => 0);
  const order: number[] = [];
  const total = witnesses.reduce((n, w) => n + w.length, 0);
  while (order.length < total) {
    while (retCursor < byRet.length && placed.has(byRet[retCursor])) retCursor++;
    const bound = retCursor < byRet.length ? (history[byRet[retCursor]].ret as number) : Infinity;
    // A head may go next if no unplaced operation responded before its call.
    const p = witnesses.findIndex(
      (w, k) => heads[k] < w.length && !(bound < history[w[heads[k]]].call),
    );
    if (p < 0) throw new Error("mergeWitnesses: partition orders contradict real-time order");
    const next = witnesses[p][heads[p]++];
    placed.add(next);
    order.push(next);
  }
  return order;
}
