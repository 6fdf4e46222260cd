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

export type WriterStep<Input, Output> =
  | { input: Input; output?: Output; commit: number }
  | { input: Input; output?: Output; call: number; ret?: number };

export interface ReaderStep<Input, Output> {
  thread: number;
  input: Input;
  output?: Output;
  call: number;
  ret?: number;
}

export const WRITER_THREAD = -1;

export function oneWriterHistory<Input, Output>(
  writes: readonly WriterStep<Input, Output>[],
  reads: readonly ReaderStep<Input, Output>[],
): Operation<Input, Output>[] {
  const writeOps = writes.map((w): Operation<Input, Output> => {
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
  const readOps = reads.map((r): Operation<Input, Output> => ({ ...r }));
  return [...writeOps, ...readOps];
}
