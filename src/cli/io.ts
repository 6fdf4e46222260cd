/** File and stream helpers shared by subcommands; every failure is a HarnessError. */
import { readFileSync } from "node:fs";
import { HarnessError } from "./exit-codes.js";

function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === "ENOENT") return "no such file";
  if (err.code === "EISDIR") return "is a directory";
  if (err.code === "EACCES") return "permission denied";
  return err.message ?? String(e);
}

/** Reads a text file, or stdin for `-`. */
export function readInput(path: string, what: string): string {
  try {
    return path === "-" ? readFileSync(0, "utf8") : readFileSync(path, "utf8");
  } catch (e) {
    const name = path === "-" ? "stdin" : `'${path}'`;
    throw new HarnessError(`cannot read ${what} ${name}: ${reason(e)}`);
  }
}

/** The project root (the package's folder, for its specs/ and native/). */
export { packageRoot } from "../package-root.js";

/** Writes to stdout and resolves once the data is handed to the OS (large outputs, pipes). */
export function writeStdout(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (err) => (err ? reject(err) : resolve()));
  });
}
