/**
 * The kernel fault gate on linux 6.12: the append-in-RCU patch (known-bugs.md #11) applied
 * to a private copy of the tree is caught by its header's explore spec run with no TypeScript
 * fault, and the same spec passes on the unpatched tree (the false-alarm control).
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runKernelFaultGate } from "../../../src/checker/faults/kernel-gate.js";
import { kernelTreeForTests } from "./kernel-tree-for-tests.js";

const dir = kernelTreeForTests("6.12");
const root = join(import.meta.dirname, "../../..");

describe.skipIf(dir === undefined)("the kernel fault gate on linux 6.12", () => {
  it("catches append-in-rcu by interleaving, and its control passes", () => {
    const result = runKernelFaultGate({
      kernelDir: dir as string,
      specsDir: join(root, "specs"),
      faultsDir: join(root, "specs/kernel-faults"),
      only: ["append-in-rcu"],
    });
    expect(result.total).toBe(1);
    const row = result.rows[0];
    expect(row.error).toBeNull();
    expect(row.caught).toBe(true);
    expect(row.bug).toBe(11);
    expect(row.mode).toBe("interleaving");
    expect(row.specs.map((s) => [s.file, s.verdict])).toEqual([
      ["explore-fault-append-in-rcu.json", "violation"],
    ]);
    expect(row.specs[0].error).toMatch(/not linearizable/);
    expect(row.controls.map((s) => [s.file, s.verdict])).toEqual([
      ["explore-fault-append-in-rcu.json", "pass"],
    ]);
    expect(result.caught).toBe(1);
  }, 600_000);
});
