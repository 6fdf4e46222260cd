/**
 * Linux 6.1, the long-term kernel: the runner builds from its tree (whose own harness lacks
 * `fallthrough`), operations 6.1 lacks are reported not applicable and left out of the runs,
 * and what maple-check finds there stays pinned: answers that differ from 6.12's API, and
 * mtree_alloc_range overwriting the entries after the range it allocates.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildKernelRunner, type RunnerBuild } from "../../../src/backend/kernel/build.js";
import { KernelBackend } from "../../../src/backend/kernel/kernel-backend.js";
import { runSpec } from "../../../src/checker/run/run-spec.js";
import { loadSpecFile } from "../../../src/checker/spec/load-spec.js";
import { kernelTreeForTests } from "./kernel-tree-for-tests.js";

const dir = kernelTreeForTests("6.1");
const root = join(import.meta.dirname, "../../..");

describe.skipIf(dir === undefined)("linux 6.1's C tree", () => {
  let build: RunnerBuild;
  let backend: KernelBackend;
  beforeAll(() => {
    build = buildKernelRunner(dir as string);
    backend = new KernelBackend(build);
  }, 300_000);
  afterAll(() => backend?.close());

  const trace = (text: string): string[] =>
    spawnSync(build.binary, [], { input: text, encoding: "utf8" }).stdout.trim().split("\n");

  it("lacks the 6.12 API it lacks: not applicable, never passed", () => {
    expect(build.kernelVersion).toMatch(/^6\.1\.\d+$/);
    for (const op of ["cyclic", "mnextr", "mfindrange", "mnext", "mstore"])
      expect(backend.supports(op)).toBe(false);
    for (const op of ["store", "erase", "load", "gap", "alloc"])
      expect(backend.supports(op)).toBe(true);
    const out = runSpec(loadSpecFile(join(root, "specs/seq-kernel-plain.json")), { backend });
    expect(out.notApplicableOps).toEqual(expect.arrayContaining(["cyclic", "mnext", "mgap"]));
    // 6.1 answers a zero-sized gap search on an empty tree with the whole range (6.12: -EINVAL).
    expect(out.verdict).toBe("violation");
    expect(out.counterexample?.error).toMatch(
      /after `gap 0 1 0`: tree says 0 18446744073709551615/,
    );
  });

  it("mtree_alloc_range overwrites the entries after the range it allocates", () => {
    expect(trace("init alloc\nstore 2 2 1\nstore 5 9 3\nalloc 1 1 max 7\nranges\n")).toEqual([
      "ok",
      "ok",
      "ok",
      "1",
      "[0,0]=null [1,18446744073709551615]=7",
    ]);
  });
});
