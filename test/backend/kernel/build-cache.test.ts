/**
 * The runner's build and cache: built once, then taken from the cache; rebuilt when a source
 * file changes or the cached binary is damaged; one clear error for a DIR that is not a kernel
 * tree, a maple_tree.c that does not compile, or a missing compiler.
 */
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildKernelRunner } from "../../../src/backend/kernel/build.js";
import { KernelBuildError } from "../../../src/backend/kernel/kernel-build-error.js";
import { patchedTree } from "../../../src/backend/kernel/patched-tree.js";
import { kernelTreeForTests } from "./kernel-tree-for-tests.js";

const dir = kernelTreeForTests("6.12");
const root = join(import.meta.dirname, "../../..");

describe("a DIR that is not a kernel tree", () => {
  it("is one clear error", () => {
    expect(() => buildKernelRunner(root)).toThrow(
      /is not a Linux source tree .*missing .*lib\/maple_tree\.c/,
    );
    expect(() => buildKernelRunner("/no/such/dir")).toThrow(/no such directory/);
  });
});

describe.skipIf(dir === undefined)("the runner cache (linux 6.12)", () => {
  const work = mkdtempSync(join(tmpdir(), "maple-check-cache-"));
  const saved = process.env.MAPLE_CHECK_CACHE;
  process.env.MAPLE_CHECK_CACHE = join(work, "cache");
  afterAll(() => {
    if (saved === undefined) delete process.env.MAPLE_CHECK_CACHE;
    else process.env.MAPLE_CHECK_CACHE = saved;
    rmSync(work, { recursive: true, force: true });
  });
  // A private copy: the test edits its maple_tree.c (the patch only adds a comment).
  let copies = 0;
  const copy = () =>
    patchedTree(
      dir as string,
      join(root, "test/fixtures/kernel-patches/comment-only.patch"),
      join(work, `tree-${++copies}`),
    );

  it("builds once, then hits the cache; an edit or a damaged binary rebuilds", () => {
    const tree = copy();
    const first = buildKernelRunner(tree);
    expect(first.built).toBe(true);
    expect(first.kernelVersion).toMatch(/^6\.12\.\d+$/);
    const again = buildKernelRunner(tree);
    expect(again.built).toBe(false);
    expect(again.binary).toBe(first.binary);

    appendFileSync(join(tree, "lib/maple_tree.c"), "\n/* edited */\n");
    const edited = buildKernelRunner(tree);
    expect(edited.built).toBe(true);
    expect(edited.hash).not.toBe(first.hash);

    writeFileSync(edited.binary, "not a runner");
    const repaired = buildKernelRunner(tree);
    expect(repaired.built).toBe(true);
    expect(repaired.hash).toBe(edited.hash);
  }, 600_000);

  it("a maple_tree.c that does not compile: the compiler's first error", () => {
    const tree = copy();
    appendFileSync(join(tree, "lib/maple_tree.c"), "\nint broken = ;\n");
    expect(() => buildKernelRunner(tree)).toThrow(KernelBuildError);
    expect(() => buildKernelRunner(tree)).toThrow(
      /does not compile: .*maple_tree\.c:\d+:\d+: error: /,
    );
  }, 600_000);

  it("no compiler: which package to install", () => {
    const tree = copy();
    appendFileSync(join(tree, "lib/maple_tree.c"), "\n/* needs a build */\n");
    const savedCc = process.env.CC;
    process.env.CC = "/no/such/cc";
    try {
      expect(() => buildKernelRunner(tree)).toThrow(
        /needs a C compiler.*apt-get install build-essential/,
      );
    } finally {
      if (savedCc === undefined) delete process.env.CC;
      else process.env.CC = savedCc;
    }
  });
});
