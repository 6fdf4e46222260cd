/**
 * The sequential checker finds bugs: each planted fault, switched on in one tree, must end in a
 * violation with a short shrunk counterexample, and the same settings without the fault must
 * pass (no false alarm). Seeds are fixed, so every run is the same.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PLANTED_CASES, withFault } from "../../../scripts/planted-cases.js";
import { checkSequential, pairOptions } from "../../../src/checker/sequential/check-sequential.js";
import { CheckedPair, SequentialMismatch } from "../../../src/checker/sequential/checked-pair.js";
import type { TreeSpec } from "../../../src/checker/spec/schema.js";
import { FAULTS } from "../../../src/impl/faults.js";
import { TraceMachine } from "../../../src/trace/execute.js";
import { formatResult } from "../../../src/trace/format.js";
import { parseLine } from "../../../src/trace/parse.js";

interface OracleCase {
  fault: string;
  init: string;
  geometry: "kernel" | "small";
  lines: string[];
  oracle: string[];
}

const ORACLE: { cases: OracleCase[] } = JSON.parse(
  readFileSync(new URL("./fixtures/planted-oracle.json", import.meta.url), "utf8"),
);

function treeOf(c: OracleCase, faults: string[]): TreeSpec {
  const flags = c.init
    .replace(/^init /, "")
    .split("|")
    .filter((f): f is "alloc" | "rcu" => f === "alloc" || f === "rcu");
  return { flags, geometry: c.geometry, faults };
}

describe("planted faults are found by the sequential checker", () => {
  it("covers every planted fault", () => {
    const planted = Object.values(FAULTS).filter((f) => f.startsWith("planted:"));
    expect(PLANTED_CASES.map((c) => c.fault).sort()).toEqual([...planted].sort());
    expect(planted.length).toBeGreaterThanOrEqual(5);
    expect(ORACLE.cases.map((c) => c.fault).sort()).toEqual([...planted].sort());
  });

  it("refuses a fault name it does not know instead of running the plain tree", () => {
    const c = PLANTED_CASES[0];
    expect(() => checkSequential({ ...c.tree, faults: ["planted:no-such-fault"] }, c.seq)).toThrow(
      /unknown fault/,
    );
  });

  describe.each(PLANTED_CASES)("$fault", (c) => {
    it("is reported as a violation with a short counterexample", () => {
      const out = checkSequential(withFault(c), c.seq);
      expect(out.verdict).toBe("violation");
      const cx = out.counterexample;
      expect(cx).toBeDefined();
      if (!cx) return;
      console.log(
        `${c.fault}: ${cx.lines.length} lines (bound ${c.maxLines}), ${cx.shrinks} shrinks\n  ${cx.lines.join("\n  ")}\n  ${cx.error}`,
      );
      expect(cx.lines.length).toBeGreaterThan(0);
      expect(cx.lines.length).toBeLessThanOrEqual(c.maxLines);
      // The trace is the lines behind an init line, ready for the kernel oracle.
      expect(cx.trace.split("\n").filter((l) => l && !l.startsWith("#"))).toEqual([
        expect.stringMatching(/^init /),
        ...cx.lines,
      ]);
      expect(cx.error).toMatch(/differs after/);
      // Seed, path and replayPath replay exactly this counterexample, without searching again.
      const again = checkSequential(withFault(c), c.seq, {
        seed: cx.seed,
        path: cx.path,
        replayPath: cx.replayPath,
      });
      expect(again.runs).toBe(1);
      expect(again.counterexample?.lines).toEqual(cx.lines);
    });

    it("passes on the same settings without the fault", () => {
      const out = checkSequential(c.tree, c.seq);
      expect(out.counterexample?.error).toBeUndefined();
      expect(out.verdict).toBe("pass");
      expect(out.runs).toBe(c.seq.runs);
    });
  });
});

describe("planted counterexamples against the kernel oracle", () => {
  describe.each(ORACLE.cases)("$fault", (c) => {
    const body = c.lines.filter((l) => l !== "ranges" && l !== "validate");

    it("without the fault, the tree answers every line as the oracle does", () => {
      const tree = treeOf(c, []);
      const machine = new TraceMachine({
        guard: true,
        tree: { geometry: pairOptions(tree).geometry, faults: [] },
      });
      answer(machine, c.init);
      c.lines.forEach((line, k) => {
        // The oracle validates kernel-sized nodes; small nodes are validated by the pair below.
        if (line === "validate" && c.geometry !== "kernel") return;
        expect(answer(machine, line), line).toBe(c.oracle[k]);
      });
      const pair = new CheckedPair(pairOptions(tree));
      for (const line of body) pair.run(line);
    });

    it("with the fault, the checked pair stops on a mismatch", () => {
      const pair = new CheckedPair(pairOptions(treeOf(c, [c.fault])));
      expect(() => {
        for (const line of body) pair.run(line);
      }).toThrow(SequentialMismatch);
    });
  });
});

function answer(machine: TraceMachine, line: string): string {
  const parsed = parseLine(line, 1);
  return parsed === null ? "" : formatResult(machine.runLine(parsed));
}
