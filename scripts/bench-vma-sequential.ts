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
import { checkMmSequential } from "../src/checker/mm/check-mm-sequential.js";
import type { MmBackendFactory } from "../src/checker/mm/mm-backend.js";
import { MmSequentialSpec } from "../src/checker/mm/mm-spec.js";
import { numberOption, option } from "./script-options.js";

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
  const opts = layer === undefined ? {} : { layer };
  checkMmSequential({ ...spec, runs: Math.max(1, runs >> 2) }, opts);
  const wall: number[] = [];
  const cpu: number[] = [];
  let commands = 0;
  let verdict = "";
  for (let k = 0; k < repeat; k++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const out = checkMmSequential(spec, opts);
    wall.push((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e6);
    commands = out.commands;
    verdict = out.verdict;
  }
  console.log(
    `${name.padEnd(22)} ${verdict.padEnd(9)} ${String(commands).padStart(7)} commands ${(commands / median(wall)).toFixed(0).padStart(7)}/s ${(commands / median(cpu)).toFixed(0).padStart(7)} cpu/s`,
  );
}
runner?.close();

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}
