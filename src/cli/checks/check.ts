/**
 * What `maple-check run` runs: checks found in the specs folder. Each kind of check (trace
 * checks today; others plug in by adding a CheckKind to CHECK_KINDS in run.ts) lists its checks
 * for a folder, and each check runs to a verdict.
 */
export type Verdict = "pass" | "violation" | "incomplete";

export interface Check {
  /** Shown in the report, e.g. `trace sample`. */
  name: string;
  /** Runs the check; `log` prints report lines. Throws HarnessError on unreadable input. */
  run(log: (line: string) => void): Verdict;
}

export interface CheckKind {
  /** The checks of this kind in `dir`, in a stable order. */
  find(dir: string): Check[];
}
