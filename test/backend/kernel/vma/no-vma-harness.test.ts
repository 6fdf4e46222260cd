/**
 * A tree without tools/testing/vma (Linux before 6.11) is one clear line naming the versions
 * the VMA runner supports, a KernelBuildError (the CLI's exit 4), before anything is built.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { KernelBuildError } from "../../../../src/backend/kernel/kernel-build-error.js";
import { buildVmaRunner } from "../../../../src/backend/kernel/vma/build-vma-runner.js";
import { kernelTreeForTests } from "../kernel-tree-for-tests.js";

/** The files the maple-tree runner's tree check asks for, and nothing of tools/testing/vma. */
function treeWithoutVmaHarness(): string {
  const dir = mkdtempSync(join(tmpdir(), "maple-check-novma-"));
  for (const f of [
    "lib/maple_tree.c",
    "include/linux/maple_tree.h",
    "tools/testing/radix-tree/test.h",
  ]) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    writeFileSync(join(dir, f), "");
  }
  mkdirSync(join(dir, "tools/include"));
  writeFileSync(join(dir, "Makefile"), "VERSION = 6\nPATCHLEVEL = 10\nSUBLEVEL = 3\n");
  return dir;
}

function buildError(dir: string): KernelBuildError {
  try {
    buildVmaRunner(dir);
  } catch (e) {
    if (e instanceof KernelBuildError) return e;
    throw e;
  }
  throw new Error("built");
}

describe("a tree without the VMA harness", () => {
  const dir = treeWithoutVmaHarness();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is one line naming the supported versions", () => {
    const e = buildError(dir);
    expect(e.message).toBe(
      `--kernel ${dir} (linux 6.10.3) has no tools/testing/vma: the VMA runner needs Linux 6.11 or later (tested on 6.12)`,
    );
    expect(e.message).not.toContain("\n");
  });

  it("is the same line for a real 6.1 tree", (ctx) => {
    const v61 = kernelTreeForTests("6.1");
    if (v61 === undefined) return ctx.skip();
    expect(buildError(v61).message).toMatch(
      /^--kernel .* \(linux 6\.1\.\d+\) has no tools\/testing\/vma: the VMA runner needs Linux 6\.11 or later/,
    );
  });

  it("a tree with the harness but no mm/ says how to get it", () => {
    mkdirSync(join(dir, "tools/testing/vma"), { recursive: true });
    writeFileSync(join(dir, "tools/testing/vma/vma_internal.h"), "");
    expect(buildError(dir).message).toMatch(/has no mm\/vma\.c .*run it again to extract mm\//);
  });
});
