/**
 * From an execution's happens-before graph to histories. The graph fixes only a partial
 * order; where the relative order of two threads is free it may still matter for real time
 * (a reader operation answered before another one was called). We take one total order per
 * priority permutation of the threads (writer, reader 1, ..., reader n): among the events that
 * may go next, the highest-priority thread's goes first. The two extremes for a reader and the
 * writer ("reader as early as possible" and "as late as possible") and every relative order
 * of the readers are among them. Histories with the same call/return pattern are kept once.
 */
import type { ExecutionOutcome } from "./execution.js";
import type { ExecutionHistory, HistoryOp } from "./scenario.js";
import type { WriterLog } from "./writer-log.js";

export interface OrderedHistory {
  history: ExecutionHistory;
  /** The total order of graph events the history was read from. */
  order: number[];
  /** Thread priority, highest first (0 = writer). */
  priority: number[];
}

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  const out: number[][] = [];
  for (const p of permutations(n - 1)) {
    for (let i = 0; i <= p.length; i++) out.push([...p.slice(0, i), n - 1, ...p.slice(i)]);
  }
  return out;
}

export function totalOrder(log: WriterLog, owner: readonly number[], priority: readonly number[]): number[] {
  const rank = new Array<number>(priority.length);
  priority.forEach((thread, i) => {
    rank[thread] = i;
  });
  return log.graph.topologicalOrder((node) => rank[owner[node] ?? 0]);
}

export function historiesOf(
  log: WriterLog,
  outcome: ExecutionOutcome,
  owner: readonly number[],
  readerOpNames: readonly (readonly string[])[],
): OrderedHistory[] {
  const threads = outcome.opEvents.length + 1;
  const out: OrderedHistory[] = [];
  const seen = new Set<string>();
  for (const priority of permutations(threads)) {
    const order = totalOrder(log, owner, priority);
    const pos = new Int32Array(order.length);
    order.forEach((node, i) => {
      pos[node] = i;
    });
    const ops: HistoryOp[] = log.opBegin.map((b, i) => ({
      thread: 0,
      kind: "write",
      opIndex: i,
      name: log.opNames[i],
      call: pos[b],
      ret: pos[log.opEnd[i]],
    }));
    outcome.opEvents.forEach((events, t) => {
      events.forEach(([start, end], o) => {
        ops.push({
          thread: t + 1,
          kind: "read",
          opIndex: o,
          name: readerOpNames[t][o],
          call: pos[start],
          ret: pos[end],
          result: outcome.results[t][o],
        });
      });
    });
    const key = signature(ops);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ history: { ops }, order, priority });
  }
  return out;
}

/** The order of all calls and returns, which is all a linearizability check depends on. */
function signature(ops: readonly HistoryOp[]): string {
  const points: Array<[number, string]> = [];
  ops.forEach((op, i) => {
    points.push([op.call, `c${i}`]);
    points.push([op.ret, `r${i}`]);
  });
  points.sort((a, b) => a[0] - b[0]);
  return points.map((p) => p[1]).join(" ");
}
