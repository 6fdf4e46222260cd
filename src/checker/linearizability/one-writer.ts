/**
 * checkOneWriter: exact, polynomial linearizability check for one writer and read-only readers.
 *
 * Preconditions (checked; a violation throws, it is a caller error): `spec.readOnly` tells
 * readers from writes; readers never change the state; the writes are totally ordered in real
 * time (one thread, or under one lock): each write responds before the next is called, and only
 * the last may be pending. Readers may run on any threads, the writer's included.
 *
 * Why it is exact. Writes w1..wn have one possible order, so their outputs and the states
 * S0 = init, Sk = state after wk are fixed; a wrong write output is a violation at once. A
 * linearization places each completed reader r between two writes, i.e. lets it see some Sk.
 * Real-time order forces, for r called at a and answered at b:
 *   lo(r) = #{writes answered before a} <= k <= hi(r) = #{writes called at or before b},
 * and for readers r1, r2 with r1 answered before r2 was called: k(r1) <= k(r2).
 * Conversely any choice of k meeting these and giving every reader its observed output is a
 * linearization: place the readers with k(r) = k between wk and wk+1, in call order (call order
 * extends the readers' real-time order). So the check is: find k(r) in the allowed set
 *   A(r) = { k in [lo, hi] : reading Sk gives r's output }
 * monotone along the readers' real-time order. Greedy, in call order (every predecessor of r is
 * called before r): k(r) = min A(r) ∩ [floor(r), ∞), floor(r) = max k over readers answered
 * before r's call. By induction greedy's choice is at or below any feasible assignment's, so it
 * fails only if none exists.
 *
 * Pending readers are dropped (they change nothing, and nobody saw their output). A pending last
 * write may take effect or not: it counts in hi but not in lo, and the witness includes it only
 * if some reader saw its state.
 *
 * Times are as in history.ts (closed intervals). To check against fixed commit points instead of
 * intervals, give each write call = ret = its commit position.
 *
 * Cost: O(n + R log R) spec steps for the writes plus one read per state tried; a reader tries at
 * most hi - max(lo, floor) + 1 states.
 */
import type { History, Operation } from "./history.js";
import { type CheckResult, describeOperation } from "./result.js";
import { type ResolvedSpec, resolveSpec, type SequentialSpec } from "./spec.js";

/** How many states a failure message lists at most. */
const MAX_LISTED_STATES = 8;

export function checkOneWriter<State, Input, Output>(
  specIn: SequentialSpec<State, Input, Output>,
  history: History<Input, Output>,
): CheckResult<Output> {
  const spec = resolveSpec(specIn);
  const readOnly = spec.readOnly;
  if (readOnly === undefined) throw new Error("checkOneWriter: the spec needs readOnly(input)");

  const writes: number[] = [];
  const readers: number[] = [];
  history.forEach((op, i) => {
    if (!readOnly(op.input)) writes.push(i);
    else if (op.ret !== undefined) readers.push(i);
  });
  writes.sort((a, b) => history[a].call - history[b].call);
  checkWritesOrdered(history, writes);

  // states[k] = S_k, the state after the first k writes.
  const states: State[] = [spec.init];
  for (const [k, w] of writes.entries()) {
    const op = history[w];
    const next = spec.step(states[k], op.input);
    if (op.ret !== undefined && !spec.equalOutput(next.output, op.output as Output)) {
      const message = [
        `not linearizable: write ${describeOperation(spec, history, w)} must follow the ${k} writes before it,`,
        `where the spec answers ${spec.describeOutput(next.output)}.`,
        `State before it: ${spec.describeState(states[k])}`,
      ].join("\n");
      return {
        verdict: "not-linearizable",
        prefix: writes.slice(0, k),
        blocked: w,
        expected: next.output,
        message,
      };
    }
    states.push(next.state);
  }

  const writeCalls = writes.map((w) => history[w].call);
  const writeRets = writes.map((w) => history[w].ret ?? Infinity);
  // Readers in call order; a second list in response order feeds floor(r).
  readers.sort((a, b) => history[a].call - history[b].call);
  const byRet = [...readers].sort(
    (a, b) => (history[a].ret as number) - (history[b].ret as number),
  );
  const seen = new Map<number, number>(); // reader -> k(reader)
  let floor = 0;
  let floorFrom = -1; // the reader that set floor, for explanations
  let retCursor = 0;

  for (const r of readers) {
    const op = history[r];
    while (retCursor < byRet.length && (history[byRet[retCursor]].ret as number) < op.call) {
      const done = byRet[retCursor++];
      const k = seen.get(done) as number; // answered before op's call, so called (and handled) before it
      if (k > floor) {
        floor = k;
        floorFrom = done;
      }
    }
    const lo = countBelow(writeRets, (t) => t < op.call);
    const hi = countBelow(writeCalls, (t) => t <= (op.ret as number));
    const from = Math.max(lo, floor);
    let chosen = -1;
    for (let k = from; k <= hi; k++) {
      if (spec.equalOutput(spec.step(states[k], op.input).output, op.output as Output)) {
        chosen = k;
        break;
      }
    }
    if (chosen < 0) {
      return readerFailure(spec, history, states, writes, seen, { r, lo, hi, floor, floorFrom });
    }
    seen.set(r, chosen);
  }
  return { verdict: "linearizable", witness: buildOrder(history, writes, seen, Infinity) };
}

/** Throws unless each write responds before the next one is called. */
function checkWritesOrdered<Input, Output>(
  history: History<Input, Output>,
  writes: number[],
): void {
  for (let k = 0; k + 1 < writes.length; k++) {
    const a: Operation<Input, Output> = history[writes[k]];
    const b = history[writes[k + 1]];
    if (a.ret === undefined || !(a.ret < b.call)) {
      throw new Error(
        `checkOneWriter: writes #${writes[k]} and #${writes[k + 1]} overlap; writes must be totally ordered`,
      );
    }
  }
}

/** Number of leading elements of a sorted array that satisfy a prefix-closed predicate. */
function countBelow(sorted: number[], pred: (t: number) => boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pred(sorted[mid])) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The linearization order of writes w1..w_limit and the readers that saw a state up to S_limit:
 * readers seeing S_k sit between w_k and w_k+1, in call order. A pending last write is left out
 * unless some reader saw its state.
 */
function buildOrder<Input, Output>(
  history: History<Input, Output>,
  writes: number[],
  seen: Map<number, number>,
  limit: number,
): number[] {
  let maxSeen = 0;
  for (const k of seen.values()) maxSeen = Math.max(maxSeen, k);
  const last = Math.min(limit, writes.length);
  const atState: number[][] = Array.from({ length: last + 1 }, () => []);
  for (const [r, k] of seen) if (k <= last) atState[k].push(r);
  const order: number[] = [];
  for (let k = 0; k <= last; k++) {
    order.push(...atState[k].sort((a, b) => history[a].call - history[b].call));
    const w = writes[k];
    if (k < last && (history[w].ret !== undefined || maxSeen > k)) order.push(w);
  }
  return order;
}

interface ReaderFailure {
  r: number;
  lo: number;
  hi: number;
  floor: number;
  floorFrom: number;
}

function readerFailure<State, Input, Output>(
  spec: ResolvedSpec<State, Input, Output>,
  history: History<Input, Output>,
  states: State[],
  writes: number[],
  seen: Map<number, number>,
  f: ReaderFailure,
): CheckResult<Output> {
  const op = history[f.r];
  const from = Math.max(f.lo, f.floor);
  const expected = from <= f.hi ? spec.step(states[from], op.input).output : undefined;
  const lines = [
    `not linearizable: reader ${describeOperation(spec, history, f.r)} matches no state it may see.`,
    f.lo === f.hi
      ? `Real time lets it see only the state after ${f.lo} writes (S${f.lo}).`
      : `Real time lets it see the states after ${f.lo} to ${f.hi} writes (S${f.lo}..S${f.hi}).`,
  ];
  if (f.floor > f.lo) {
    lines.push(
      `But ${describeOperation(spec, history, f.floorFrom)} responded before it was called and saw S${f.floor}, so it may not see an earlier state.`,
    );
  }
  for (let k = f.lo; k <= f.hi && k < f.lo + MAX_LISTED_STATES; k++) {
    lines.push(
      `  in S${k} the spec answers ${spec.describeOutput(spec.step(states[k], op.input).output)}`,
    );
  }
  if (f.hi >= f.lo + MAX_LISTED_STATES) lines.push(`  ... (${f.hi - f.lo + 1} states in all)`);
  lines.push(`S${f.lo} is ${spec.describeState(states[f.lo])}`);
  for (let k = f.lo + 1; k <= f.hi && k <= f.lo + MAX_LISTED_STATES; k++) {
    lines.push(
      `  write ${k} (S${k - 1} -> S${k}): ${describeOperation(spec, history, writes[k - 1])}`,
    );
  }
  const prefix = buildOrder(history, writes, seen, Math.min(from, writes.length));
  return { verdict: "not-linearizable", prefix, blocked: f.r, expected, message: lines.join("\n") };
}
