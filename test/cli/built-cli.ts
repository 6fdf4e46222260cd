/**
 * The CLI compiled into a private folder (node_modules/.cache, so its imports resolve), for
 * tests that must run it as a process: signals, exit statuses, what reaches the terminal.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";

export const ROOT = join(import.meta.dirname, "../..");

let out: string | undefined;
let built: string | undefined;

/** The path of the built src/cli/main.js (compiled once per test file). */
export function builtCli(): string {
  if (built !== undefined) return built;
  const cache = join(ROOT, "node_modules/.cache");
  mkdirSync(cache, { recursive: true });
  out = mkdtempSync(join(cache, "maple-check-cli-test-"));
  const tsc = spawnSync(
    join(ROOT, "node_modules/.bin/tsc"),
    [
      ...["--ignoreConfig", "--outDir", out, "--rootDir", ROOT, "--module", "nodenext"],
      ...["--moduleResolution", "nodenext", "--target", "es2022", "--skipLibCheck"],
      ...["--types", "node", "--noCheck", join(ROOT, "src/cli/main.ts")],
    ],
    { cwd: ROOT, encoding: "utf8" },
  );
  const main = join(out, "src/cli/main.js");
  if (!existsSync(main)) throw new Error(`tsc: ${tsc.stdout}${tsc.stderr}`);
  built = main;
  return main;
}

/** Removes the private build (afterAll). */
export function removeBuiltCli(): void {
  if (out !== undefined) rmSync(out, { recursive: true, force: true });
  out = undefined;
  built = undefined;
}
