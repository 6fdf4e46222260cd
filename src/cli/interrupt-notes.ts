/**
 * The supervised process's side of interrupts (see supervise.ts): it tells its supervisor,
 * through a pipe, what it is doing and whether a progress bar holds the terminal, so that when
 * SIGINT or SIGTERM ends it in the middle of a synchronous run (where no JavaScript signal
 * handler could run), the supervisor can restore the terminal and say what was interrupted.
 * Without a supervisor (in-process use, tests) these are no-ops.
 */
import { writeSync } from "node:fs";

/** Set by the supervisor: the child's file descriptor of the notes pipe. */
export const NOTES_FD_ENV = "MAPLE_CHECK_NOTES_FD";

function note(kind: "doing" | "bar", text: string): void {
  const fd = Number(process.env[NOTES_FD_ENV]);
  if (!Number.isInteger(fd) || fd < 3) return;
  try {
    writeSync(fd, `${kind} ${text.replace(/\n/g, " ")}\n`);
  } catch {
    // The supervisor is gone: nobody is left to tell.
  }
}

/** What the run is doing now, for the line printed if it is interrupted: `spec X (3 of 12)`. */
export function noteDoing(what: string): void {
  note("doing", what);
}

/** Whether a progress bar is drawn (cursor hidden, line wrap off) on the terminal. */
export function noteBar(shown: boolean): void {
  note("bar", shown ? "1" : "0");
}
