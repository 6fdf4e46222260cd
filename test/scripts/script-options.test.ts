// The measurement scripts refuse a mistyped option instead of starting a long run with defaults.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../cli/built-cli.js";

let dir = "";

beforeAll(() => {
  const cache = join(ROOT, "node_modules/.cache");
  mkdirSync(cache, { recursive: true });
  dir = mkdtempSync(join(cache, "maple-check-script-options-"));
  spawnSync(
    join(ROOT, "node_modules/.bin/tsc"),
    [
      ...["--ignoreConfig", "--outDir", dir, "--module", "nodenext", "--target", "es2022"],
      ...["--types", "node", "--noCheck", join(ROOT, "scripts/script-options.ts")],
    ],
    { cwd: ROOT },
  );
  // A script as the benchmarks write them: declare, then read a number.
  writeFileSync(
    join(dir, "script.mjs"),
    `import { acceptOnly, numberOption } from "./script-options.js";
acceptOnly(["lines", "seed"], "usage: script [--lines N] [--seed S]");
console.log("lines", numberOption("lines", 40));
`,
  );
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]) {
  return spawnSync(process.execPath, [join(dir, "script.mjs"), ...args], { encoding: "utf8" });
}

describe("script options", () => {
  it("run with the options declared", () => {
    const r = run("--lines", "80");
    expect([r.status, r.stdout.trim()]).toEqual([0, "lines 80"]);
  });

  it("give one error line and exit 4 for an unknown option", () => {
    const r = run("--line", "40");
    expect([r.status, r.stdout]).toEqual([4, ""]);
    expect(r.stderr.trim().split("\n")).toEqual([
      "error: Unknown option '--line' (options: --lines VALUE, --seed VALUE)",
    ]);
  });

  it("give one error line and exit 4 for a number option that is not a number", () => {
    const r = run("--lines", "forty");
    expect([r.status, r.stdout]).toEqual([4, ""]);
    expect(r.stderr.trim()).toBe('error: --lines takes a number, not "forty"');
  });

  it("print the usage for --help and start nothing", () => {
    const r = run("--help");
    expect([r.status, r.stdout.trim()]).toEqual([0, "usage: script [--lines N] [--seed S]"]);
  });
});
