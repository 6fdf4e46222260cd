/**
 * The `maple-check replay` command printed beside a counterexample. It names the spec folder
 * whenever the spec did not come from the run's default folder, so the command replays the
 * same spec wherever it is pasted (the token's spec hash refuses any other).
 */
import { resolve } from "node:path";

/** The folder to name with --specs: undefined when it is the run's default folder. */
export function specsFolderToName(folder: string, defaultFolder: string): string | undefined {
  return resolve(folder) === resolve(defaultFolder) ? undefined : folder;
}

/** A word for a POSIX shell: as is when it is plain, else single-quoted. */
export function shellWord(text: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(text)) return text;
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

export function replayCommandLine(token: string, specsFolder?: string): string {
  const kernel = token.startsWith("kernel:") ? " --kernel DIR" : "";
  const specs = specsFolder === undefined ? "" : ` --specs ${shellWord(specsFolder)}`;
  return `maple-check replay${kernel}${specs} ${token}`;
}
