/** What `maple-check diff` prints: the side-by-side outputs, the replay commands, the summary. */
import { describe, expect, it } from "vitest";
import { compareOutputs, type Divergence } from "../../src/diff/compare.js";
import type { DiffPlan } from "../../src/diff/plan.js";
import {
  formatFound,
  formatHeader,
  formatSummary,
  replayCommands,
  shellWord,
  sideBySide,
} from "../../src/diff/report.js";
import type { DiffResult, Found } from "../../src/diff/run-diff.js";

const plan: DiffPlan = {
  seed: 3,
  traces: 50,
  ops: 100,
  flagSets: ["0", "alloc"],
  cursor: true,
  unguarded: false,
  universe: "all",
};

const trace = "init 0\nstore 0 0 5\nload 0\nvalidate\n";
const kernel = "ok\nok\n5\nvalid\n";
const ts = "ok\nok\nnull\ninvalid 1 first=EXTRA:check:0\n";
const at = compareOutputs(trace, kernel, ts) as Divergence;

const found: Found = {
  trace: {
    index: 17,
    flags: "0",
    cursor: true,
    universe: "small",
    guard: true,
    text: `${trace}load 9\n`,
  },
  first: at,
  shrunk: trace,
  kernel,
  ts,
  at,
  steps: 12,
};

describe("sideBySide", () => {
  it("lists every operation with both results, > at the first difference and ! after", () => {
    expect(sideBySide(trace, kernel, ts, at)).toEqual([
      "  #  operation    kernel  maple-check",
      "  1  init 0       ok      ok",
      "  2  store 0 0 5  ok      ok",
      "> 3  load 0       5       null",
      "! 4  validate     valid   invalid 1 first=EXTRA:check:0",
    ]);
  });

  it("cuts long lines around the difference, at the same place on both sides", () => {
    const long = "x".repeat(200);
    const d = compareOutputs("nodes\n", `${long}A tail\n`, `${long}B tail\n`) as Divergence;
    const row = sideBySide("nodes\n", `${long}A tail\n`, `${long}B tail\n`, d)[1] as string;
    const [k, t] = row.split(/\s{2,}/).slice(2);
    expect(k?.startsWith("...")).toBe(true);
    expect(k?.indexOf("A")).toBe(t?.indexOf("B"));
  });

  it("elides the operations far from the difference in a long trace", () => {
    const ops = Array.from({ length: 100 }, (_, i) => `load ${i}`);
    const out = ops.map(() => "null");
    const other = [...out];
    other[60] = "7";
    const text = `${ops.join("\n")}\n`;
    const d = compareOutputs(text, `${out.join("\n")}\n`, `${other.join("\n")}\n`) as Divergence;
    const lines = sideBySide(text, `${out.join("\n")}\n`, `${other.join("\n")}\n`, d);
    expect(lines[1]).toMatch(/^\s+\.\.\. \(30 operations\)$/);
    expect(lines.find((l) => l.startsWith(">"))).toMatch(/^> +61 +load 60 +null +7$/);
    expect(lines[lines.length - 1]).toMatch(/\.\.\. \(34 operations\)$/);
  });
});

describe("replay commands", () => {
  it("name the kernel tree when the runner was built from one, else the runner binary", () => {
    expect(
      replayCommands({ file: "d.guard.trace", kernelDir: "/src/linux", binary: "/c/r" }, true),
    ).toEqual([
      "  maple-check trace --kernel /src/linux --guard d.guard.trace   # the kernel's C tree",
      "  maple-check trace --guard d.guard.trace                       # the TypeScript tree",
    ]);
    expect(replayCommands({ file: "d.trace", binary: "/my runner" }, false)[0]).toBe(
      "  '/my runner' < d.trace      # the kernel's C tree",
    );
    expect(shellWord("it's")).toBe("'it'\\''s'");
  });
});

describe("formatFound", () => {
  it("gives the divergence, the shrunk trace, both outputs, the files and the replay", () => {
    const text = formatFound(found, { file: "out/diff-s3-t17.guard.trace", binary: "/r" }, [
      "out/diff-s3-t17.guard.trace",
    ]);
    expect(text).toBe(
      [
        "DIVERGENCE (different result) in trace 17 (flags 0, universe small, cursor, --guard) at output line 3, `load 0`",
        "shrunk from 5 to 4 operations (12 candidates tried):",
        "",
        "    init 0",
        "    store 0 0 5",
        "    load 0",
        "    validate",
        "",
        "outputs (> the first difference, ! a later one):",
        "    #  operation    kernel  maple-check",
        "    1  init 0       ok      ok",
        "    2  store 0 0 5  ok      ok",
        "  > 3  load 0       5       null",
        "  ! 4  validate     valid   invalid 1 first=EXTRA:check:0",
        "first difference: output line 3, `load 0`, column 1",
        "  kernel:      5",
        "  maple-check: null",
        "",
        "written: out/diff-s3-t17.guard.trace",
        "replay:",
        "  /r --guard < out/diff-s3-t17.guard.trace                # the kernel's C tree",
        "  maple-check trace --guard out/diff-s3-t17.guard.trace   # the TypeScript tree",
        "",
      ].join("\n"),
    );
  });
});

describe("header and summary", () => {
  const result: DiffResult = {
    ran: 18,
    cursorTraces: 8,
    resultLines: 1800,
    unreproducible: [4],
    hangs: { kernel: 0, ts: 1 },
    divergence: found,
  };

  it("name the run and the kernel", () => {
    expect(
      formatHeader(plan, { version: "linux-6.12.118", binary: "/r" }, ["store-null-expands-root"]),
    ).toBe(
      "maple-check diff: seed 3, 50 traces of 100 operations, flag sets 0 alloc, universe all, cursor traces\n" +
        "kernel: linux-6.12.118 (runner /r)\n" +
        "TypeScript tree with faults: store-null-expands-root\n",
    );
  });

  it("count what ran, with the time only when given", () => {
    const text = formatSummary(plan, result, undefined, 2);
    expect(text).toBe(
      [
        "traces: 18 of 50 run (8 cursor), 1800 kernel result lines compared",
        "kernel crashes that did not come back on a rerun (not counted as divergences): 1 (trace 4)",
        "kernel runner runs that exited non-zero without a crash line (their output is compared as printed): 2",
        "traces out of time: kernel 0, maple-check 1",
        "divergence: trace 17, shrunk to 4 operations (the run stops at the first)",
        "",
      ].join("\n"),
    );
    const clean = { ...result, ran: 50, unreproducible: [], hangs: { kernel: 0, ts: 0 } };
    delete clean.divergence;
    expect(formatSummary(plan, clean, 2.25)).toBe(
      "traces: 50 run (8 cursor), 1800 kernel result lines compared, time 2.3s\nno divergence\n",
    );
  });
});
