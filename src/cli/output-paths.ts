/**
 * The files and folders a run writes its reports into (--json, --junit, --certificate, --html,
 * --emit-test): tried before the run starts, so a path that cannot be written is exit 4 at once
 * instead of after a long run; and written after it without losing the run's verdict when a
 * write still fails (a folder removed meanwhile, a full disk).
 */
import { closeSync, mkdirSync, openSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { HarnessError } from "./exit-codes.js";

export interface OutputPath {
  /** The option that names it, for the message: `--json`. */
  flag: string;
  /** What is written there, for the message: `the JSON report`. */
  what: string;
  path: string;
  /** A file written whole, or a folder the run writes files into (created if missing). */
  kind: "file" | "folder";
}

function code(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Writing is tried, not predicted from permission bits (root passes every access() check, yet
 * /sys or a read-only mount refuses): a new file is created and removed again, an existing one
 * opened for writing without truncating it, a folder created (it stays) and a file made in it.
 */
function tryWrite(o: OutputPath): string | undefined {
  const path = resolve(o.path);
  try {
    if (o.kind === "folder") {
      mkdirSync(path, { recursive: true });
      const probe = join(path, `.maple-check-write-test-${process.pid}`);
      closeSync(openSync(probe, "wx"));
      unlinkSync(probe);
    } else if (isDir(path)) return "EISDIR: it is a folder";
    else {
      let fd: number;
      try {
        fd = openSync(path, "r+");
        closeSync(fd);
      } catch (e) {
        if (code(e) !== "ENOENT") throw e;
        closeSync(openSync(path, "wx"));
        unlinkSync(path);
      }
    }
    return undefined;
  } catch (e) {
    const c = code(e);
    if (c === "ENOENT" && o.kind === "file") return `ENOENT: no folder '${dirname(o.path)}'`;
    return c;
  }
}

/** Throws one line (exit 4) for the first output that cannot be written, or one named twice. */
export function checkOutputPaths(outputs: readonly OutputPath[]): void {
  const seen = new Map<string, OutputPath>();
  for (const o of outputs) {
    const other = seen.get(resolve(o.path));
    if (other !== undefined)
      throw new HarnessError(`${other.flag} and ${o.flag} both name '${o.path}'; nothing was run`);
    seen.set(resolve(o.path), o);
    const failure = tryWrite(o);
    if (failure !== undefined)
      throw new HarnessError(
        `cannot write ${o.what} '${o.path}': ${failure} (${o.flag}; nothing was run)`,
      );
  }
}

/** Writes the run's outputs, keeping every failure as one line instead of stopping. */
export class OutputWriter {
  readonly failures: string[] = [];

  write(path: string, text: string, what: string): void {
    try {
      writeFileSync(path, text);
    } catch (e) {
      this.failures.push(`cannot write ${what} '${path}': ${code(e)}`);
    }
  }

  /** False (and the failure kept) when the folder cannot be made. */
  makeDir(dir: string, what: string): boolean {
    try {
      mkdirSync(dir, { recursive: true });
      return true;
    } catch (e) {
      this.failures.push(`cannot create ${what} folder '${dir}': ${code(e)}`);
      return false;
    }
  }
}
