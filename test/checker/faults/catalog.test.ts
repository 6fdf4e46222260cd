/**
 * The fault catalog is consistent with the tree's faults and the spec files: every historic
 * fault of src/impl/faults.ts is listed, every spec named exists, parses and (for a tree fault)
 * can take the fault, and the committed baseline names exactly the catalog's faults.
 */

import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isProposedFix } from "../../../src/backend/kernel/proposed-fix.js";
import { FAULT_CATALOG, NO_FAULT_SPECS } from "../../../src/checker/faults/catalog.js";
import {
  type FaultBaseline,
  specWithFault,
  specWithoutFault,
} from "../../../src/checker/faults/gate.js";
import { loadSpecFile } from "../../../src/checker/spec/load-spec.js";
import { ALL_FAULTS } from "../../../src/impl/faults.js";

const KNOWN_BUGS = [1, 2, 3, 4, 5, 11, 12, 13, 14, 15, 17, 19, 21, 22, 23, 24, 26, 31, 36, 37, 43];

describe("fault catalog", () => {
  it("covers every historic fault of the tree and every tree-level bug of known-bugs.md", () => {
    const historic = ALL_FAULTS.filter(
      (f) => !f.startsWith("planted:") && !f.startsWith("selftest:") && !isProposedFix(f),
    );
    const listed = FAULT_CATALOG.filter((e) => e.kind === "tree").map((e) => e.fault);
    expect([...listed].sort()).toEqual([...historic].sort());
    expect([...new Set(FAULT_CATALOG.map((e) => e.bug))].sort((a, b) => a - b)).toEqual(KNOWN_BUGS);
    expect(new Set(FAULT_CATALOG.map((e) => e.fault)).size).toBe(FAULT_CATALOG.length);
  });

  it("names tree faults that exist, and says why when no spec reaches one", () => {
    for (const e of FAULT_CATALOG) {
      for (const w of e.with ?? []) expect(ALL_FAULTS).toContain(w);
      if (e.specs.length === 0)
        expect((e.masked?.why ?? e.note)?.length ?? 0, e.fault).toBeGreaterThan(40);
      // A masked fault is not run: it has no spec, and says what shows it unreachable.
      if (e.masked !== undefined) {
        expect(e.specs, e.fault).toEqual([]);
        expect(e.masked.shown.length, e.fault).toBeGreaterThan(20);
      }
      if (e.kind === "protocol") expect(e.control, e.fault).toBeDefined();
    }
  });

  it("names spec files that exist and parse; a tree fault's spec already carries it", () => {
    for (const e of FAULT_CATALOG) {
      for (const ref of e.specs) {
        const spec = loadSpecFile(`specs/${ref.file}`);
        expect(spec.expect, ref.file).toBe(ref.expect);
        if (e.kind === "tree") {
          expect(spec.tree.faults, ref.file).toContain(e.fault);
          expect(specWithFault(spec, e)).toEqual(spec);
          expect(specWithoutFault(spec, e).tree.faults).not.toContain(e.fault);
        }
        if (e.kind === "mm") {
          expect(spec.mm?.faults, ref.file).toContain(e.fault);
          expect(specWithFault(spec, e)).toEqual(spec);
          expect(specWithoutFault(spec, e).mm?.faults).not.toContain(e.fault);
        }
        if (e.kind === "seed-hunk") {
          // The spec already has the hunk taken back; its control is 6.12's code.
          expect(specWithFault(spec, e)).toEqual(spec);
          expect(specWithoutFault(spec, e)).not.toEqual(spec);
        }
      }
      if (e.control !== undefined) expect(loadSpecFile(`specs/${e.control}`).expect).toBe("pass");
    }
    for (const f of NO_FAULT_SPECS) expect(existsSync(`specs/${f}`), f).toBe(true);
  });

  it("the committed baseline lists exactly the catalog's faults", () => {
    const baseline = JSON.parse(
      readFileSync("specs/baselines/faults-baseline.json", "utf8"),
    ) as FaultBaseline;
    expect(Object.keys(baseline.faults).sort()).toEqual(FAULT_CATALOG.map((e) => e.fault).sort());
    for (const e of FAULT_CATALOG)
      if (e.specs.length === 0) expect(baseline.faults[e.fault].caught).toBe(false);
  });
});
