/**
 * The CLI compiled into a private folder (node_modules/.cache, so its imports resolve), for
 * tests that must run it as a process: signals, exit statuses, what reaches the terminal.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";

export const ROOT = join(import.meta.dirname, "../..");

let out: string | undefined;
const built = new Map<string, string>();

/** The path of the built src/cli/main.js (compiled once per test file). */
export function builtCli(): string {
  return builtEntry("src/cli/main.ts");
}

/** The path of a built entry point of the project (`scripts/fix-sweep.ts`), compiled once. */
export function builtEntry(entry: string): string {
  const done = built.get(entry);
  if (done !== undefined) return done;
  const cache = join(ROOT, "node_modules/.cache");
  mkdirSync(cache, { recursive: true });
  out ??= mkdtempSync(join(cache, "maple-check-cli-test-"));
  const tsc = spawnSync(
    join(ROOT, "node_modules/.bin/tsc"),
    [
      ...["--ignoreConfig", "--outDir", out, "--rootDir", ROOT, "--module", "nodenext"],
      ...["--moduleResolution", "nodenext", "--target", "es2022", "--skipLibCheck"],
      ...["--types", "node", "--noCheck", join(ROOT, entry)],
    ],
    { cwd: ROOT, encoding: "utf8" },
  );
  const js = join(out, entry.replace(/\.ts$/, ".js"));
  if (!existsSync(js)) throw new Error(`tsc: ${tsc.stdout}${tsc.stderr}`);
  built.set(entry, js);
  return js;
}

/** Removes the private build (afterAll). */
export function removeBuiltCli(): void {
  if (out !== undefined) rmSync(out, { recursive: true, force: true });
  out = undefined;
  built.clear();
}
