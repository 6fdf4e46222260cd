/**
 * Concurrent histories: what a linearizability check takes as input.
 *
 * An operation is an interval [call, ret] on one time axis (schedule positions, event numbers,
 * clock readings: any numbers that order events). Intervals are closed: operation `a` precedes
 * operation `b` in real time iff `a.ret < b.call`; equal times overlap, so either order is allowed.
 *
 * Pending operations (`ret === undefined`: invoked, never answered) may take effect or not. If
 * one takes effect it may be placed anywhere after its call, and its output is not checked
 * (nobody saw it). This is the usual completion rule (Herlihy & Wing): a pending operation is
 * either dropped or completed with some response. Every checker here applies it.
 *
 * `historyFromEvents` builds a history from a sequence of call/return events instead.
 */

/** One operation of a concurrent history. */
export interface Operation<Input, Output> {
  /** Thread (process) that issued the operation; a thread has at most one open operation. */
  thread: number;
  /** Invocation time. */
  call: number;
  /** Response time; `undefined` for a pending operation (no response). */
  ret?: number | undefined;
  input: Input;
  /** Observed output; ignored for pending operations. */
  output?: Output | undefined;
}

/** A history is a list of operations; checkers refer to operations by their index in it. */
export type History<Input, Output> = readonly Operation<Input, Output>[];

/** One event of a call/return event sequence (see historyFromEvents). */
export type HistoryEvent<Input, Output> =
  | { kind: "call"; thread: number; input: Input }
  | { kind: "return"; thread: number; output: Output };

/** True if the operation has no response. */
export function isPending<Input, Output>(op: Operation<Input, Output>): boolean {
  return op.ret === undefined;
}

/** Real-time order: `a` responded strictly before `b` was invoked. */
export function precedes<Input, Output>(
  a: Operation<Input, Output>,
  b: Operation<Input, Output>,
): boolean {
  return a.ret !== undefined && a.ret < b.call;
}

/**
 * Turns a call/return event sequence into a history; the event's position is its time. A return
 * matches the open call of its thread; calls never answered become pending operations.
 * Operations are listed in the order of their calls.
 */
export function historyFromEvents<Input, Output>(
  events: readonly HistoryEvent<Input, Output>[],
): Operation<Input, Output>[] {
  const ops: Operation<Input, Output>[] = [];
  const open = new Map<number, Operation<Input, Output>>();
  events.forEach((event, time) => {
    if (event.kind === "call") {
      if (open.has(event.thread)) {
        throw new Error(
          `historyFromEvents: thread ${event.thread} calls at ${time} with an open operation`,
        );
      }
      const op: Operation<Input, Output> = {
        thread: event.thread,
        call: time,
        ret: undefined,
        input: event.input,
      };
      open.set(event.thread, op);
      ops.push(op);
    } else {
      const op = open.get(event.thread);
      if (op === undefined) {
        throw new Error(
          `historyFromEvents: thread ${event.thread} returns at ${time} without a call`,
        );
      }
      op.ret = time;
      op.output = event.output;
      open.delete(event.thread);
    }
  });
  return ops;
}

/**
 * Checks the shape of a history: times are finite numbers, ret >= call, and each thread's
 * operations do not overlap (a thread is sequential; only its last operation may be pending).
 * Returns a problem description, or undefined if the history is well formed.
 */
export function historyProblem<Input, Output>(history: History<Input, Output>): string | undefined {
  const byThread = new Map<number, Operation<Input, Output>[]>();
  for (const [i, op] of history.entries()) {
    if (!Number.isFinite(op.call)) return `operation ${i}: call time is not a finite number`;
    if (op.ret !== undefined && !(op.ret >= op.call)) return `operation ${i}: ret < call`;
    const list = byThread.get(op.thread) ?? [];
    list.push(op);
    byThread.set(op.thread, list);
  }
  for (const [thread, list] of byThread) {
    list.sort((a, b) => a.call - b.call);
    for (let k = 0; k + 1 < list.length; k++) {
      if (!precedes(list[k], list[k + 1])) {
        return `thread ${thread}: operations called at ${list[k].call} and ${list[k + 1].call} overlap`;
      }
    }
  }
  return undefined;
}
