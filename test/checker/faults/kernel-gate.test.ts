/**
 * The kernel fault gate without a kernel: the patch headers of specs/kernel-faults/ parse and
 * name specs that exist, every RCU-mode bug of known-bugs.md that lives in lib/maple_tree.c has
 * a patch, and a header spec runs with its TypeScript faults taken out (the patch is the fault).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  kernelFaultSpec,
  loadKernelFaults,
  parseKernelFaultHeader,
} from "../../../src/checker/faults/kernel-gate.js";
import { loadSpecFile } from "../../../src/checker/spec/load-spec.js";

const HEADER = `# maple-check kernel fault: some-fault
# bug 12 destroy-root-leaf-not-dead: reverts "x" (ea9b77f98d94)
# class: I+L
# masked: the tree hides it
# caught by: explore-a  explore-b
--- a/lib/maple_tree.c
+++ b/lib/maple_tree.c
`;

describe("kernel fault headers", () => {
  it("parse into name, bug, class, specs and the masked reason", () => {
    expect(parseKernelFaultHeader("f.patch", HEADER)).toEqual({
      name: "some-fault",
      file: "f.patch",
      bug: 12,
      about: 'bug 12 destroy-root-leaf-not-dead: reverts "x" (ea9b77f98d94)',
      class: "I+L",
      specs: ["explore-a", "explore-b"],
      masked: "the tree hides it",
    });
  });

  it("take a seeded mutant in place of a historic bug, as bug 0", () => {
    const text = HEADER.replace(/^# bug .*$/m, "# seeded mutant: not a historic bug: x").replace(
      /^# masked.*\n/m,
      "",
    );
    const f = parseKernelFaultHeader("m.patch", text);
    expect(f.bug).toBe(0);
    expect(f.about).toBe("seeded mutant: not a historic bug: x");
  });

  it("without a masked line has no masked field; no header or no spec is an error", () => {
    const f = parseKernelFaultHeader("f.patch", HEADER.replace(/^# masked.*\n/m, ""));
    expect(f.masked).toBeUndefined();
    expect(() => parseKernelFaultHeader("g.patch", "--- a/lib/maple_tree.c\n")).toThrow(
      /g\.patch: no maple-check header/,
    );
    expect(() =>
      parseKernelFaultHeader("h.patch", HEADER.replace(/^# caught by: .*$/m, "# caught by: ")),
    ).toThrow(/h\.patch/);
  });

  it("of specs/kernel-faults name specs that exist and touch one file, lib/maple_tree.c or mm/vma.c", () => {
    const faults = loadKernelFaults("specs/kernel-faults");
    expect(new Set(faults.map((f) => f.name)).size).toBe(faults.length);
    for (const f of faults) {
      expect(f.file.endsWith(`/${f.name}.patch`), f.file).toBe(true);
      for (const s of f.specs) expect(loadSpecFile(`specs/${s}.json`).name).toBe(s);
      const files = readFileSync(f.file, "utf8").match(/^(---|\+\+\+) \S+/gm);
      const target = /^--- a\/(\S+)/.exec(files?.[0] ?? "")?.[1] ?? "";
      expect(["lib/maple_tree.c", "mm/vma.c"], f.name).toContain(target);
      expect(files, f.name).toEqual([`--- a/${target}`, `+++ b/${target}`]);
      // A VMA-layer fault is caught at the mm level, on mm/vma.c.
      if (target === "mm/vma.c")
        for (const s of f.specs) expect(loadSpecFile(`specs/${s}.json`).mode).toBe("mm-sequential");
    }
  });

  it("cover every RCU-mode bug of known-bugs.md in lib/maple_tree.c (1, 4, 5, 11, 12)", () => {
    const bugs = new Set(loadKernelFaults("specs/kernel-faults").map((f) => f.bug));
    for (const b of [1, 4, 5, 11, 12]) expect(bugs.has(b), `bug ${b}`).toBe(true);
  });
});

describe("a header spec on the kernel gate", () => {
  it("runs with tree.faults emptied and everything else kept", () => {
    const spec = loadSpecFile("specs/explore-fault-dead-root-at-start.json");
    expect(spec.tree.faults.length).toBe(2);
    const k = kernelFaultSpec(spec);
    expect(k.tree.faults).toEqual([]);
    expect({ ...k, tree: { ...k.tree, faults: spec.tree.faults } }).toEqual(spec);
    expect(spec.tree.faults.length).toBe(2); // the loaded spec is not changed
    expect(k.expect).toBe("violation");
  });
});
