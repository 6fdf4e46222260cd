/**
 * What the explorer takes and gives back. A scenario is one writer thread (a list of write
 * operations run one after another) and 1-3 reader threads (each a list of read-only
 * operations), all working on one world: a tree, or any structure whose words are read and
 * written through a NodeMemory.
 */

import type { NodeMemory, RcuDomain, TreeObserver } from "../../impl/memory.js";
import type { PlanOptions } from "../shard/subtree-plan.js";

/** Anything whose memory, observer and grace periods the explorer can swap (MapleTree is one). */
export interface World {
  mem: NodeMemory;
  observer: TreeObserver;
  rcu: RcuDomain;
}

export interface WriterOp<W extends World> {
  name: string;
  run(world: W): void;
}

export interface ReaderOp<W extends World> {
  name: string;
  /**
   * A read-only operation; its return value is the result checked against the model. `local`
   * is the thread's own storage (fresh for every execution): a cursor kept from one operation
   * to the next lives there.
   */
  run(world: W, local: Record<string, unknown>): unknown;
}

export interface ReaderThread<W extends World> {
  name?: string;
  /**
   * Whether each operation runs inside an RCU read-side section (default true). A node retired
   * while such an operation was running is freed only after the operation has finished. A
   * thread with rcu: false (e.g. one holding only a lock the writer does not take) gets no
   * such protection.
   */
  rcu?: boolean;
  /**
   * With rcu: the read-side section covers each operation alone ("operation", default) or the
   * whole thread ("thread": rcu_read_lock before the first operation, unlock after the last, as
   * a cursor kept from one operation to the next needs).
   */
  rcuSection?: "operation" | "thread";
  ops: readonly ReaderOp<W>[];
}

export interface Scenario<W extends World> {
  name?: string;
  /** Builds the world in its initial state (runs the sequential prefix). Called once per use. */
  setup(): W;
  writer: readonly WriterOp<W>[];
  readers: readonly ReaderThread<W>[];
}

/** One operation of an execution's history, on one time axis (closed intervals). */
export interface HistoryOp {
  /** 0 is the writer, 1..n the reader threads. */
  thread: number;
  kind: "write" | "read";
  /** Index of the operation within its thread. */
  opIndex: number;
  name: string;
  call: number;
  ret: number;
  /** The reader's result (undefined for writes). */
  result?: unknown;
}

/** A history of one execution: every operation with its interval. */
export interface ExecutionHistory {
  ops: HistoryOp[];
}

/**
 * Judges one history: null when it is acceptable, else what is wrong. `alwaysRight`, if given,
 * says that a reader operation's result (reader thread 1..n) is right whatever writer state it
 * is placed in; threads whose every result is such do not take part in ordering the history,
 * and an execution with only such results is accepted without building histories.
 */
export type CheckFn = ((history: ExecutionHistory) => string | null) & {
  alwaysRight?: (thread: number, opIndex: number, result: unknown) => boolean;
};

export interface ExploreOptions {
  /** The model check of reader results; without one only crashes and livelocks are violations. */
  check?: CheckFn;
  /** Executions before giving up with verdict "incomplete" (default 200000). */
  maxExecutions?: number;
  /** Word reads one reader operation may make before it counts as a livelock (default 10000). */
  readerStepBudget?: number;
  /**
   * At most this many reads per execution may observe a newer value than the oldest one
   * possible (a context switch to the writer). Unset: unbounded. If the bound cut anything off,
   * the verdict is "incomplete" unless a violation was found.
   */
  preemptionBound?: number;
  /** Treat node copies as a forward word-by-word copy instead of an unordered block. */
  forwardCopyOnly?: boolean;
  /** Stop at the first violation (default true). */
  stopOnFirstViolation?: boolean;
  /** Violations kept with their timelines when not stopping at the first (default 10). */
  maxViolations?: number;
  /**
   * For protected readers, explore both "started before the node was retired" and "started
   * after" when both are possible. Default: only when some reader thread is unprotected or runs
   * several operations (otherwise the second choice cannot change what anyone reads).
   */
  branchOnRcuStart?: boolean;
  /** Keep every distinct observation vector in the result (tests). */
  collectObservations?: boolean;
  /**
   * Run only the execution with these choices (a violation's `path`). The verdict is
   * "violation" if it has one, else "incomplete" (one execution proves nothing).
   */
  replayPath?: readonly number[];
  /**
   * Explore only part of the schedule space (shard `index` of `count`, 1-based): the subtrees
   * shard/subtree-plan.ts deals to it (cut by estimated size; a small tree goes whole to one
   * shard). The `count` parts together run exactly the executions of the whole. `plan`: the
   * cut's parameters (tests).
   */
  subtree?: { index: number; count: number; plan?: PlanOptions };
  /** performance.now() time after which the exploration stops, incomplete. */
  deadline?: number;
}

export type Verdict = "pass" | "violation" | "incomplete";

export interface TimelineLine {
  /** Position in the execution's total order. */
  time: number;
  /** "writer", "rcu" (grace periods and frees) or the reader thread's name. */
  thread: string;
  text: string;
}

export interface ExplorerViolation {
  kind: "reader-crashed" | "livelock" | "check-failed";
  /** Reader thread (1..n) that crashed or livelocked; 0 for a failed check. */
  thread: number;
  opIndex: number;
  message: string;
  /** Where the reader crashed, when the tree knows (the TypeScript tree: crash-site.ts). */
  site?: string;
  /** Which execution (1-based) found it. */
  execution: number;
  /** The execution's choices, for options.replayPath. */
  path: number[];
  timeline: TimelineLine[];
  /** The timeline as text, one step per line, followed by the reader results. */
  text: string;
}

export interface ExplorationResult {
  scenario: string;
  verdict: Verdict;
  /** Executions run (each one a full run of every reader). */
  executions: number;
  /**
   * Interleavings of all threads' steps without any reduction: the multinomial
   * (W + R1 + ... + Rn)! / (W! R1! ... Rn!) for W writer stores and Ri word reads of reader i
   * (as in the first execution), times b! for every unordered copy block of b stores.
   */
  naiveInterleavings: bigint;
  /** Distinct vectors of values read by the readers. */
  distinctObservations: number;
  writerStores: number;
  readerSteps: number[];
  copyBlocks: number[];
  gracePeriods: number;
  elapsedMs: number;
  /** The first violations found (at most maxViolations), with timelines. */
  violations: ExplorerViolation[];
  /** Executions that had a violation. */
  violatingExecutions: number;
  /** Why the result is incomplete. */
  incompleteReason?: string;
  observations?: string[];
}
