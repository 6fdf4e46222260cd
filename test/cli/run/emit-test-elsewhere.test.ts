/**
 * `run --emit-test` with a spec named by path: the test it writes finds the spec and
 * maple-check's code from its own file, so it passes run from another folder by another vitest.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, specDir, tmp, variant } from "./helpers.js";

const ROOT = join(import.meta.dirname, "../../..");

describe("an emitted regression test", () => {
  it("runs from another folder and replays the counterexample of a spec named by path", async () => {
    // A name the package's own specs/ does not have.
    const specs = specDir([], variant("my-seed-bug", "explore-seed-bug-rcu-off", {}));
    // A project of the user's own: its tests in a folder of their own, vitest installed.
    const project = tmp();
    symlinkSync(join(ROOT, "node_modules"), join(project, "node_modules"), "dir");
    const tests = join(project, "test", "regressions");
    mkdirSync(tests, { recursive: true });
    const r = await cli("run", join(specs, "my-seed-bug.json"), "--emit-test", tests, "--no-times");
    expect(r.code).toBe(0);
    const file = join(tests, "my-seed-bug.regression.test.ts");
    const text = readFileSync(file, "utf8");
    expect(text).not.toContain("node_modules/maple-check");
    expect(text).toMatch(/new URL\("(\.\.\/)+[^"]*\/my-seed-bug\.json", import\.meta\.url\)/);
    // Run by another vitest, rooted in the project, from a third folder.
    const out = execFileSync(
      process.execPath,
      [join(ROOT, "node_modules", "vitest", "vitest.mjs"), "run", "--root", project],
      { cwd: tmp(), encoding: "utf8", env: { ...process.env, NO_COLOR: "1", CI: "1" } },
    );
    expect(out).toMatch(/Tests\s+1 passed \(1\)/);
  }, 120_000);
});
