/**
 * The differential run with both sides in-process: the TypeScript tree against itself (no
 * divergence) or against a copy with a fault switched on (found, shrunk, the same on a
 * rerun), and a kernel side that crashes where the tree does not.
 */
import { describe, expect, it } from "vitest";
import { compareOutputs } from "../../src/diff/compare.js";
import type { DiffPlan } from "../../src/diff/plan.js";
import { runDiff, type Sides, type TraceRunner } from "../../src/diff/run-diff.js";
import { FAULTS, type Fault } from "../../src/impl/faults.js";
import { parseTrace } from "../../src/trace/parse.js";
import { runTrace } from "../../src/trace/run-trace.js";

const plan: DiffPlan = {
  seed: 1,
  traces: 10,
  ops: 60,
  flagSets: ["0", "alloc", "rcu", "alloc|rcu"],
  cursor: true,
  unguarded: false,
  universe: "all",
};

const tree =
  (...faults: Fault[]): TraceRunner =>
  (trace, guard) =>
    runTrace(trace, { guard, tree: { faults } }).output;

describe("runDiff", () => {
  it("finds no divergence between two identical trees and runs every trace", () => {
    const r = runDiff(plan, { kernel: tree(), ts: tree() });
    expect(r.divergence).toBeUndefined();
    expect(r.ran).toBe(10);
    expect(r.cursorTraces).toBe(4);
    expect(r.resultLines).toBeGreaterThanOrEqual(10 * 62);
  });

  it("finds a fault, stops at that trace and shrinks it to a few lines that still differ", () => {
    const sides: Sides = { kernel: tree(FAULTS.rootExpandOmitsLimitPivot), ts: tree() };
    const r = runDiff(plan, sides);
    const d = r.divergence;
    expect(d).toBeDefined();
    if (d === undefined) return;
    expect(r.ran).toBe(d.trace.index + 1);
    expect(parseTrace(d.shrunk).length).toBeLessThanOrEqual(4);
    expect(d.shrunk.startsWith(`init ${d.trace.flags}\n`)).toBe(true);
    expect(d.kernel).toBe(sides.kernel(d.shrunk, d.trace.guard));
    expect(d.ts).toBe(sides.ts(d.shrunk, d.trace.guard));
    expect(compareOutputs(d.shrunk, d.kernel, d.ts)).toEqual(d.at);
    // Deterministic: the same seed finds and shrinks the same.
    expect(runDiff(plan, sides).divergence).toEqual(d);
  });

  it("reports a kernel crash that comes back as a divergence of that kind", () => {
    // A kernel that dies at every `validate`.
    const kernel: TraceRunner = (trace, guard) => {
      const out = tree()(trace, guard).split("\n");
      const at = parseTrace(trace).findIndex((l) => l.name === "validate");
      return at < 0 ? out.join("\n") : `${[...out.slice(0, at), "crash"].join("\n")}\n`;
    };
    const d = runDiff(plan, { kernel, ts: tree() }).divergence;
    expect(d?.at.kernel).toBe("crash");
    expect(d?.shrunk).toMatch(/^init \S+\nvalidate\n$/);
  });

  it("does not report a kernel crash that moves from run to run", () => {
    // Every other run of the kernel side crashes after its output (an asynchronous crash).
    let runs = 0;
    const kernel: TraceRunner = (trace, guard) => {
      const out = tree()(trace, guard);
      return ++runs % 2 === 1 ? `${out}crash\n` : out;
    };
    const r = runDiff({ ...plan, traces: 3 }, { kernel, ts: tree() });
    expect(r.divergence).toBeUndefined();
    expect(r.unreproducible).toEqual([0, 1, 2]);
  });

  it("compares only the lines before a kernel crash that moves on every run", () => {
    // The kernel side crashes on every run, each time one line later.
    let runs = 0;
    const kernel: TraceRunner = (trace, guard) => {
      const out = tree()(trace, guard).split("\n");
      return `${[...out.slice(0, 10 + runs++), "crash"].join("\n")}\n`;
    };
    const r = runDiff({ ...plan, traces: 1 }, { kernel, ts: tree() });
    expect(r.divergence).toBeUndefined();
    expect(r.unreproducible).toEqual([0]);
  });
});
