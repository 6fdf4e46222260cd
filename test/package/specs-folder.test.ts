import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { packageRoot, specsFolder, specsFolderLine } from "../../src/package-root.js";
import { cli, specDir } from "../cli/run/helpers.js";

const folder = () => mkdtempSync(join(tmpdir(), "maple-check-cwd-"));

describe("the specs folder a command runs when given none", () => {
  it("is ./specs of the current folder when it has one", () => {
    const cwd = folder();
    mkdirSync(join(cwd, "specs"));
    const f = specsFolder(undefined, cwd);
    expect(f).toEqual({ dir: join(cwd, "specs"), from: "current folder" });
    expect(specsFolderLine(f)).toBe("specs folder: ./specs (the current folder's)");
  });

  it("is maple-check's own when the current folder has none (or only a file named specs)", () => {
    const cwd = folder();
    const own = join(packageRoot(), "specs");
    expect(specsFolder(undefined, cwd)).toEqual({ dir: own, from: "package" });
    writeFileSync(join(cwd, "specs"), "not a folder");
    const f = specsFolder(undefined, cwd);
    expect(f.dir).toBe(own);
    expect(specsFolderLine(f)).toBe(
      `specs folder: ${own} (maple-check's own: the current folder has no specs/)`,
    );
  });

  it("is --specs when given, whatever the current folder holds", () => {
    const cwd = folder();
    mkdirSync(join(cwd, "specs"));
    expect(specsFolder("elsewhere", cwd)).toEqual({ dir: "elsewhere", from: "flag" });
  });

  it("is named above the summary line of a run", async () => {
    const dir = specDir(["explore-guard-gap-rcu-on"]);
    const r = await cli("run", "--specs", dir, "--no-traces");
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split("\n");
    expect(lines.slice(-2)).toEqual([
      `specs folder: ${dir}`,
      "1 specs: 1 ok, 0 failed, 0 incomplete",
    ]);
  });
});
