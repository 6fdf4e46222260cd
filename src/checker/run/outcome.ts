/**
 * What running one spec produced, as data. The CLI and the vitest helper turn it into text or
 * exit codes; nothing here prints.
 */
import type { ExploreCoverage } from "../scenario/coverage.js";
import type { Coverage } from "../sequential/checked-pair.js";

/**
 * not-applicable: the backend's tree cannot run the spec (an older kernel without an API, the
 * C tree with a TypeScript-only geometry or fault); reported with its reason, never a pass.
 */
export type Verdict = "pass" | "violation" | "incomplete" | "not-applicable";

export interface Counterexample {
  /** Human-readable summary of what went wrong. */
  error: string;
  /** The failure as an oracle trace (sequential mode) or a timeline (explore mode). */
  body: string;
  /** Paste into `maple-check replay` to run it again. */
  replayToken: string;
  /** Size of the minimized counterexample. */
  size: { commands?: number; steps?: number; preemptions?: number };
  /**
   * Explore mode: the first reader operation whose answer left the model, and its answer;
   * `crashIn`: where it crashed, when the tree knows (src/checker/explorer/crash-site.ts).
   */
  found?: { reader: string; line: string; answer: string; crashIn?: string };
  /** Sequential mode, a run that ended on the tree's validator: its first violation. */
  validation?: { key: string; text: string };
}

export interface SpecOutcome {
  spec: string;
  mode: "sequential" | "explore" | "mm-sequential" | "mm-explore";
  verdict: Verdict;
  expected: "pass" | "violation";
  /** Runs (sequential) or scenarios (explore). */
  scenarios: number;
  /** Commands (sequential) or executions (explore). */
  executions: number;
  timeMs: number;
  coverage?: Coverage;
  /** Generated explore specs: reader ops, writer store types, root forms, heights covered. */
  exploreCoverage?: ExploreCoverage;
  counterexample?: Counterexample;
  /** Explore mode: what the exploration of each scenario counted. */
  exploration?: ExplorationSummary[];
  /** Why the verdict is incomplete: which budget ran out. */
  incompleteReason?: string;
  /** Why the spec is not applicable to the backend's tree. */
  notApplicable?: string;
  /** Operations of a sequential spec's mix the backend's tree lacks (left out of its runs). */
  notApplicableOps?: string[];
  /** The tree it ran on, when not the TypeScript tree ("linux 6.12.57 (...)"). */
  backend?: string;
  /** An explore spec's pin: how the violation found differs from the one the spec pins. */
  pinMismatch?: string;
  /** What of the spec's pin this tree could not compare (a C tree's crash has no site). */
  pinUnchecked?: string;
}

/** One explored scenario's counts (explore mode). */
export interface ExplorationSummary {
  scenario: string;
  verdict: Verdict;
  incompleteReason?: string;
  /** Executions of the exploration proper (until the first violation, or all of them). */
  executions: number;
  /** Interleavings of all word steps without any reduction (a bigint, as decimal text). */
  naiveInterleavings: string;
  /** Distinct vectors of values the readers read, among the executions run. */
  distinctObservations: number;
  writerStores: number;
  readerSteps: number[];
  copyBlocks: number[];
  gracePeriods: number;
  elapsedMs: number;
  /** Executions spent searching for the violation with the fewest preemptions. */
  minimizeExecutions?: number;
}

/**
 * A spec passes the run when its verdict is the expected one; incomplete never passes. A spec
 * not applicable to the backend does not fail the run: it is listed as such in every report.
 */
export function meetsExpectation(o: SpecOutcome): boolean {
  if (o.verdict === "not-applicable") return true;
  if (o.pinMismatch !== undefined) return false;
  return o.verdict !== "incomplete" && o.verdict === o.expected;
}
