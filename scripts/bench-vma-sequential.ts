/**
 * Commands per second of mm-seq-vma's checking on both mm backends: the TypeScript mm layer
 * and the kernel's own mm/vma.c (vma-runner, one process for every run). Every command runs
 * on the backend and on the address-space model, then the mappings are compared and
 * validate_mm runs (on mm/vma.c: the runner's validate, mt_validate included).
 *
 *   npm run build && node dist/scripts/bench-vma-sequential.js --kernel DIR [--runs N] [--commands N] [--repeat N]
 *
 * Each backend runs once with a quarter of the runs first (warm-up, and the runner's build
 * or cache lookup), then --repeat times; figures are medians by the wall clock ("/s"). The
 * kernel's figure leaves its runner's CPU out of "cpu/s" (it is another process).
 */
import { buildVmaRunner } from "../src/backend/kernel/vma/build-vma-runner.js";
import { VmaMmBackend, VmaRunner } from "../src/backend/kernel/vma/vma-mm-backend.js";
import type { MmBackendFactory } from "../src/checker/mm/mm-backend.js";
import { MmSequentialSpec } from "../src/checker/mm/mm-spec.js";
import { acceptOnly, numberOption, option } from "./script-options.js";
import { timeMmSequential } from "./time-mm-sequential.js";

acceptOnly(
  ["kernel", "runs", "commands", "repeat"],
  "usage: node dist/scripts/bench-vma-sequential.js --kernel DIR [--runs N] [--commands N] [--repeat N]",
);

const runs = numberOption("runs", 200);
const maxCommands = numberOption("commands", 40);
const repeat = Math.max(1, numberOption("repeat", 3));
const kernel = option("kernel") ?? process.env.MAPLE_CHECK_KERNEL;

const spec = MmSequentialSpec.parse({
  runs,
  seed: 1,
  maxCommands,
  mms: 1,
  mix: { brk: 0, expand_downwards: 0, expand_upwards: 0, fork: 0, exit: 0 },
});
console.log(
  `mm-seq-vma's commands: runs ${runs}, up to ${maxCommands} commands, model comparison + validate_mm after every command; median of ${repeat}`,
);

const backends: [string, MmBackendFactory | undefined][] = [["TypeScript mm layer", undefined]];
let runner: VmaRunner | undefined;
if (kernel !== undefined) {
  const build = buildVmaRunner(kernel, { log: (l) => console.error(l) });
  const r = new VmaRunner(build.binary);
  runner = r;
  const config = {
    taskPages: spec.taskPages,
    guardPages: spec.guardPages,
    startBrk: spec.startBrk,
  };
  backends.push([`mm/vma.c ${build.kernel.version}`, () => new VmaMmBackend(r, config)]);
} else console.log("(no --kernel DIR: the TypeScript layer only)");

for (const [name, layer] of backends) {
  timeMmSequential(name, spec, repeat, layer === undefined ? {} : { layer });
}
runner?.close();
