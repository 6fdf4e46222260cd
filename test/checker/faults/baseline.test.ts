/** The gate's baseline comparison: a fault caught in the baseline that escapes now fails it. */
import { describe, expect, it } from "vitest";
import {
  baselineOf,
  compareWithBaseline,
  type FaultRow,
  formatGate,
  summarize,
} from "../../../src/checker/faults/gate.js";

function row(fault: string, caught: boolean): FaultRow {
  return {
    fault,
    bug: 1,
    class: "S",
    caught,
    mode: caught ? "sequential" : null,
    timeToCatchMs: caught ? 5 : null,
    size: caught ? { commands: 2 } : null,
    error: null,
    specs: [],
    controls: [],
  };
}

describe("compareWithBaseline", () => {
  const baseline = { faults: { a: { caught: true }, b: { caught: true }, c: { caught: false } } };

  it("passes when every fault caught in the baseline is still caught", () => {
    const cmp = compareWithBaseline([row("a", true), row("b", true), row("c", false)], baseline);
    expect(cmp).toEqual({ ok: true, escaped: [], newlyCaught: [] });
  });

  it("fails on a fault that escapes now", () => {
    const cmp = compareWithBaseline([row("a", true), row("b", false), row("c", false)], baseline);
    expect(cmp.ok).toBe(false);
    expect(cmp.escaped).toEqual(["b"]);
  });

  it("fails on a caught fault that is no longer run", () => {
    const cmp = compareWithBaseline([row("a", true)], baseline);
    expect(cmp.ok).toBe(false);
    expect(cmp.escaped).toEqual(["b"]);
  });

  it("reports newly caught faults without failing", () => {
    const cmp = compareWithBaseline(
      [row("a", true), row("b", true), row("c", true), row("d", true)],
      baseline,
    );
    expect(cmp.ok).toBe(true);
    expect(cmp.newlyCaught).toEqual(["c", "d"]);
  });

  it("round-trips through baselineOf", () => {
    const rows = [row("a", true), row("b", false)];
    expect(baselineOf(rows)).toEqual({ faults: { a: { caught: true }, b: { caught: false } } });
    expect(compareWithBaseline(rows, baselineOf(rows)).ok).toBe(true);
  });

  it("the table shows each row and the kill rate", () => {
    const text = formatGate(summarize([row("a", true), row("b", false)], 1234));
    expect(text).toMatch(/^a\s+#1\s+S\s+yes\s+sequential\s+5\s+2 commands$/m);
    expect(text).toMatch(/^b\s+#1\s+S\s+no\s+-/m);
    expect(text).toContain("kill rate: caught 1 of 2 reachable (50.0%), total 1.2 s");
  });

  it("counts masked faults apart: listed with their reason, left out of the kill rate", () => {
    const masked = { ...row("m", false), bug: 22, masked: "6.12 stops the walk first" };
    const result = summarize([row("a", true), row("b", false), masked], 1000);
    expect(result).toMatchObject({ caught: 1, total: 3, reachable: 2, masked: 1, killRate: 0.5 });
    const text = formatGate(result);
    expect(text).toMatch(/^m\s+#22\s+S\s+masked\s+-/m);
    expect(text).toContain("  m (#22) masked: 6.12 stops the walk first");
    expect(text).toContain("kill rate: caught 1 of 2 reachable (50.0%); 1 masked (m #22)");
    // A fault that says it is masked but is caught counts as caught and reachable.
    const caughtAnyway = summarize([{ ...row("m", true), masked: "said masked" }], 1);
    expect(caughtAnyway).toMatchObject({ caught: 1, reachable: 1, masked: 0, killRate: 1 });
  });
});
