// fix-sweep refuses what is not a proposed fix, and a mistyped option, in one line with exit 4.
import { spawnSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { builtEntry, ROOT, removeBuiltCli } from "../cli/built-cli.js";

afterAll(removeBuiltCli);

function sweep(...args: string[]) {
  return spawnSync(process.execPath, [builtEntry("scripts/fix-sweep.ts"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
  });
}

describe("fix-sweep", () => {
  it("refuses a fault that is not a proposed fix", () => {
    const r = sweep("--fix", "append-in-rcu");
    expect([r.status, r.stdout]).toEqual([4, ""]);
    expect(r.stderr.trim().split("\n")).toEqual([
      "error: --fix names a proposed fix (proposed-fix:NAME), not append-in-rcu",
    ]);
  }, 120_000);

  it("refuses an unknown option", () => {
    const r = sweep("--kernl", "/tmp");
    expect([r.status, r.stdout]).toEqual([4, ""]);
    expect(r.stderr.trim().split("\n")).toEqual([
      "error: Unknown option '--kernl' (options: --fix VALUE, --kernel VALUE)",
    ]);
  }, 120_000);
});
