/**
 * The progress bar of long subcommands: on stderr, only for a person at a terminal. While it
 * is drawn the cursor is hidden and line wrap is off; the supervisor is told (interrupt-notes)
 * so that it can put the terminal back if a signal ends the run with the bar still drawn.
 */
import cliProgress from "cli-progress";
import { noteBar } from "./interrupt-notes.js";

/**
 * MAPLE_CHECK_PROGRESS=force draws the bar even when stderr is not a terminal (a pipe) or in
 * CI, escape sequences included: for tests of what an interrupted bar leaves behind.
 */
export const FORCE_PROGRESS_ENV = "MAPLE_CHECK_PROGRESS";

/** stderr, or stderr made to look like an 80-column terminal when the bar is forced. */
function barStream(): NodeJS.WritableStream | undefined {
  if (process.env[FORCE_PROGRESS_ENV] === "force") {
    const tty = {
      isTTY: true,
      columns: 80,
      write: (chunk: string | Uint8Array, cb?: () => void) => process.stderr.write(chunk, cb),
    };
    return tty as unknown as NodeJS.WritableStream;
  }
  if (!process.stderr.isTTY || process.env.CI) return undefined;
  return process.stderr;
}

class NotedBar extends cliProgress.SingleBar {
  override start(total: number, startValue: number, payload?: object): void {
    noteBar(true);
    super.start(total, startValue, payload);
  }

  override stop(): void {
    super.stop();
    noteBar(false);
  }
}

/**
 * A bar with the given cli-progress `format`, or undefined when it should not show: turned off
 * (--no-progress), stderr not a terminal (a pipe, a file), or in CI.
 */
export function progressBar(enabled: boolean, format: string) {
  const stream = enabled ? barStream() : undefined;
  if (stream === undefined) return undefined;
  return new NotedBar(
    { stream, format, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
}
