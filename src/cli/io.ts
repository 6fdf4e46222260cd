/** File and stream helpers shared by subcommands; every failure is a HarnessError. */
import { closeSync, createReadStream, fstatSync, openSync, readFileSync } from "node:fs";
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

/**
 * A text file opened for reading (its descriptor; 0 for `-`, stdin). A file that cannot be
 * opened, or a folder, is an error now, before anything runs.
 */
export function openInputFd(path: string, what: string): number {
  if (path === "-") return 0;
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    if (fstatSync(fd).isDirectory()) throw Object.assign(new Error(), { code: "EISDIR" });
    return fd;
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    throw new HarnessError(`cannot read ${what} '${path}': ${reason(e)}`);
  }
}

/** A text file, or stdin for `-`, as chunks to read as they come (see openInputFd). */
export function openInput(path: string, what: string): AsyncIterable<Buffer> {
  const fd = openInputFd(path, what);
  const stream: AsyncIterable<Buffer> = fd === 0 ? process.stdin : createReadStream("", { fd });
  return (async function* () {
    try {
      yield* stream;
    } catch (e) {
      const name = path === "-" ? "stdin" : `'${path}'`;
      throw new HarnessError(`cannot read ${what} ${name}: ${reason(e)}`);
    }
  })();
}

/** The project root (the package's folder, for its specs/ and native/). */
export { packageRoot } from "../package-root.js";

/** Writes to stdout and resolves once the data is handed to the OS (large outputs, pipes). */
export function writeStdout(text: string | Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (err) => (err ? reject(err) : resolve()));
  });
}
