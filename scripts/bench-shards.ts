/**
 * How evenly `--shard i/N` splits the default spec set: for each N (1, 4 and 8 by default),
 * each shard is run as its own process, one after another (never two at once, so they do not
 * share the cores), exactly as a CI job runs it:
 *
 *   node dist/src/cli/main.js run --shard i/N --certificate FILE --no-progress
 *
 * and timed whole: Node's start, module loading, the specs, the trace checks shard 1 runs,
 * writing the certificate. Two clocks per shard: its process's CPU time (user + system, read
 * by a preloaded hook at exit; the figure to trust on a machine other jobs share, where wall
 * time mostly measures them) and wall time from spawn to exit; with --repeat R, the least of
 * R runs of each. Printed per N: each shard's times, max/mean of each, the speed-up of the
 * slowest shard over the unsharded run (1/1), and the merge of the N certificates (which must
 * pass: the shards tile the work). --against DIR times another checkout (built) the same way,
 * each of its shard runs right after this one's, so that both see the same load.
 *
 *   npm run build && node dist/scripts/bench-shards.js [N...] [--repeat R] [--against DIR]
 *     [-- extra run options]
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const argv = process.argv.slice(2);
const dash = argv.indexOf("--");
const extra = dash < 0 ? [] : argv.slice(dash + 1);
const own = dash < 0 ? argv : argv.slice(0, dash);
const counts: number[] = [];
let repeat = 1;
const trees = [{ name: "this", dir: process.cwd() }];
for (let i = 0; i < own.length; i++) {
  if (own[i] === "--repeat") repeat = Number(own[++i]);
  else if (own[i] === "--against") trees.push({ name: own[i + 1], dir: resolve(own[++i]) });
  else counts.push(Number(own[i]));
}
if (counts.length === 0) counts.push(1, 4, 8);
if (counts.some((n) => !Number.isInteger(n) || n < 1) || !(repeat >= 1))
  throw new Error("usage: bench-shards.js [N...] [--repeat R] [--against DIR] [-- run options]");

const tmp = mkdtempSync(join(tmpdir(), "bench-shards-"));
const hook = join(tmp, "cpu-at-exit.cjs");
writeFileSync(
  hook,
  'process.on("exit", () => { const u = process.cpuUsage(); require("node:fs").writeFileSync(process.env.BENCH_SHARDS_CPU, String((u.user + u.system) / 1000)); });\n',
);

interface ShardTime {
  cpuMs: number;
  wallMs: number;
}

const certOf = (t: number, i: number, n: number): string =>
  join(tmp, `cert-${t}-${i}-of-${n}.json`);

function runShard(t: number, i: number, n: number): ShardTime {
  const dir = trees[t].dir;
  const cpu = join(tmp, `cpu-${t}-${i}-of-${n}`);
  const main = join(dir, "dist/src/cli/main.js");
  const args = ["--require", hook, main, "run", "--shard", `${i}/${n}`];
  const t0 = performance.now();
  const r = spawnSync(
    process.execPath,
    [...args, "--certificate", certOf(t, i, n), "--no-progress", ...extra],
    { cwd: dir, encoding: "utf8", env: { ...process.env, BENCH_SHARDS_CPU: cpu } },
  );
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${dir}: shard ${i}/${n} exited ${r.status}:\n${r.stderr}`);
  return { cpuMs: Number(readFileSync(cpu, "utf8")), wallMs };
}

const ratio = (xs: number[]): number =>
  Math.max(...xs) / (xs.reduce((a, b) => a + b, 0) / xs.length);
const sec = (ms: number): string => (ms / 1000).toFixed(2);

const unsharded: (ShardTime | undefined)[] = trees.map(() => undefined);
for (const n of counts) {
  const times: ShardTime[][] = trees.map(() => []);
  for (let i = 1; i <= n; i++) {
    const best = trees.map(() => ({ cpuMs: Infinity, wallMs: Infinity }));
    for (let r = 0; r < repeat; r++)
      trees.forEach((_, t) => {
        const x = runShard(t, i, n);
        best[t].cpuMs = Math.min(best[t].cpuMs, x.cpuMs);
        best[t].wallMs = Math.min(best[t].wallMs, x.wallMs);
      });
    trees.forEach((_, t) => {
      times[t].push(best[t]);
    });
  }
  trees.forEach((tree, t) => {
    const certs = Array.from({ length: n }, (_, i) => certOf(t, i + 1, n));
    const merge = spawnSync(
      process.execPath,
      [join(tree.dir, "dist/src/cli/main.js"), "merge", ...certs],
      {
        cwd: tree.dir,
        encoding: "utf8",
      },
    );
    const cpu = times[t].map((x) => x.cpuMs);
    const wall = times[t].map((x) => x.wallMs);
    if (n === 1) unsharded[t] = times[t][0];
    const u = unsharded[t];
    const speedup = (f: (x: ShardTime) => number): string =>
      u === undefined ? "?" : (f(u) / Math.max(...times[t].map(f))).toFixed(2);
    console.log(
      `${tree.name}: ${n} shard${n > 1 ? "s" : ""} (each a process, one after another; least of ${repeat}):`,
    );
    console.log(`  cpu s:  ${cpu.map(sec).join(" ")}`);
    console.log(`  wall s: ${wall.map(sec).join(" ")}`);
    console.log(`  max/mean: cpu ${ratio(cpu).toFixed(2)}, wall ${ratio(wall).toFixed(2)}`);
    console.log(
      `  unsharded / slowest shard: cpu ${speedup((x) => x.cpuMs)}, wall ${speedup((x) => x.wallMs)}`,
    );
    const lines = merge.stdout.trim().split("\n");
    console.log(`  merge: exit ${merge.status}, ${lines[0]}; ${lines[lines.length - 1]}`);
  });
}
