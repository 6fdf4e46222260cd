/** Shared by the `maple-check run` tests: captured stdout/stderr and spec folders in tmp. */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { vi } from "vitest";
import { main } from "../../../src/cli/program.js";

export const SPECS = join(import.meta.dirname, "../../../specs");

export interface Ran {
  code: number;
  out: string;
  err: string;
}

/** Runs the CLI in-process and returns its exit code and what it printed. */
export async function cli(...argv: string[]): Promise<Ran> {
  let out = "";
  let err = "";
  const sink = (add: (s: string) => void) =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      add(String(chunk));
      (rest.find((r) => typeof r === "function") as (() => void) | undefined)?.();
      return true;
    }) as typeof process.stdout.write;
  const o = vi.spyOn(process.stdout, "write").mockImplementation(sink((s) => (out += s)));
  const e = vi.spyOn(process.stderr, "write").mockImplementation(sink((s) => (err += s)));
  try {
    const code = await main(argv);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
    process.exitCode = undefined;
  }
}

/** A fresh folder holding copies of these project specs (and any extra JSON specs given). */
export function specDir(names: readonly string[], extra: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "maple-check-run-"));
  for (const n of names) copyFileSync(join(SPECS, `${n}.json`), join(dir, `${n}.json`));
  for (const [n, spec] of Object.entries(extra))
    writeFileSync(join(dir, `${n}.json`), typeof spec === "string" ? spec : JSON.stringify(spec));
  return dir;
}

/** A project spec with changes (a new name, another expectation...). */
export function variant(
  name: string,
  from: string,
  change: Record<string, unknown>,
): Record<string, unknown> {
  const spec = JSON.parse(readFileSync(join(SPECS, `${from}.json`), "utf8"));
  return { [name]: { ...spec, ...change, name } };
}

export function tmp(): string {
  return mkdtempSync(join(tmpdir(), "maple-check-out-"));
}

/** The arguments of the first `replay: maple-check replay ...` line printed (paths without spaces). */
export function replayArgv(out: string): string[] {
  const line = /replay: maple-check replay (.+)$/m.exec(out)?.[1];
  if (line === undefined) throw new Error(`no replay line in:\n${out}`);
  return line.split(" ");
}
