/**
 * From an execution's happens-before graph to histories. The graph fixes only a partial
 * order; where the relative order of two threads is free it may still matter for real time
 * (a reader operation answered before another one was called, or one that starts after a
 * write has ended). We read one total order off the graph per priority scheme: among the
 * events that may go next, one of the highest-priority class goes first.
 *
 *   - every permutation of (writer, reader 1, ..., reader n): the extremes "reader as early
 *     as possible" and "as late as possible" relative to the writer, and every relative order
 *     of the readers;
 *   - every permutation of the readers, then the writer, with operation starts last: each
 *     reader operation starts as late and ends as early as it can (the narrowest intervals).
 *
 * This covers the orders that matter for one writer operation; with several writer operations
 * or readers it is a heuristic cover of the possible real-time orders, not all of them.
 * Histories with the same call/return pattern are kept once.
 */
import type { ExecutionOutcome } from "./execution.js";
import type { ExecutionHistory, HistoryOp } from "./scenario.js";
import type { WriterLog } from "./writer-log.js";

export interface OrderedHistory {
  history: ExecutionHistory;
  /** The total order of graph events the history was read from. */
  order: number[];
  /** The order of calls and returns: equal for histories a check cannot tell apart. */
  signature: string;
}

function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [xs.slice()];
  const out: T[][] = [];
  xs.forEach((x, i) => {
    for (const p of permutations([...xs.slice(0, i), ...xs.slice(i + 1)])) out.push([x, ...p]);
  });
  return out;
}

/** A total order where thread `priority[0]` (0 = writer, 1..n readers) goes first when it can. */
export function totalOrder(
  log: WriterLog,
  owner: readonly number[],
  priority: readonly number[],
): number[] {
  return log.graph.topologicalOrder((node) => owner[node] ?? 0, priority);
}

/**
 * The histories of an execution. `ordered[t]` says whether reader thread t+1 takes part in
 * ordering; the others (whose results are right in every state) go last in a fixed order.
 */
export function historiesOf(
  log: WriterLog,
  outcome: ExecutionOutcome,
  owner: readonly number[],
  ordered: readonly boolean[],
  readerOpNames: readonly (readonly string[])[],
): OrderedHistory[] {
  const n = outcome.opEvents.length;
  const free = ordered.flatMap((o, t) => (o ? [t + 1] : []));
  const fixed = ordered.flatMap((o, t) => (o ? [] : [t + 1]));
  const starts = new Set(outcome.opEvents.flatMap((events) => events.map(([start]) => start)));
  const byThread = (node: number): number => owner[node] ?? 0;
  // Operation starts of reader t in a class of their own, n + t, below everything else.
  const startsLast = (node: number): number => (starts.has(node) ? n : 0) + (owner[node] ?? 0);
  const schemes: Array<{ classOf: (node: number) => number; order: number[] }> = [];
  const startClasses = (threads: number[]): number[] => threads.map((t) => n + t);
  for (const perm of permutations([0, ...free])) {
    schemes.push({
      classOf: byThread,
      order: [...perm, ...fixed, ...startClasses([...free, ...fixed])],
    });
  }
  for (const perm of permutations(free)) {
    schemes.push({
      classOf: startsLast,
      order: [...perm, ...fixed, 0, ...startClasses([...perm, ...fixed])],
    });
  }

  const out: OrderedHistory[] = [];
  const seen = new Set<string>();
  for (const scheme of schemes) {
    const order = log.graph.topologicalOrder(scheme.classOf, scheme.order);
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
    out.push({ history: { ops }, order, signature: key });
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
