/**
 * The kernel fault gate without a kernel: the patch headers of specs/kernel-faults/ parse and
 * name specs that exist, every RCU-mode bug of known-bugs.md that lives in lib/maple_tree.c has
 * a patch, and a header spec runs with its TypeScript faults taken out (the patch is the fault).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FAULT_CATALOG } from "../../../src/checker/faults/catalog.js";
import { summarize } from "../../../src/checker/faults/gate.js";
import {
  formatKernelGate,
  kernelFaultSpec,
  kernelGatePasses,
  loadKernelFaults,
  notRunOnKernel,
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
      catalog: "some-fault",
    });
    const tied = parseKernelFaultHeader("f.patch", `# catalog: other-name\n${HEADER}`);
    expect(tied.catalog).toBe("other-name");
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

  it("tie each historic patch to its catalog fault: tree faults in lib/maple_tree.c, mm faults in mm/vma.c", () => {
    const ofKind = (k: string) =>
      new Set(FAULT_CATALOG.filter((e) => e.kind === k).map((e) => e.fault));
    const tree = ofKind("tree");
    const mm = ofKind("mm");
    for (const f of loadKernelFaults("specs/kernel-faults")) {
      const onVma = readFileSync(f.file, "utf8").includes("--- a/mm/vma.c");
      // Seeded mutants (bug 0) are no catalog fault: they measure what no spec was written for.
      if (f.bug === 0) expect(onVma, `${f.name}: seeded mutants are of mm/vma.c`).toBe(true);
      else expect((onVma ? mm : tree).has(f.catalog), `${f.name} -> ${f.catalog}`).toBe(true);
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

describe("the kernel gate's counts", () => {
  const patches = loadKernelFaults("specs/kernel-faults");
  const maskedInCatalog = FAULT_CATALOG.filter((e) => e.kind === "tree" && e.masked).map(
    (e) => e.fault,
  );

  it("list the catalog's masked tree faults as masked rows on 6.12, the rest as not run", () => {
    const left = notRunOnKernel(patches, "6.12.118");
    expect(left.masked.map((r) => r.fault)).toEqual(maskedInCatalog);
    for (const r of left.masked) {
      expect(r.caught).toBe(false);
      expect(r.masked?.length ?? 0).toBeGreaterThan(20);
    }
    const named = new Set([...patches.map((f) => f.catalog), ...maskedInCatalog]);
    const rest = FAULT_CATALOG.filter((e) => e.kind === "tree" && !named.has(e.fault));
    expect(left.withoutPatch.map((f) => f.fault)).toEqual(rest.map((e) => e.fault));
    expect(rest.length).toBeGreaterThan(0);
  });

  it("prove nothing about another kernel: there every unported fault is only not run", () => {
    const left = notRunOnKernel(patches, "6.1.192");
    expect(left.masked).toEqual([]);
    expect(left.withoutPatch.map((f) => f.fault)).toEqual(expect.arrayContaining(maskedInCatalog));
  });

  it("take the kill rate over the reachable faults and pass with masked ones listed", () => {
    const left = notRunOnKernel(patches, "6.12.118");
    const caught = patches.map((f) => ({
      fault: f.name,
      bug: f.bug,
      class: f.class,
      caught: true,
      mode: "sequential" as const,
      timeToCatchMs: 1,
      size: null,
      error: null,
      specs: [],
      controls: [],
    }));
    const result = {
      ...summarize([...caught, ...left.masked], 5),
      withoutPatch: left.withoutPatch,
    };
    expect(result.reachable).toBe(patches.length);
    expect(result.masked).toBe(left.masked.length);
    expect(kernelGatePasses(result)).toBe(true);
    const text = formatKernelGate(result);
    expect(text).toContain(
      `kill rate: caught ${patches.length} of ${patches.length} reachable (100.0%); ${left.masked.length} masked`,
    );
    for (const r of left.masked) expect(text).toContain(`${r.fault} (#${r.bug}) masked: `);
    expect(text).toContain(
      `not run on the C tree (no patch in specs/kernel-faults/): ${left.withoutPatch.length} catalog tree faults`,
    );
    const escaped = {
      ...result,
      ...summarize([{ ...caught[0], caught: false }, ...caught.slice(1)], 5),
    };
    expect(kernelGatePasses(escaped)).toBe(false);
  });
});
