/**
 * Linearizability oracle, generic over a sequential specification.
 *
 *   checkLinearizable(spec, history, { maxSteps })  general check (Wing & Gong + memoization,
 *                                                    per partition if spec.partition is given)
 *   checkOneWriter(spec, history)                    exact fast path: one writer, read-only readers
 *   oneWriterHistory(writes, reads)                  its input from a schedule (commit points or intervals)
 *   checkBruteForce(spec, history)                   the judge: every real-time-consistent order
 *   verifyWitness(spec, history, witness)            independent check of a claimed linearization
 *
 * Histories (history.ts) are operations {thread, call, ret?, input, output?} on one time axis,
 * closed intervals, pending operations may take effect or not. Specs (spec.ts) are
 * {init, step, equalOutput, key?, readOnly?, partition?, describe*?}. Results (result.ts) are values:
 * linearizable with a witness, not-linearizable with the longest prefix, the blocked operation
 * and a message, or unknown when the budget ran out.
 */
export { type BruteForceResult, checkBruteForce } from "./brute-force.js";
export { checkLinearizable } from "./check-linearizable.js";
export {
  type History,
  type HistoryEvent,
  historyFromEvents,
  historyProblem,
  isPending,
  type Operation,
  precedes,
} from "./history.js";
export { checkOneWriter } from "./one-writer.js";
export {
  oneWriterHistory,
  type ReaderStep,
  WRITER_THREAD,
  type WriterStep,
} from "./one-writer-history.js";
export { mergeWitnesses, partitionHistory } from "./partition.js";
export {
  type CheckResult,
  describeOperation,
  type Linearizable,
  type NotLinearizable,
  type Unknown,
} from "./result.js";
export { type ResolvedSpec, resolveSpec, type SequentialSpec, stableKey } from "./spec.js";
export { type CheckOptions, checkSingle } from "./wing-gong.js";
export { verifyWitness } from "./witness.js";
