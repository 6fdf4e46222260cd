/**
 * Every sequential spec of specs/ on the kernel's C tree: the same verdict as on the
 * TypeScript tree, spec by spec; a spec the C tree cannot run is reported not applicable
 * with its reason, never passed.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildKernelRunner } from "../../../src/backend/kernel/build.js";
import { KernelBackend } from "../../../src/backend/kernel/kernel-backend.js";
import { runSpec } from "../../../src/checker/run/run-spec.js";
import { loadSpecDir } from "../../../src/checker/spec/load-spec.js";
import { kernelTreeForTests } from "./kernel-tree-for-tests.js";

const dir = kernelTreeForTests("6.12");
const specs = loadSpecDir(join(import.meta.dirname, "../../../specs")).filter(
  (s) => s.mode === "sequential",
);

describe.skipIf(dir === undefined)("sequential specs on linux 6.12's C tree", () => {
  let backend: KernelBackend;
  beforeAll(() => {
    backend = new KernelBackend(buildKernelRunner(dir as string));
  }, 300_000);
  afterAll(() => backend?.close());

  it("has sequential specs to compare", () => {
    expect(specs.length).toBeGreaterThanOrEqual(10);
  });

  for (const spec of specs)
    it(`${spec.name}: same verdict as the TypeScript tree`, () => {
      const ts = runSpec(spec);
      const kernel = runSpec(spec, { backend });
      if (spec.tree.geometry !== "kernel" || spec.tree.faults.length > 0) {
        expect(kernel.verdict).toBe("not-applicable");
        expect(kernel.notApplicable).toMatch(/geometry|faults/);
        return;
      }
      expect(kernel.counterexample?.error).toBeUndefined();
      expect(kernel.verdict).toBe(ts.verdict);
      expect(kernel.executions).toBeGreaterThan(spec.sequential?.runs ?? 0);
      expect(kernel.backend).toMatch(/^linux 6\.12/);
    });
});
