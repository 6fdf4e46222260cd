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

import { MmSequentialSpec } from "../src/checker/mm/mm-spec.js";
import { acceptOnly, numberOption } from "./script-options.js";
import { timeMmSequential } from "./time-mm-sequential.js";

acceptOnly(
  ["runs", "commands", "repeat"],
  "usage: node dist/scripts/bench-mm-sequential.js [--runs N] [--commands N] [--repeat N]",
);

const runs = numberOption("runs", 200);
const maxCommands = numberOption("commands", 40);
const repeat = Math.max(1, numberOption("repeat", 3));

console.log(
  `runs ${runs}, up to ${maxCommands} mm commands each over 2 processes, model comparison + validate_mm after every command; median of ${repeat}`,
);
for (const flavour of ["6.12", "pre-seed"] as const) {
  const spec = MmSequentialSpec.parse({ runs, seed: 1, maxCommands, flavour });
  timeMmSequential(flavour, spec, repeat);
}
