/**
 * Runs a long subcommand in a child process and waits for it, so that Ctrl-C (SIGINT) or
 * SIGTERM is handled even while the child is deep in a synchronous run: the child ends at once
 * by the signal (it installs no handler), and this process, whose event loop is free, puts the
 * terminal back as the progress bar found it (cursor shown, line wrap on, the bar's line
 * cleared), prints one line naming what was interrupted, and exits 130 (SIGINT) or 143 (SIGTERM).
 */
import { spawn } from "node:child_process";
import { constants } from "node:os";
import type { Readable } from "node:stream";
import { ExitCode } from "./exit-codes.js";
import { NOTES_FD_ENV } from "./interrupt-notes.js";

/** Set in the child: it is supervised (it must not supervise again). */
export const SUPERVISED_ENV = "MAPLE_CHECK_SUPERVISED";

/** The subcommands that run long behind a progress bar. */
const LONG_COMMANDS = new Set(["run", "diff"]);

/** Clear the bar's line, show the cursor, turn line wrap back on. */
export const TERMINAL_RESTORE = "\r\x1b[2K\x1b[?25h\x1b[?7h";

export function shouldSupervise(argv: readonly string[]): boolean {
  return LONG_COMMANDS.has(argv[0] ?? "") && process.env[SUPERVISED_ENV] === undefined;
}

/** The exit code of a run ended by `signal`: 128 + its number (130 SIGINT, 143 SIGTERM). */
export function interruptedExit(signal: NodeJS.Signals): number {
  if (signal === "SIGINT") return ExitCode.interrupted;
  if (signal === "SIGTERM") return ExitCode.terminated;
  return 128 + (constants.signals[signal] ?? 0);
}

/** Runs `script argv...` under this node and resolves to the exit code to end with. */
export function supervise(script: string, argv: readonly string[]): Promise<number> {
  const child = spawn(process.execPath, [...process.execArgv, script, ...argv], {
    stdio: ["inherit", "inherit", "inherit", "pipe"],
    env: { ...process.env, [SUPERVISED_ENV]: "1", [NOTES_FD_ENV]: "3" },
  });
  let doing = `maple-check ${argv[0]}`;
  let barShown = false;
  let pending = "";
  const notes = child.stdio[3] as Readable;
  notes.setEncoding("utf8");
  notes.on("data", (chunk: string) => {
    const lines = (pending + chunk).split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      if (line.startsWith("doing ")) doing = line.slice(6);
      else if (line.startsWith("bar ")) barShown = line === "bar 1";
    }
  });
  // A signal sent to this process alone (kill PID) is passed on; Ctrl-C reaches both anyway.
  let received: NodeJS.Signals | undefined;
  const forward = (signal: NodeJS.Signals) => {
    received ??= signal;
    child.kill(signal);
  };
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  return new Promise((resolve) => {
    child.on("error", (e) => {
      process.stderr.write(`maple-check: cannot start the run: ${e.message}\n`);
      resolve(ExitCode.usage);
    });
    child.on("close", (code, signal) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      if (signal === null) return resolve(code ?? ExitCode.usage);
      const by = received ?? signal;
      if (barShown) process.stderr.write(TERMINAL_RESTORE);
      process.stderr.write(
        `maple-check: interrupted by ${by} during ${doing}; no summary or report was written\n`,
      );
      resolve(interruptedExit(by));
    });
  });
}
