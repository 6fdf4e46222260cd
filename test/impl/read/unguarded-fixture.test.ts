/**
 * Cursor sequences outside the kernel's contract, run on the oracle WITHOUT --guard
 * (fixtures/unguarded.*, from gen-unguarded.py and run-unguarded.sh): continuing gap searches
 * from used states, iterating after overflow/underflow with no node, and the like. Where the
 * kernel crashed, our cursor must throw at the same operation; everywhere else it must print
 * what the kernel printed.
 */
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { replay } from "./replay.js";

const dir = new URL("./fixtures/", import.meta.url);
const split = (name: string) =>
  readFileSync(new URL(name, dir), "utf8").trimEnd().split("\n=====\n");

it("crashes where the kernel crashes, and agrees everywhere else", () => {
  const traces = split("unguarded.traces");
  const outs = split("unguarded.outs");
  expect(traces).toHaveLength(outs.length);
  let crashes = 0;
  let compared = 0;
  const wrong: string[] = [];
  traces.forEach((trace, i) => {
    const lines = (outs[i] as string).split("\n");
    const crashed = lines.at(-1) === "crash";
    // The oracle stops at a crash: replay up to that operation, which must throw.
    const ops = trace.split("\n").slice(0, lines.length);
    if (crashed) lines[lines.length - 1] = "(crash)";
    const r = replay(`${ops.join("\n")}\n`, `${lines.join("\n")}\n`, true);
    compared += r.compared;
    for (const m of r.mismatches) {
      const threwAtCrash = crashed && m.expected === "(crash)" && m.actual.startsWith("threw");
      if (threwAtCrash) crashes++;
      else wrong.push(`trace ${i} line ${m.line} ${m.op}: kernel ${m.expected}, ours ${m.actual}`);
    }
  });
  expect(wrong).toEqual([]);
  expect(crashes).toBe(outs.filter((o) => o.endsWith("crash")).length);
  expect(crashes).toBeGreaterThan(20);
  expect(compared).toBeGreaterThan(1000);
});
