/**
 * oneWriterHistory: builds the history checkOneWriter takes from what a schedule explorer knows:
 * the writer's operations in order, and each read's invocation and response positions.
 *
 * A write is given either as an interval (`call`, `ret`: the positions where the writer entered
 * and left the operation; plain linearizability) or by its `commit` position, the step where its
 * effect became visible (e.g. the rcu_assign_pointer publishing the new node); a commit fixes the
 * linearization point, which is a stronger check than the interval. Omit `ret` (and `commit`) for
 * a write still in progress when the schedule ended. Reads without `ret` are dropped by the check.
 * Positions are schedule step numbers; two operations touching at one position overlap.
 * Writes get thread -1; reads keep their thread.
 */
import type { Operation } from "./history.js";

export type WriterStep<I, O> =
  | { input: I; output?: O; commit: number }
  | { input: I; output?: O; call: number; ret?: number };

export interface ReaderStep<I, O> {
  thread: number;
  input: I;
  output?: O;
  call: number;
  ret?: number;
}

export const WRITER_THREAD = -1;

export function oneWriterHistory<I, O>(
  writes: readonly WriterStep<I, O>[],
  reads: readonly ReaderStep<I, O>[],
): Operation<I, O>[] {
  const writeOps = writes.map((w): Operation<I, O> => {
    if ("commit" in w)
      return {
        thread: WRITER_THREAD,
        call: w.commit,
        ret: w.commit,
        input: w.input,
        output: w.output,
      };
    return { thread: WRITER_THREAD, call: w.call, ret: w.ret, input: w.input, output: w.output };
  });
  const readOps = reads.map((r): Operation<I, O> => ({ ...r }));
  return [...writeOps, ...readOps];
}
