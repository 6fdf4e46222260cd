/**
 * mm-explore specs whose writer is linux 6.12's own mm/vma.c (issue 16 item 4), on the C tree
 * as `maple-check run --kernel` runs them and on the TypeScript tree from the same store log;
 * and two broken patches caught: one to mm/vma.c (split without write-locking the VMA), one to
 * the tree (the seed bug back in RCU mode). mm-explore-vma-munmap-split-612 (18 s on the C
 * tree) is left to the kernel main job of .ci/run.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildExploreRunner } from "../../../../src/backend/kernel/explore/build-explore.js";
import { KernelBackend } from "../../../../src/backend/kernel/kernel-backend.js";
import { openKernelTree } from "../../../../src/backend/kernel/kernel-tree.js";
import { patchedTree } from "../../../../src/backend/kernel/patched-tree.js";
import { buildVmaRunner } from "../../../../src/backend/kernel/vma/build-vma-runner.js";
import {
  recordVmaWriter,
  tsVmaExplorer,
  vmaExploreBounds,
} from "../../../../src/backend/kernel/vma/vma-explore-spec.js";
import type { MmExploreSpec } from "../../../../src/checker/mm-explore/mm-explore-spec.js";
import { replayOutcome } from "../../../../src/checker/run/run-all.js";
import { runSpec } from "../../../../src/checker/run/run-spec.js";
import { exploreMinimized } from "../../../../src/checker/scenario/explore-scenario.js";
import { loadSpecFile } from "../../../../src/checker/spec/load-spec.js";
import type { Spec } from "../../../../src/checker/spec/schema.js";
import { kernelTreeForTests } from "../kernel-tree-for-tests.js";

const kernelDir = kernelTreeForTests("6.12");
const BUILD_TIMEOUT = 300_000;
const SPECS = join(import.meta.dirname, "../../../../specs");
const VMA_PATCH = join(import.meta.dirname, "fixtures/split-without-write-lock.patch");
const TREE_PATCH = join(
  import.meta.dirname,
  "../explore/fixtures/node-store-in-place-in-rcu.patch",
);
const NAMES = [
  "mm-explore-vma-expand-612",
  "mm-explore-vma-expand-pre-seed",
  "mm-explore-vma-link-612",
  "mm-explore-vma-merge-both-612",
  "mm-explore-vma-merge-new-in-many-612",
  "mm-explore-vma-mprotect-merge-three-612",
  "mm-explore-vma-mprotect-middle-612",
  "mm-explore-vma-shrink-612",
  "mm-explore-vma-split-612",
];
const spec = (name: string): Spec => loadSpecFile(join(SPECS, `${name}.json`));

/** A backend on `dir` whose explore runner is built (the sequential runner is never started). */
function backendOn(dir: string): KernelBackend {
  buildExploreRunner(dir);
  buildVmaRunner(dir);
  const kernel = openKernelTree(dir);
  return new KernelBackend({
    binary: "/nonexistent/maple-runner",
    kernelVersion: kernel.version,
    kernel,
    hash: "",
    built: false,
  });
}

/** A private copy of the tree with `patch` applied to mm/vma.c, in a folder named by the patch. */
function vmaPatchedTree(patch: string): string {
  const tag = createHash("sha256").update(readFileSync(patch)).digest("hex").slice(0, 12);
  const dest = join(tmpdir(), `maple-check-test-broken-vma-${tag}`);
  if (existsSync(join(dest, "mm/vma.c"))) return dest;
  rmSync(dest, { recursive: true, force: true });
  const k = kernelDir as string;
  mkdirSync(join(dest, "mm"), { recursive: true });
  for (const e of readdirSync(k)) if (e !== "mm") symlinkSync(join(k, e), join(dest, e));
  for (const e of readdirSync(join(k, "mm")))
    if (e !== "vma.c") symlinkSync(join(k, "mm", e), join(dest, "mm", e));
  copyFileSync(join(k, "mm/vma.c"), join(dest, "mm/vma.c"));
  const r = spawnSync("patch", ["-p1", "--forward", "--batch", "-r", "-", "-i", patch], {
    cwd: dest,
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`${patch} does not apply: ${r.stdout}${r.stderr}`);
  return dest;
}

/** A private copy of the tree with TREE_PATCH applied to lib/maple_tree.c (patched-tree.ts). */
function treePatchedTree(): string {
  const tag = createHash("sha256").update(readFileSync(TREE_PATCH)).digest("hex").slice(0, 12);
  const dir = join(tmpdir(), `maple-check-test-broken-tree-for-vma-${tag}`);
  if (!existsSync(join(dir, "mm/vma.c"))) {
    rmSync(dir, { recursive: true, force: true });
    patchedTree(kernelDir as string, TREE_PATCH, dir);
  }
  return dir;
}

describe.skipIf(kernelDir === undefined)("mm/vma.c writers explored on linux 6.12", () => {
  let backend: KernelBackend;
  beforeAll(() => {
    backend = backendOn(kernelDir as string);
  }, BUILD_TIMEOUT);

  it.each(NAMES)("%s gives its expected verdict on the C tree", (name) => {
    const s = spec(name);
    const o = runSpec(s, { backend });
    expect(o.verdict).toBe(s.expect);
    expect(o.pinMismatch).toBeUndefined();
    expect(o.executions).toBeGreaterThan(0);
  });

  it.each(NAMES)("%s gives the same verdict on the TypeScript tree from the same log", (name) => {
    const s = spec(name);
    const c = recordVmaWriter(s.name, s.mmExplore as MmExploreSpec, kernelDir as string);
    const run = exploreMinimized(tsVmaExplorer(s, c), vmaExploreBounds(s), true);
    expect(run.summary.verdict === "violation" ? "violation" : "pass").toBe(s.expect);
  });

  it("the seed's expand fails without RCU mode: the live leaf torn in mas_wr_node_store, replayable", () => {
    const s = spec("mm-explore-vma-expand-pre-seed");
    const o = runSpec(s, { backend });
    const cx = o.counterexample;
    if (cx === undefined) throw new Error("no counterexample");
    expect(cx.replayToken).toMatch(/^kernel:explore:mm-explore-vma-expand-pre-seed@/);
    expect(cx.body).toMatch(/vma\.c writer: expand 0x4000 0x8000/);
    expect(cx.body).toMatch(/memcpy over node#\d+ begins .* at mas_wr_node_store:\d+/);
    expect(cx.error).toMatch(/fault-in-C `walk 0x9000` -> "null 36864 40959" matches no state/);
    expect(replayOutcome(s, cx.replayToken, backend).counterexample?.body).toBe(cx.body);
  });

  it("the writer's lines are vma.c's stores: merge_new of both neighbours grows A over B", () => {
    const s = spec("mm-explore-vma-merge-both-612");
    const c = recordVmaWriter(s.name, s.mmExplore as MmExploreSpec, kernelDir as string);
    expect(c.data.writer).toEqual(["store 4096 24575 1"]);
    expect(c.after.map((v) => v.text)).toEqual(["0x1000-0x6000", "0x8000-0x9000", "0x9000-0xa000"]);
    // Before the store vma.c has write-locked A (it grows) and B (it goes).
    expect(c.views[1].filter((v) => v.locked).map((v) => v.id)).toEqual([1, 2]);
  });
});

const kernel61 = kernelTreeForTests("6.1");
describe.skipIf(kernel61 === undefined)("vma.c writers on linux 6.1", () => {
  it("are not applicable: 6.1 has no tools/testing/vma, and the reason says which versions", () => {
    const kernel = openKernelTree(kernel61 as string);
    const backend = new KernelBackend({
      binary: "/nonexistent/maple-runner",
      kernelVersion: kernel.version,
      kernel,
      hash: "",
      built: false,
    });
    const o = runSpec(spec("mm-explore-vma-expand-612"), { backend });
    expect(o.verdict).toBe("not-applicable");
    expect(o.notApplicable).toMatch(
      /has no tools\/testing\/vma: the VMA runner needs Linux 6\.11 or later/,
    );
  });
});

describe.skipIf(kernelDir === undefined)("broken patches caught by vma.c writers", () => {
  it(
    "mm/vma.c splitting a VMA it did not write-lock fails mm-explore-vma-split-612",
    () => {
      const o = runSpec(spec("mm-explore-vma-split-612"), {
        backend: backendOn(vmaPatchedTree(VMA_PATCH)),
      });
      expect(o.verdict).toBe("violation");
      expect(o.counterexample?.error).toMatch(
        /returns nothing \(the walk found VMA 2, whose range \[0x5000, 0x8000\) leaves the address out\)/,
      );
    },
    BUILD_TIMEOUT,
  );

  it(
    "the tree's node store in place in RCU mode fails mm-explore-vma-expand-612",
    () => {
      const o = runSpec(spec("mm-explore-vma-expand-612"), {
        backend: backendOn(treePatchedTree()),
      });
      expect(o.verdict).toBe("violation");
      expect(o.counterexample?.error).toMatch(/fault-in-C `walk 0x9000` -> "null/);
    },
    BUILD_TIMEOUT,
  );
});
