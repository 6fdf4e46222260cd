/**
 * How evenly `--shard i/N` splits the default spec set: for each N (4 and 8 by default), each
 * shard is run as its own process, one after another (never two at once, so they do not share
 * the cores), exactly as a CI job runs it:
 *
 *   node dist/src/cli/main.js run --shard i/N --certificate ... --json ... --no-progress
 *
 * and timed whole: Node's start, module loading, the specs, the trace checks shard 1 runs,
 * writing the certificate. Two clocks per shard: its process's CPU time (user + system, read
 * by a preloaded hook at exit; the figure to trust on a machine other jobs share, where wall
 * time mostly measures them) and wall time from spawn to exit. Printed per N: each shard's
 * times, max/mean of each, and the merge of the N certificates (which must pass: the shards
 * tile the work).
 *
 *   npm run build && node dist/scripts/bench-shards.js [N...] [-- extra run options]
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const MAIN = "dist/src/cli/main.js";
const argv = process.argv.slice(2);
const dash = argv.indexOf("--");
const counts = (dash < 0 ? argv : argv.slice(0, dash)).map(Number);
const extra = dash < 0 ? [] : argv.slice(dash + 1);
if (counts.length === 0) counts.push(4, 8);
if (counts.some((n) => !Number.isInteger(n) || n < 1))
  throw new Error("usage: bench-shards.js [N...] [-- run options]");

const dir = mkdtempSync(join(tmpdir(), "bench-shards-"));
const hook = join(dir, "cpu-at-exit.cjs");
writeFileSync(
  hook,
  'process.on("exit", () => { const u = process.cpuUsage(); require("node:fs").writeFileSync(process.env.BENCH_SHARDS_CPU, String((u.user + u.system) / 1000)); });\n',
);

interface ShardTime {
  cpuMs: number;
  wallMs: number;
}

function runShard(i: number, n: number): ShardTime {
  const cert = join(dir, `cert-${i}-of-${n}.json`);
  const cpu = join(dir, `cpu-${i}-of-${n}`);
  const args = ["--require", hook, MAIN, "run", "--shard", `${i}/${n}`, "--certificate", cert];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [...args, "--no-progress", ...extra], {
    encoding: "utf8",
    env: { ...process.env, BENCH_SHARDS_CPU: cpu },
  });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`shard ${i}/${n} exited ${r.status}:\n${r.stderr}`);
  return { cpuMs: Number(readFileSync(cpu, "utf8")), wallMs };
}

const ratio = (xs: number[]): number =>
  Math.max(...xs) / (xs.reduce((a, b) => a + b, 0) / xs.length);
const sec = (ms: number): string => (ms / 1000).toFixed(2);

for (const n of counts) {
  const times: ShardTime[] = [];
  for (let i = 1; i <= n; i++) times.push(runShard(i, n));
  const certs = Array.from({ length: n }, (_, i) => join(dir, `cert-${i + 1}-of-${n}.json`));
  const merge = spawnSync(process.execPath, [MAIN, "merge", ...certs], { encoding: "utf8" });
  const cpu = times.map((t) => t.cpuMs);
  const wall = times.map((t) => t.wallMs);
  console.log(`${n} shards (each a process, run one after another):`);
  console.log(`  cpu s:  ${cpu.map(sec).join(" ")}`);
  console.log(`  wall s: ${wall.map(sec).join(" ")}`);
  console.log(`  max/mean: cpu ${ratio(cpu).toFixed(2)}, wall ${ratio(wall).toFixed(2)}`);
  const last = merge.stdout.trim().split("\n");
  console.log(`  merge: exit ${merge.status}, ${last[0]}; ${last[last.length - 1]}`);
}
