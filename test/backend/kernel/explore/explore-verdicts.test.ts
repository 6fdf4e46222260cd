/**
 * Every explore spec of specs/ on linux 6.12's C tree, through runSpec as `maple-check run
 * --kernel` runs it: the verdict it has on the TypeScript tree (the C code is the truth; where
 * the two differ the case is listed in DIFFERENT with the reason), or not applicable with its
 * reason (faults of the TypeScript tree). The seed bug's counterexample is minimized, carries
 * a kernel token that replays to the same text, and its timeline names C functions and lines.
 */

import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KernelBackend } from "../../../../src/backend/kernel/kernel-backend.js";
import { openKernelTree } from "../../../../src/backend/kernel/kernel-tree.js";
import { isProposedFix } from "../../../../src/backend/kernel/proposed-fix.js";
import { replayOutcome } from "../../../../src/checker/run/run-all.js";
import { runSpec } from "../../../../src/checker/run/run-spec.js";
import { specHash } from "../../../../src/checker/run/spec-hash.js";
import { loadSpecDir } from "../../../../src/checker/spec/load-spec.js";
import { BUILD_TIMEOUT, exploreRunner, kernelDir } from "./explore-runner-for-tests.js";

const specs = loadSpecDir(join(import.meta.dirname, "../../../../specs")).filter(
  (s) => s.mode === "explore",
);

/** Specs whose verdict on the C tree differs from the TypeScript tree's: none on 6.12. */
const DIFFERENT: Record<string, string> = {};

describe.skipIf(kernelDir === undefined)("explore specs on linux 6.12's C tree", () => {
  let backend: KernelBackend;
  beforeAll(() => {
    exploreRunner();
    // Explore specs run on the explore runner only: the backend's sequential runner is
    // never started, so it is not built here.
    const kernel = openKernelTree(kernelDir as string);
    backend = new KernelBackend({
      binary: "/nonexistent/maple-runner",
      kernelVersion: kernel.version,
      kernel,
      hash: "",
      built: false,
    });
  }, BUILD_TIMEOUT);
  afterAll(() => backend?.close());

  it("has explore specs to compare", () => {
    expect(specs.length).toBeGreaterThanOrEqual(15);
  });

  for (const spec of specs)
    it(`${spec.name}: the TypeScript tree's verdict`, () => {
      if (spec.tree.geometry === "small") {
        // The C tree has the kernel's node sizes only.
        const kernel = runSpec(spec, { backend });
        expect(kernel.verdict).toBe("not-applicable");
        expect(kernel.notApplicable).toMatch(/geometry/);
        return;
      }
      if (spec.tree.faults.length > 0 && spec.tree.faults.every(isProposedFix)) {
        // A proposed fix runs on a patched copy (built and run in proposed-fix.test.ts); here the
        // seam only says that its patch applies to this tree.
        expect(backend.notApplicable(spec.tree)).toBeUndefined();
        return;
      }
      const kernel = runSpec(spec, { backend });
      if (spec.tree.faults.length > 0) {
        expect(kernel.verdict).toBe("not-applicable");
        expect(kernel.notApplicable).toMatch(/faults/);
        return;
      }
      const ts = runSpec(spec);
      expect(kernel.backend).toMatch(/^linux 6\.12/);
      if (spec.name in DIFFERENT) {
        expect(kernel.verdict).not.toBe(ts.verdict);
        return;
      }
      expect(kernel.verdict).toBe(ts.verdict);
      expect(kernel.verdict).toBe(spec.expect);
      if (kernel.counterexample !== undefined)
        expect(kernel.counterexample.replayToken).toMatch(/^kernel:explore:/);
    }, 120_000);

  it("the seed bug with RCU off: minimized, replayed, its timeline in the C code", () => {
    const spec = specs.find((s) => s.name === "explore-seed-bug-rcu-off");
    if (spec === undefined) throw new Error("no seed-bug spec");
    const o = runSpec(spec, { backend });
    expect(o.verdict).toBe("violation");
    const cx = o.counterexample;
    if (cx === undefined) throw new Error("no counterexample");
    expect(cx.size.preemptions).toBe(1);
    expect(cx.replayToken).toBe(
      `kernel:explore:explore-seed-bug-rcu-off@${specHash(spec)}:u:0.0.0.0.0.0.0.0.0.0.0.0.0.1.0`,
    );
    expect(cx.body).toMatch(/on the C tree: linux 6\.12/);
    expect(cx.body).toMatch(/store node#\d+ pivot\[4\] := 0x7fff .* at mas_wr_node_store:\d+/);
    expect(cx.body).toMatch(/<== the answer leaves every state the model allows/);
    const again = replayOutcome(spec, cx.replayToken, backend);
    expect(again.counterexample?.body).toBe(cx.body);
    expect(() => replayOutcome(spec, cx.replayToken)).toThrow(/--kernel/);
  });

  it("the seed bug with RCU on: a complete pass", () => {
    const spec = specs.find((s) => s.name === "explore-seed-bug-rcu-on");
    if (spec === undefined) throw new Error("no seed-bug spec");
    const o = runSpec(spec, { backend });
    expect(o.verdict).toBe("pass");
    expect(o.exploration?.[0].verdict).toBe("pass");
    expect(o.executions).toBeGreaterThan(10);
  });
});
