/**
 * One row of the mm-level throughput benchmarks: a spec checked once to warm up (a quarter of
 * its runs), then --repeat times; the row gives the median commands per second by the wall clock
 * ("/s") and by this process's CPU time ("cpu/s"), which a loaded machine moves less.
 */
import { checkMmSequential, type MmRunOptions } from "../src/checker/mm/check-mm-sequential.js";
import type { MmSequentialSpec } from "../src/checker/mm/mm-spec.js";

export function timeMmSequential(
  label: string,
  spec: MmSequentialSpec,
  repeat: number,
  opts: MmRunOptions = {},
): void {
  checkMmSequential({ ...spec, runs: Math.max(1, spec.runs >> 2) }, opts);
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
    `${label.padEnd(22)} ${verdict.padEnd(9)} ${String(commands).padStart(7)} commands ${(commands / median(wall)).toFixed(0).padStart(7)}/s ${(commands / median(cpu)).toFixed(0).padStart(7)} cpu/s`,
  );
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1] as number;
}
