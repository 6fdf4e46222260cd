/**
 * A crash or a hang of the kernel code is a finding, not a harness error: the sequential
 * check reports a violation with the shrunk command list, the runner is restarted after each
 * crash (shrinking crashes it many times) and the run goes on. The spec is seq-kernel-plain with
 * only stores and loads in its mix.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildKernelRunner } from "../../../src/backend/kernel/build.js";
import { KernelBackend } from "../../../src/backend/kernel/kernel-backend.js";
import { patchedTree } from "../../../src/backend/kernel/patched-tree.js";
import { runSpec } from "../../../src/checker/run/run-spec.js";
import { templateArbitraries } from "../../../src/checker/sequential/op-template.js";
import { loadSpecFile } from "../../../src/checker/spec/load-spec.js";
import { kernelTreeForTests } from "./kernel-tree-for-tests.js";

const dir = kernelTreeForTests("6.12");
const root = join(import.meta.dirname, "../../..");
const plain = loadSpecFile(join(root, "specs/seq-kernel-plain.json"));
// Only stores and loads: the crash is at `load 13`, and how small the shrunk list gets should
// not hang on how the default mix (which grows) spends the seed's random draws.
const onlyStoreAndLoad = Object.fromEntries(
  Object.keys(templateArbitraries("small"))
    .filter((name) => name !== "store" && name !== "load")
    .map((name) => [name, 0]),
);
const spec = {
  ...plain,
  sequential: {
    ...(plain.sequential as NonNullable<typeof plain.sequential>),
    mix: { ...onlyStoreAndLoad, fill: 0 },
  },
};

describe.skipIf(dir === undefined)("crashes and hangs of the kernel code (linux 6.12)", () => {
  const work = mkdtempSync(join(tmpdir(), "maple-check-kcrash-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  for (const [patch, reason] of [
    ["load-crashes-at-13", /kernel crash: (SIGSEGV|asan|ubsan)/],
    ["load-hangs-at-13", /kernel crash: hang/],
  ] as const)
    it(`${patch}: a shrunk violation, and the run goes on after each crash`, () => {
      const copy = patchedTree(
        dir as string,
        join(root, `test/fixtures/kernel-patches/${patch}.patch`),
        join(work, patch),
      );
      const backend = new KernelBackend(buildKernelRunner(copy));
      try {
        const out = runSpec(spec, { backend });
        expect(out.verdict).toBe("violation");
        const cx = out.counterexample;
        expect(cx?.error).toMatch(reason);
        expect(cx?.body.trim().split("\n").at(-1)).toMatch(/^load 13$/);
        // load 13 may name its index as a boundary of a range (store 14 14 1, then 13 = its first - 1).
        expect(cx?.size.commands).toBeLessThanOrEqual(2);
        expect(cx?.replayToken).toMatch(/^kernel:seq:seq-kernel-plain@[0-9a-f]{12}:/);
      } finally {
        backend.close();
      }
    }, 600_000);
});
