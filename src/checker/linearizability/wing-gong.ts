/**
 * checkSingle: the general linearizability search over one history (checkLinearizable in
 * check-linearizable.ts calls it once per partition).
 *
 * Wing & Gong's backtracking search with Lowe's memoization, laid out as in Porcupine's
 * checker.go. The history becomes a time-ordered, doubly linked list of call and return entries.
 * Walking it from the head, a call entry is a candidate to linearize next: if the spec gives the
 * observed output, the operation is "lifted" out of the list (call and return entries both) and
 * the walk restarts from the head. Reaching a return entry means that operation should have
 * taken effect already, so the last choice is undone ("unlift") and the walk resumes after it.
 * A (linearized set, state key) pair that was reached before is never explored twice: from
 * the same set and state the rest of the search is the same, and it failed.
 *
 * Pending operations have a call entry and no return entry: they may be linearized anywhere
 * after their call (output unchecked) or never. The search succeeds once every completed
 * operation is linearized.
 *
 * On failure the result names the longest linearizable prefix found and the operation that
 * blocked it: at maximal depth, that operation's own output disagrees with the spec (a cached
 * continuation would have reached a greater depth).
 *
 * Cost: exponential in the worst case (the problem is NP-complete), in practice bounded by the
 * number of distinct (set, state) pairs. `maxSteps` bounds the loop and yields `unknown`.
 */
import { Bitset } from "./bitset.js";
import type { History } from "./history.js";
import { type CheckResult, describeOperation, type NotLinearizable } from "./result.js";
import { type ResolvedSpec, resolveSpec, type SequentialSpec } from "./spec.js";

export interface CheckOptions {
  /** Stop with verdict `unknown` after this many search steps (default: no limit). */
  maxSteps?: number;
}

/** How many prefix operations a failure message lists (the result carries them all). */
const MAX_LISTED = 20;

/** A call or return entry of the linked list. `match` links a call to its return, if any. */
interface Entry {
  op: number;
  isCall: boolean;
  time: number;
  match: Entry | undefined;
  prev: Entry | undefined;
  next: Entry | undefined;
}

/** A choice on the search stack: the lifted call entry and the state before it. */
interface Choice<State> {
  entry: Entry;
  stateBefore: State;
}

/** makeEntries: a call entry per operation, a return entry per completed one, in time order. */
function makeEntries<Input, Output>(history: History<Input, Output>): Entry[] {
  const entries: Entry[] = [];
  history.forEach((op, i) => {
    const call: Entry = {
      op: i,
      isCall: true,
      time: op.call,
      match: undefined,
      prev: undefined,
      next: undefined,
    };
    entries.push(call);
    if (op.ret !== undefined) {
      call.match = {
        op: i,
        isCall: false,
        time: op.ret,
        match: undefined,
        prev: undefined,
        next: undefined,
      };
      entries.push(call.match);
    }
  });
  // At equal times calls come first: closed intervals that touch overlap.
  return entries.sort(
    (a, b) => a.time - b.time || Number(b.isCall) - Number(a.isCall) || a.op - b.op,
  );
}

/** makeLinkedEntries: links the entries behind a head sentinel. */
function makeLinkedEntries(entries: Entry[]): Entry {
  const head: Entry = {
    op: -1,
    isCall: false,
    time: -Infinity,
    match: undefined,
    prev: undefined,
    next: undefined,
  };
  let last = head;
  for (const e of entries) {
    last.next = e;
    e.prev = last;
    last = e;
  }
  return head;
}

function unlink(e: Entry): void {
  (e.prev as Entry).next = e.next;
  if (e.next) e.next.prev = e.prev;
}

function relink(e: Entry): void {
  (e.prev as Entry).next = e;
  if (e.next) e.next.prev = e;
}

/** lift: takes a call entry and its return entry out of the list. */
function lift(call: Entry): void {
  unlink(call);
  if (call.match) unlink(call.match);
}

/** unlift: puts them back, in the reverse order (dancing links). */
function unlift(call: Entry): void {
  if (call.match) relink(call.match);
  relink(call);
}

/** Memo of visited (linearized set, state) pairs: bucketed by set hash and state key. */
type Cache = Map<string, Uint32Array[]>;

/** cacheAdd: records the pair; false if it was already there (that branch is explored). */
function cacheAdd(cache: Cache, linearized: Bitset, stateKey: string): boolean {
  const key = `${linearized.hash()}|${stateKey}`;
  const bucket = cache.get(key);
  if (bucket === undefined) {
    cache.set(key, [linearized.snapshot()]);
    return true;
  }
  if (bucket.some((set) => linearized.equals(set))) return false;
  bucket.push(linearized.snapshot());
  return true;
}

export function checkSingle<State, Input, Output>(
  specIn: SequentialSpec<State, Input, Output>,
  history: History<Input, Output>,
  options: CheckOptions = {},
): CheckResult<Output> {
  const spec = resolveSpec(specIn);
  const maxSteps = options.maxSteps ?? Infinity;
  const head = makeLinkedEntries(makeEntries(history));
  let remaining = history.filter((op) => op.ret !== undefined).length;
  const linearized = new Bitset(history.length);
  const cache: Cache = new Map();
  const calls: Choice<State>[] = [];
  let state = spec.init;
  let entry = head.next;
  let steps = 0;
  let longest: number[] | undefined;
  let blocked = -1;

  while (remaining > 0) {
    if (++steps > maxSteps)
      return { verdict: "unknown", reason: `search stopped after ${maxSteps} steps` };
    const e = entry as Entry; // a return entry always remains while remaining > 0
    if (e.isCall) {
      const op = history[e.op];
      const next = spec.step(state, op.input);
      if (op.ret === undefined || spec.equalOutput(next.output, op.output as Output)) {
        linearized.set(e.op);
        if (cacheAdd(cache, linearized, spec.key(next.state))) {
          calls.push({ entry: e, stateBefore: state });
          state = next.state;
          if (op.ret !== undefined) remaining--;
          lift(e);
          entry = head.next;
          continue;
        }
        linearized.clear(e.op);
      }
      entry = e.next;
    } else {
      // e is the response of an operation not linearized yet: this prefix is a dead end.
      if (longest === undefined || calls.length > longest.length) {
        longest = calls.map((c) => c.entry.op);
        blocked = e.op;
      }
      const top = calls.pop();
      if (top === undefined) break;
      state = top.stateBefore;
      linearized.clear(top.entry.op);
      unlift(top.entry);
      if (top.entry.match) remaining++;
      entry = top.entry.next;
    }
  }
  if (remaining === 0) return { verdict: "linearizable", witness: calls.map((c) => c.entry.op) };
  return explainFailure(spec, history, longest ?? [], blocked);
}

/** Replays the longest prefix and says what the blocked operation should have returned. */
export function explainFailure<State, Input, Output>(
  spec: ResolvedSpec<State, Input, Output>,
  history: History<Input, Output>,
  prefix: number[],
  blocked: number,
): NotLinearizable<Output> {
  let state = spec.init;
  for (const i of prefix) state = spec.step(state, history[i].input).state;
  const expected = spec.step(state, history[blocked].input).output;
  const lines = [
    `not linearizable: ${describeOperation(spec, history, blocked)} cannot be placed.`,
    `Longest linearizable prefix (${prefix.length} operations${prefix.length > MAX_LISTED ? `, last ${MAX_LISTED} shown` : ""}):`,
    ...prefix.slice(-MAX_LISTED).map((i) => `  ${describeOperation(spec, history, i)}`),
    `State after it: ${spec.describeState(state)}`,
    `There the spec answers ${spec.describeOutput(expected)} for #${blocked}; no other order gets further.`,
  ];
  return { verdict: "not-linearizable", prefix, blocked, expected, message: lines.join("\n") };
}
