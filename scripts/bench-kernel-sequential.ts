/**
 * Commands per second of the sequential checker on the kernel's C tree and on the TypeScript
 * tree, in the same run: the same specs' command lists (same seed), with the model check, the
 * whole-map comparison and the tree's own validation (mt_validate in C, validate() in
 * TypeScript) after every command.
 *
 *   npm run build && node dist/scripts/bench-kernel-sequential.js --kernel DIR [--runs N] [--repeat N]
 *
 * DIR defaults to $MAPLE_CHECK_KERNEL. The runner is built (or taken from the cache) first and
 * is not timed. Figures are medians of --repeat timed runs after one warm-up run each.
 */

import type { TreeBackend } from "../src/backend/backend.js";
import { buildKernelRunner } from "../src/backend/kernel/build.js";
import { KernelBackend } from "../src/backend/kernel/kernel-backend.js";
import { checkSequential } from "../src/checker/sequential/check-sequential.js";
import type { SequentialSpec } from "../src/checker/spec/schema.js";
import { acceptOnly, option } from "./script-options.js";

acceptOnly(
  ["kernel", "runs", "repeat"],
  "usage: node dist/scripts/bench-kernel-sequential.js --kernel DIR [--runs N] [--repeat N]",
);

const dir = option("kernel") ?? process.env.MAPLE_CHECK_KERNEL;
if (dir === undefined) {
  console.error("bench-kernel-sequential: --kernel DIR (or MAPLE_CHECK_KERNEL) is required");
  process.exit(4);
}
const runs = Number(option("runs") ?? 150);
const repeat = Math.max(1, Number(option("repeat") ?? 3));
const build = buildKernelRunner(dir, { log: (l) => console.error(l) });
const kernel = new KernelBackend(build);
const seq: SequentialSpec = {
  runs,
  seed: 1,
  maxCommands: 60,
  universe: "small",
  mix: {},
  prefix: [],
};

console.log(
  `${build.kernelVersion} runner ${build.binary}\nruns ${runs}, up to 60 commands each, model + whole map + validate after every command; median of ${repeat}`,
);
console.log("flags        backend   commands   commands/s");
const rates: Record<string, number[]> = { kernel: [], ts: [] };
for (const flags of [[], ["alloc"], ["rcu"], ["alloc", "rcu"]] as Array<Array<"alloc" | "rcu">>) {
  for (const backend of [kernel, undefined] as Array<TreeBackend | undefined>) {
    const tree = { flags, geometry: "kernel" as const, faults: [] };
    const go = () => checkSequential(tree, seq, backend ? { backend } : {});
    go();
    const times: number[] = [];
    let commands = 0;
    for (let k = 0; k < repeat; k++) {
      const t0 = performance.now();
      const out = go();
      times.push((performance.now() - t0) / 1000);
      commands = out.commands;
      if (out.verdict !== "pass") console.log(`  ${out.verdict}: ${out.counterexample?.error}`);
    }
    const rate = commands / median(times);
    const name = backend ? "kernel" : "ts";
    rates[name].push(rate);
    console.log(
      `${(flags.join("|") || "0").padEnd(12)} ${name.padEnd(8)} ${String(commands).padStart(9)} ${rate.toFixed(0).padStart(12)}`,
    );
  }
}
kernel.close();
for (const [name, r] of Object.entries(rates))
  console.log(`${name}: slowest ${Math.min(...r).toFixed(0)}/s, median ${median(r).toFixed(0)}/s`);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}
