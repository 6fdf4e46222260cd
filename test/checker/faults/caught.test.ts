/**
 * Each fault of the catalog is caught by its specs with the fault switched on, and the same
 * specs pass with it off (no false alarm). The two sequential faults whose search takes seconds
 * (#13, #14) are checked here on their shrunk counterexamples, which the kernel oracle answers
 * "valid" (fixtures/counterexamples.json); the gate script runs their full searches.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FAULT_CATALOG } from "../../../src/checker/faults/catalog.js";
import {
  killRateText,
  runFault,
  runNoFaultSpecs,
  summarize,
} from "../../../src/checker/faults/gate.js";
import { pairOptions } from "../../../src/checker/sequential/check-sequential.js";
import { CheckedPair, SequentialMismatch } from "../../../src/checker/sequential/checked-pair.js";
import type { Fault } from "../../../src/impl/faults.js";
import { TraceMachine } from "../../../src/trace/execute.js";
import { formatResult } from "../../../src/trace/format.js";
import { parseLine } from "../../../src/trace/parse.js";

const SLOW = new Set(["root-test-and-instead-of-or", "split-advance-for-min-span"]);
const QUICK = FAULT_CATALOG.filter((e) => e.specs.length > 0 && !SLOW.has(e.fault));

describe("each fault is caught by its specs, which pass without it", () => {
  for (const entry of QUICK) {
    it(`${entry.fault} (known-bugs.md #${entry.bug}, ${entry.class})`, () => {
      const row = runFault(entry, { controls: true });
      expect(row.error).toBeNull();
      expect(row.caught).toBe(true);
      expect(row.mode).toBe(
        entry.kind === "mm"
          ? "mm-sequential"
          : entry.kind === "seed-hunk"
            ? "mm-explore"
            : entry.class === "S"
              ? "sequential"
              : "interleaving",
      );
      expect(row.size).not.toBeNull();
      for (const c of row.controls) expect(c.verdict, c.file).toBe("pass");
      expect(row.controls.length).toBe(entry.kind === "protocol" ? 1 : entry.specs.length);
    });
  }

  it("faults no spec reaches are reported as not caught, with the reason", () => {
    for (const entry of FAULT_CATALOG.filter((e) => e.specs.length === 0)) {
      const row = runFault(entry);
      expect(row.caught).toBe(false);
      if (entry.masked !== undefined) expect(row.masked).toBe(entry.masked.why);
      else expect(row.unreached).toBe(entry.note);
    }
  });

  it("the kill rate is over the reachable faults; the masked ones are named", () => {
    const masked = FAULT_CATALOG.filter((e) => e.masked !== undefined);
    const rows = masked.map((e) => runFault(e));
    const result = summarize(rows, 0);
    expect(result).toMatchObject({ caught: 0, total: masked.length, reachable: 0 });
    expect(result.masked).toBe(masked.length);
    expect(killRateText(result)).toContain(`${masked.length} masked (`);
  });
});

interface Case {
  fault: string;
  bug: number;
  lines: string[];
  oracle: string[];
}
const CASES: Case[] = JSON.parse(
  readFileSync(new URL("./fixtures/counterexamples.json", import.meta.url), "utf8"),
).cases;

describe("the slow sequential faults, on their shrunk counterexamples", () => {
  for (const c of CASES) {
    const body = c.lines.slice(1, -2);
    const nodes = c.lines.at(-1) as string;
    it(`${c.fault} (#${c.bug}): the pair reports a deficient node only with the fault`, () => {
      const withFault = new CheckedPair(
        pairOptions({ flags: [], geometry: "kernel", faults: [c.fault] }),
      );
      let error = "";
      try {
        for (const l of body) withFault.run(l);
      } catch (e) {
        if (!(e instanceof SequentialMismatch)) throw e;
        error = e.message;
      }
      expect(error).toMatch(/invalid size/);
      const without = new CheckedPair(pairOptions({ flags: [], geometry: "kernel", faults: [] }));
      for (const l of body) without.run(l);
    });

    it(`${c.fault} (#${c.bug}): without the fault the tree is the kernel's`, () => {
      expect(c.oracle[0]).toBe("valid");
      const m = new TraceMachine({ guard: true, tree: { faults: [] as Fault[] } });
      let out = "";
      for (const l of [...c.lines.slice(0, -2), nodes]) {
        const p = parseLine(l, 0);
        if (p !== null) out = formatResult(m.runLine(p));
      }
      expect(out).toBe(c.oracle[1]);
    });
  }
});

describe("no fault, no alarm", () => {
  it("the no-fault specs keep their verdicts", () => {
    for (const r of runNoFaultSpecs({ maxRuns: 100 })) expect(r.verdict, r.file).toBe(r.expected);
  });

  it("the slow sequential fault specs pass without their fault (shortened)", () => {
    for (const entry of FAULT_CATALOG.filter((e) => SLOW.has(e.fault))) {
      const row = runFault(entry, { controls: true, maxRuns: 150 });
      for (const c of row.controls) expect(c.verdict, c.file).toBe("pass");
    }
  });
});
