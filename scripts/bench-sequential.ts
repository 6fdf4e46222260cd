/**
 * Commands per second of the sequential checker, with the whole-map comparison and validate()
 * as the runs make them (after every write on maps of up to CHECK_SPAN ranges, amortized on
 * bigger ones, and at the end of every run: checked-pair.ts), on the kernel and the small
 * geometry, each flag set. "lines" counts protocol lines (a bulk fill is one command of many
 * lines); "checks" the whole-map checks made. The coverage lines give the runs by the greatest
 * height they reached, the store types and the classes of the entries stored.
 *
 *   npm run build && node dist/scripts/bench-sequential.js [--runs N] [--commands N] [--repeat N]
 *
 * Every configuration first runs once with a quarter of the runs (JIT warm-up), then each is
 * timed --repeat times; the figures are medians. "/s" is end to end (fast-check generation,
 * model, tree, whole-map comparison, validate) by the wall clock; "cpu/s" divides by this
 * process's CPU time instead (not inflated by waiting for a shared core, but it counts V8's
 * GC helper threads too); "gen" is the share of the wall time fast-check alone takes to
 * generate the same command lists (same seed), which the "/s" figure includes.
 */

import fc from "fast-check";
import {
  CHECK_SPAN,
  checkSequential,
  commandsArbitrary,
  type SequentialOutcome,
} from "../src/checker/sequential/check-sequential.js";
import { VALUE_CLASSES } from "../src/checker/sequential/entry-value.js";
import type { SequentialSpec } from "../src/checker/spec/schema.js";
import { STORE_TYPE_NAMES } from "../src/impl/constants.js";
import { acceptOnly, numberOption } from "./script-options.js";

acceptOnly(
  ["runs", "commands", "repeat"],
  "usage: node dist/scripts/bench-sequential.js [--runs N] [--commands N] [--repeat N]",
);

const runs = numberOption("runs", 200);
const maxCommands = numberOption("commands", 60);
const repeat = Math.max(1, numberOption("repeat", 3));

console.log(
  `runs ${runs}, up to ${maxCommands} commands each, validate + whole-map check after every write (amortized over ${CHECK_SPAN} ranges a write on bigger maps); median of ${repeat}`,
);
const configs = (["kernel", "small"] as const).flatMap((geometry) =>
  ([[], ["alloc"], ["rcu"], ["alloc", "rcu"]] as Array<Array<"alloc" | "rcu">>).map((flags) => ({
    geometry,
    flags,
  })),
);
const seq: SequentialSpec = { runs, seed: 1, maxCommands, universe: "small", mix: {}, prefix: [] };
// Warm-up: every configuration once, so the first one measured is not the one that pays for JIT.
for (const { geometry, flags } of configs)
  checkSequential({ flags, geometry, faults: [] }, { ...seq, runs: Math.max(1, runs >> 2) });
const rates: number[] = [];
for (const { geometry, flags } of configs) {
  const tree = { flags, geometry, faults: [] };
  const wall: number[] = [];
  const cpu: number[] = [];
  const outs: SequentialOutcome[] = [];
  for (let k = 0; k < repeat; k++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    outs.push(checkSequential(tree, seq));
    wall.push((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e6);
  }
  const out = outs[0];
  const gen = medianOf(Array.from({ length: repeat }, () => generationSeconds(seq)));
  const s = medianOf(wall);
  const cov = out.coverage;
  const lines = cov.lines;
  rates.push(lines / s);
  const name = `${geometry} ${flags.join("|") || "0"}`.padEnd(18);
  const pad = "".padEnd(18);
  console.log(
    `${name} ${out.verdict.padEnd(9)} ${String(out.commands).padStart(6)} commands ${String(lines).padStart(7)} lines ${(lines / s).toFixed(0).padStart(7)} lines/s ${(lines / medianOf(cpu)).toFixed(0).padStart(7)} cpu/s  ${String(cov.fullChecks).padStart(6)} checks  gen ${((gen / s) * 100).toFixed(0).padStart(2)}%`,
  );
  const h3 = cov.runHeights.slice(3).reduce((a, b) => a + (b ?? 0), 0);
  const heights = cov.runHeights.map((n, h) => `${h}:${n ?? 0}`).join(" ");
  console.log(
    `${pad} height>=3 in ${h3}/${out.runs} runs (runs by greatest height ${heights}; median ${median(cov.commandsToHeight3)} commands to height 3)`,
  );
  const missing = STORE_TYPE_NAMES.filter((_n, i) => i > 0 && cov.storeTypes[i] === 0);
  console.log(
    `${pad} store types: ${cov.storeTypes.slice(1).join(" ")}${missing.length ? `  never: ${missing.join(", ")}` : ""}`,
  );
  console.log(
    `${pad} entries: ${VALUE_CLASSES.map((c) => `${c} ${cov.valueClasses[c]}`).join(", ")}`,
  );
}
console.log(
  `slowest configuration ${Math.min(...rates).toFixed(0)} lines/s, median ${medianOf(rates).toFixed(0)} lines/s`,
);

/** fast-check generating the same command lists (same seed and runs), none of them run. */
function generationSeconds(seq: SequentialSpec): number {
  const t0 = performance.now();
  fc.check(
    fc.property(commandsArbitrary(seq), (cmds) => {
      for (const _ of cmds) {
        // iterate only
      }
    }),
    { seed: seq.seed, numRuns: seq.runs },
  );
  return (performance.now() - t0) / 1000;
}

function medianOf(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

function median(xs: number[]): string {
  if (xs.length === 0) return "-";
  const s = [...xs].sort((a, b) => a - b);
  return String(s[s.length >> 1]);
}
