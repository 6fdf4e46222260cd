/**
 * A user's broken patch, caught on the C tree: fixtures/node-store-in-place-in-rcu.patch makes
 * 6.12's mas_wr_node_store rewrite the live leaf in place in RCU mode too (the seed bug back).
 * On a private copy of the tree with it (patched-tree.ts), explore-seed-bug-rcu-on fails as
 * `maple-check run --kernel` runs it, with a minimized counterexample that replays, and whose
 * timeline shows the in-place copy in the C function that makes it.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildExploreRunner } from "../../../../src/backend/kernel/explore/build-explore.js";
import { KernelBackend } from "../../../../src/backend/kernel/kernel-backend.js";
import { openKernelTree } from "../../../../src/backend/kernel/kernel-tree.js";
import { patchedTree } from "../../../../src/backend/kernel/patched-tree.js";
import { replayOutcome } from "../../../../src/checker/run/run-all.js";
import { runSpec } from "../../../../src/checker/run/run-spec.js";
import { loadSpecFile } from "../../../../src/checker/spec/load-spec.js";
import { BUILD_TIMEOUT, kernelDir } from "./explore-runner-for-tests.js";

const PATCH = join(import.meta.dirname, "fixtures/node-store-in-place-in-rcu.patch");
const spec = loadSpecFile(
  join(import.meta.dirname, "../../../../specs/explore-seed-bug-rcu-on.json"),
);

/** The patched tree, in a folder named by the patch (so its runner build is cached). */
function brokenTree(): string {
  const tag = createHash("sha256").update(readFileSync(PATCH)).digest("hex").slice(0, 12);
  const dir = join(tmpdir(), `maple-check-test-broken-${tag}`);
  if (!existsSync(join(dir, "lib/maple_tree.c"))) {
    rmSync(dir, { recursive: true, force: true });
    patchedTree(kernelDir as string, PATCH, dir);
  }
  return dir;
}

describe.skipIf(kernelDir === undefined)("a broken patch to linux 6.12's maple tree", () => {
  let backend: KernelBackend;
  beforeAll(() => {
    const dir = brokenTree();
    buildExploreRunner(dir);
    const kernel = openKernelTree(dir);
    // Only the explore runner is used: the sequential runner is never started.
    backend = new KernelBackend({
      binary: "/nonexistent/maple-runner",
      kernelVersion: kernel.version,
      kernel,
      hash: "",
      built: false,
    });
  }, BUILD_TIMEOUT);

  it("fails the RCU-on seed-bug spec: minimized, replayable, in the C code", () => {
    const o = runSpec(spec, { backend });
    expect(o.verdict).toBe("violation");
    expect(o.expected).toBe("pass");
    const cx = o.counterexample;
    if (cx === undefined) throw new Error("no counterexample");
    expect(cx.replayToken).toMatch(/^kernel:explore:explore-seed-bug-rcu-on@[0-9a-f]{12}:/);
    expect(cx.size.preemptions).toBe(1);
    expect(cx.body).toMatch(/memcpy over node#\d+ begins .* at mas_wr_node_store:\d+/);
    expect(cx.body).toMatch(/<== the answer leaves every state the model allows/);
    expect(replayOutcome(spec, cx.replayToken, backend).counterexample?.body).toBe(cx.body);
  });
});
