/**
 * What a linearizability check returns: a value, never a throw.
 *
 *   linearizable      `witness` lists operation indices in a valid linearization order. Pending
 *                     operations appear only if they were placed (took effect).
 *   not-linearizable  `prefix` is the longest linearizable prefix the search found, `blocked` an
 *                     operation that could not be placed after it, `expected` the spec's output
 *                     for it there (undefined if the failure is not about one output), and
 *                     `message` says it in words.
 *   unknown           the search budget ran out before an answer.
 */
import type { History, Operation } from "./history.js";
import type { ResolvedSpec } from "./spec.js";

export interface Linearizable {
  verdict: "linearizable";
  witness: number[];
}

export interface NotLinearizable<Output> {
  verdict: "not-linearizable";
  prefix: number[];
  blocked: number;
  expected: Output | undefined;
  message: string;
}

export interface Unknown {
  verdict: "unknown";
  reason: string;
}

export type CheckResult<Output> = Linearizable | NotLinearizable<Output> | Unknown;

/** One line per operation: `#3 t1 [4,7] load(5) -> "A"` (pending: `[4,…) … -> pending`). */
export function describeOperation<State, Input, Output>(
  spec: ResolvedSpec<State, Input, Output>,
  history: History<Input, Output>,
  index: number,
): string {
  const op: Operation<Input, Output> = history[index];
  const span = op.ret === undefined ? `[${op.call},…)` : `[${op.call},${op.ret}]`;
  const out = op.ret === undefined ? "pending" : spec.describeOutput(op.output as Output);
  return `#${index} t${op.thread} ${span} ${spec.describeInput(op.input)} -> ${out}`;
}
