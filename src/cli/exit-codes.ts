/**
 * maple-check's exit codes, the same for every subcommand:
 *   0  pass: everything that ran met its expectation
 *   1  violation: a check found a difference, a broken invariant, or a crash of the tree
 *   2  incomplete: a budget (executions, time, steps) ran out before a verdict
 *   3  reserved
 *   4  usage or harness error: bad arguments, unreadable input, a spec that does not load
 *   130  interrupted: SIGINT (Ctrl-C) ended a run; the terminal is restored, nothing written
 *   143  terminated: SIGTERM ended a run, likewise (both are 128 + the signal's number)
 */
export const ExitCode = {
  pass: 0,
  violation: 1,
  incomplete: 2,
  reserved: 3,
  usage: 4,
  interrupted: 130,
  terminated: 143,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * An error that is the user's or the environment's, not maple-check's: it is printed as one
 * line on stderr (no stack trace) and ends the process with `code`.
 */
export class HarnessError extends Error {
  constructor(
    message: string,
    readonly code: ExitCode = ExitCode.usage,
  ) {
    super(message);
    this.name = "HarnessError";
  }
}
