/**
 * Commands per second of the mm-level sequential checker: every command runs on the mm layer
 * (on the TypeScript tree, through the tree seam) and on the address-space model, then both
 * processes' mappings and breaks are compared and validate_mm runs (the tree's validation,
 * its whole range map against the VMA table, the mm's invariants).
 *
 *   npm run build && node dist/scripts/bench-mm-sequential.js [--runs N] [--commands N] [--repeat N]
 *
 * Each flavour runs once with a quarter of the runs first (JIT warm-up), then --repeat times;
 * the figures are medians by the wall clock ("/s") and by this process's CPU time ("cpu/s").
 */

import { checkMmSequential } from "../src/checker/mm/check-mm-sequential.js";
import { MmSequentialSpec } from "../src/checker/mm/mm-spec.js";
import { numberOption } from "./script-options.js";

const runs = numberOption("runs", 200);
const maxCommands = numberOption("commands", 40);
const repeat = Math.max(1, numberOption("repeat", 3));

console.log(
  `runs ${runs}, up to ${maxCommands} mm commands each over 2 processes, model comparison + validate_mm after every command; median of ${repeat}`,
);
for (const flavour of ["6.12", "pre-seed"] as const) {
  const spec = MmSequentialSpec.parse({ runs, seed: 1, maxCommands, flavour });
  checkMmSequential({ ...spec, runs: Math.max(1, runs >> 2) });
  const wall: number[] = [];
  const cpu: number[] = [];
  let commands = 0;
  let verdict = "";
  for (let k = 0; k < repeat; k++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const out = checkMmSequential(spec);
    wall.push((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e6);
    commands = out.commands;
    verdict = out.verdict;
  }
  console.log(
    `${flavour.padEnd(9)} ${verdict.padEnd(9)} ${String(commands).padStart(7)} commands ${(commands / median(wall)).toFixed(0).padStart(7)}/s ${(commands / median(cpu)).toFixed(0).padStart(7)} cpu/s`,
  );
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}
