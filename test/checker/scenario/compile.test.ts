/**
 * Scenarios as data compiled for the explorer: reader lines answer what the oracle's driver
 * prints, the model states follow the prefix and the writer, bad lines are refused.
 */
import { describe, expect, it } from "vitest";
import { explore } from "../../../src/checker/explorer/index.js";
import { compileScenario, ScenarioError } from "../../../src/checker/scenario/compile.js";
import { specScenario } from "../../../src/checker/scenario/from-spec.js";
import {
  ReaderAnswer,
  readerOp,
  runReaderLine,
} from "../../../src/checker/scenario/reader-lines.js";
import type { ScenarioData } from "../../../src/checker/scenario/scenario-data.js";
import { TraceMachine } from "../../../src/trace/execute.js";
import { formatResult } from "../../../src/trace/format.js";
import { parseLine } from "../../../src/trace/parse.js";
import { specNamed } from "./helpers.js";

const seed = (): ScenarioData => specScenario(specNamed("explore-seed-bug-rcu-off"));

describe("compiling a scenario", () => {
  it("builds model states after the prefix and after each writer line", () => {
    const c = compileScenario(seed());
    expect(c.states).toHaveLength(2);
    expect(c.writerAnswers).toEqual(["ok"]);
    expect(c.scenario.readers.map((r) => r.name)).toEqual(["load-in-C", "walk-then-prev"]);
    expect(c.scenario.readers[1].rcuSection).toBe("thread");
    expect(c.scenario.readers[1].ops.map((o) => o.name)).toEqual([
      "mset 0x8000",
      "mwalk",
      "mprev 0",
    ]);
  });

  it("reader lines answer as the oracle's driver does, on each sequential state", () => {
    const lines = [
      "load 0x9500",
      "walk 0x8000",
      "prev 0x8000 0",
      "next 0x2000 max",
      "find 0x2000 max",
      "mset 0x8000",
      "mwalk",
      "mprev 0",
      "mnext max",
      "mstate",
      "mfind max",
    ];
    const c = compileScenario(seed());
    for (let k = 0; k <= 1; k++) {
      const machine = new TraceMachine({ guard: true });
      for (const l of ["init alloc", ...c.data.prefix, ...c.data.writer.slice(0, k)]) {
        const p = parseLine(l, 0);
        if (p) machine.runLine(p);
      }
      const tree = c.scenario.setup();
      for (let i = 0; i < k; i++) c.scenario.writer[i].run(tree);
      const local: Record<string, unknown> = {};
      for (const l of lines) {
        const p = parseLine(l, 0);
        if (p === null) throw new Error(l);
        const expected = formatResult(machine.runLine(p));
        const got = runReaderLine(tree, local, l);
        expect(got).toBeInstanceOf(ReaderAnswer);
        expect(`${k} ${l}: ${got.out}`).toBe(`${k} ${l}: ${expected}`);
      }
    }
  });

  it("remembers the cursor a cursor line started from", () => {
    const c = compileScenario(seed());
    const tree = c.scenario.setup();
    const local: Record<string, unknown> = {};
    expect(runReaderLine(tree, local, "load 0x9500").before).toBeNull();
    runReaderLine(tree, local, "mset 0x8000");
    const walked = runReaderLine(tree, local, "mwalk");
    expect(walked.out).toBe("null 32768 36863 active");
    expect(walked.before).toEqual({ index: 0x8000n, last: 0x8000n, status: 1 });
    const prev = runReaderLine(tree, local, "mprev 0");
    expect(prev.out).toBe("3 20480 32767 active");
    expect(prev.before).toEqual({ index: 0x8000n, last: 0x8fffn, status: 0 });
  });

  it("refuses writes and unknown lines among a reader's lines", () => {
    expect(() => readerOp("store 1 2 3")).toThrow(/not a read/);
    expect(() => readerOp("mstore 5")).toThrow(/not a read/);
    expect(() => readerOp("load")).toThrow(/does not parse/);
  });

  it("refuses a scenario without writer lines or with too many readers", () => {
    expect(() => compileScenario({ ...seed(), writer: [] })).toThrow(ScenarioError);
    const r = seed().readers[0];
    expect(() => compileScenario({ ...seed(), readers: [r, r, r, r] })).toThrow(ScenarioError);
  });

  it("the compiled check accepts every execution of a correct scenario and flags the seed bug", () => {
    const ok = compileScenario({ ...seed(), flags: { alloc: true, rcu: true } });
    expect(explore(ok.scenario, { check: ok.check }).verdict).toBe("pass");
    const bad = compileScenario(seed());
    const r = explore(bad.scenario, { check: bad.check, stopOnFirstViolation: false });
    expect(r.verdict).toBe("violation");
    expect(r.violatingExecutions).toBeGreaterThan(1000);
    expect(r.executions).toBe(r.distinctObservations);
  });

  it("a reader kind 'none' is unprotected: a kept cursor can use the freed leaf", () => {
    const d: ScenarioData = {
      ...seed(),
      flags: { alloc: true, rcu: true },
      readers: [{ name: "no-rcu", kind: "none", lines: ["mset 0x8000", "mwalk", "mprev 0"] }],
    };
    const c = compileScenario(d);
    const r = explore(c.scenario, { check: c.check });
    expect(r.verdict).toBe("violation");
    expect(r.violations[0].text).toMatch(/POISON/);
  });

  it("one read-side section per thread keeps a cursor safe; one per line does not", () => {
    const lines = ["mset 0x8000", "mwalk", "mprev 0"];
    const run = (kind: "rcu" | "rcu-per-op") => {
      const c = compileScenario({
        ...seed(),
        flags: { alloc: true, rcu: true },
        readers: [{ kind, lines }],
      });
      return explore(c.scenario, { check: c.check, branchOnRcuStart: true });
    };
    expect(run("rcu").verdict).toBe("pass");
    const perLine = run("rcu-per-op");
    expect(perLine.verdict).toBe("violation");
    expect(perLine.violations[0].text).toMatch(/POISON/);
  });
});

describe("the model states of a compiled scenario", () => {
  it("take the leaf size of the scenario's geometry (5 on small, 16 on the kernel's)", () => {
    const on = (geometry: "small" | "kernel"): number =>
      compileScenario({ ...seed(), geometry }).states[0].model.leafSlots;
    expect(on("small")).toBe(5);
    expect(on("kernel")).toBe(16);
  });
});
