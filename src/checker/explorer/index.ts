/**
 * The interleaving explorer: every execution of one writer and 1-3 lockless readers at the
 * granularity of single node-word reads and writes, reduced to distinct reader observations.
 *
 *   explore(scenario, options): ExplorationResult
 *   treeScenario({ treeOptions, prefix, writer, readers }): Scenario<MapleTree>
 *   beforeOrAfterWriter(scenario): CheckFn      each reader result must match a sequential run
 *                                               on a writer state the reader overlaps
 *   linearizableAgainstSequential(scenario)     the same, plus real-time order between readers
 *                                               (one-writer fast path of ../linearizability)
 *
 * How it works.
 * 1. Recording (writer-log.ts): the writer's operations run for real after the prefix, on a
 *    NodeMemory that logs every store (target, word, old, new) in program order. A node copy
 *    announced by TreeObserver.copyBegin/copyEnd (the non-RCU node store's memcpy) becomes an
 *    unordered block (option forwardCopyOnly: ordered). call_rcu callbacks are held back and
 *    then run into segments of their own (the free's poison stores) that may happen any time
 *    after their grace period ends. All of it is the writer's part of a happens-before graph.
 * 2. Versioned memory (execution.ts): readers are the tree's real read path, run synchronously
 *    on the same world with a NodeMemory answering every read from the log. A read of a word
 *    the writer changed chooses which run of values it sees; the choice adds reads-from and
 *    from-read edges, and is offered only if the graph stays acyclic. That one rule gives
 *    per-thread monotonicity, one memcpy order seen by all readers, and grace periods: an
 *    operation inside an RCU section that began before a call_rcu adds "operation end ->
 *    grace-period end", so it never sees that free; an unprotected reader can.
 * 3. Enumeration (explore.ts): depth-first over the choices by re-execution, one option per
 *    distinct value (the oldest consistent one), so executions ~= distinct observation
 *    vectors. Reader threads run one after another; their relative order in real time is
 *    read off the finished graph as a few total orders (history.ts: every thread-priority
 *    permutation, plus "every reader operation as narrow as it can be"), and each resulting
 *    history goes to options.check (results right in every writer state skip this:
 *    CheckFn.alwaysRight).
 * 4. Honesty: a reader exception (POISON, WildReadError, ...) is a "reader-crashed" violation,
 *    a reader over its step budget a "livelock"; running out of executions, or a preemption
 *    bound that removed choices, gives "incomplete", never "pass".
 * 5. Output: verdict, counts (executions, naive interleavings as a bigint, distinct
 *    observation vectors), and per violation a timeline (every word read and written, with
 *    node, word name and value, operation starts and ends, grace-period ends and frees) and
 *    the choice path that replays it (options.replayPath).
 *
 * Where the reduction is not exact:
 *   - a value that comes back to a word (A, B, A) is offered once, at its oldest run;
 *   - a protected operation is taken to start before every call_rcu it can (so it delays
 *     those frees); starting after one is explored too only with options.branchOnRcuStart
 *     (default: when some thread is unprotected or runs several operations). For one-operation
 *     RCU readers of a correct tree the other choice cannot change what anyone reads;
 *   - real-time orders between readers come from the total orders above, not from every
 *     linear extension (exact enough for one writer operation, a cover otherwise);
 *   - memory is sequentially consistent: stores become visible in one order to all readers
 *     (the copy block's order is free but the same for everyone).
 */
export { beforeOrAfterWriter, sequentialAnswers } from "./before-or-after.js";
export { explorationVerdict, explore } from "./explore.js";
export { multinomial, naiveInterleavings } from "./naive-count.js";
export { linearizableAgainstSequential } from "./one-writer-check.js";
export { formatResult } from "./report.js";
export type {
  CheckFn,
  ExecutionHistory,
  ExplorationResult,
  ExploreOptions,
  ExplorerViolation,
  HistoryOp,
  ReaderOp,
  ReaderThread,
  Scenario,
  TimelineLine,
  Verdict,
  World,
  WriterOp,
} from "./scenario.js";
export { type TreeReaderFn, type TreeScenario, treeScenario } from "./tree-scenario.js";
export { formatValue, placeName, sameResult, valueKey, wordName } from "./words.js";
