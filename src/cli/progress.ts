/** The progress bar of long subcommands: on stderr, only for a person at a terminal. */
import cliProgress from "cli-progress";

/**
 * A bar with the given cli-progress `format`, or undefined when it should not show: turned off
 * (--no-progress), stderr not a terminal (a pipe, a file), or in CI.
 */
export function progressBar(enabled: boolean, format: string) {
  if (!enabled || !process.stderr.isTTY || process.env.CI) return undefined;
  return new cliProgress.SingleBar(
    { stream: process.stderr, format, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
}
