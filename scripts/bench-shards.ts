/**
 * How evenly `--shard i/N` splits the default spec set: for each N (1, 4 and 8 by default),
 * each shard is run as its own process, one after another (never two at once, so they do not
 * share the cores), exactly as a CI job runs it:
 *
 *   node dist/src/cli/main.js run --shard i/N --certificate FILE --no-progress
 *
 * and timed whole: Node's start, module loading, the specs, the trace checks shard 1 runs,
 * writing the certificate. Two clocks per shard: its process's CPU time (user + system, read
 * by a preloaded hook at exit, its child processes' included: the C runners of --kernel; the
 * figure to trust on a machine other jobs share, where wall time mostly measures them) and
 * wall time from spawn to exit; with --repeat R, the least of
 * R runs of each. Printed per N: each shard's times, max/mean of each, the speed-up of the
 * slowest shard over the unsharded run (1/1), the merge of the N certificates (which must
 * pass: the shards tile the work), and each shard's executions (from its certificate), in all
 * and per spec cut into subtrees. --against DIR times another checkout (built) the same way,
 * each of its shard runs right after this one's, so that both see the same load.
 * --kernel-explore KDIR runs the explorations the C explorer runs (this checkout's explore-*
 * and mm-explore-* specs, copied to one folder) with `--kernel KDIR`, instead of the default
 * spec set.
 *
 *   npm run build && node dist/scripts/bench-shards.js [N...] [--repeat R] [--against DIR]
 *     [--kernel-explore KDIR] [-- extra run options]
 */
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { acceptOnly } from "./script-options.js";

const USAGE =
  "usage: bench-shards.js [N...] [--repeat R] [--against DIR] [--kernel-explore KDIR] [-- run options]";
acceptOnly(["repeat", "against", "kernel-explore"], USAGE);

const argv = process.argv.slice(2);
const dash = argv.indexOf("--");
const extra = dash < 0 ? [] : argv.slice(dash + 1);
const own = dash < 0 ? argv : argv.slice(0, dash);
const counts: number[] = [];
let repeat = 1;
let kernel: string | undefined;
const trees = [{ name: "this", dir: process.cwd() }];
for (let i = 0; i < own.length; i++) {
  if (own[i] === "--repeat") repeat = Number(own[++i]);
  else if (own[i] === "--against") trees.push({ name: own[i + 1], dir: resolve(own[++i]) });
  else if (own[i] === "--kernel-explore") kernel = resolve(own[++i]);
  else counts.push(Number(own[i]));
}
if (counts.length === 0) counts.push(1, 4, 8);
if (counts.some((n) => !Number.isInteger(n) || n < 1) || !(repeat >= 1)) {
  console.error(`error: shard counts and --repeat are whole numbers from 1 (${USAGE})`);
  process.exit(4);
}

const tmp = mkdtempSync(join(tmpdir(), "bench-shards-"));
if (kernel !== undefined) {
  const specs = join(tmp, "kernel-explore-specs");
  mkdirSync(specs);
  for (const f of readdirSync("specs"))
    if (/^(mm-)?explore-.*\.json$/.test(f)) copyFileSync(join("specs", f), join(specs, f));
  extra.unshift("--kernel", kernel, "--specs", specs);
}
// CPU time of the shard's whole process tree (the CLI runs its work in a supervised child,
// which runs the C runners): every process appends its own time and its children's that
// are still there at its exit (running, or killed and not reaped: the C runners), from /proc
// in clock ticks (100 a second); the outermost process also adds the children it waited for
// (cutime, cstime: the supervised child and what that child waited for).
const hook = join(tmp, "cpu-at-exit.cjs");
writeFileSync(
  hook,
  `const outer = process.env.BENCH_SHARDS_INNER === undefined;
process.env.BENCH_SHARDS_INNER = "1";
process.on("exit", () => {
  const fs = require("node:fs");
  const ticks = (pid, from) => {
    try {
      const s = fs.readFileSync("/proc/" + pid + "/stat", "utf8");
      return s.slice(s.lastIndexOf(")") + 2).split(" ").slice(from, 15).reduce((a, x) => a + Number(x), 0);
    } catch { return 0; }
  };
  let t = outer ? ticks("self", 13) : 0;
  for (const task of fs.readdirSync("/proc/self/task"))
    for (const pid of fs.readFileSync("/proc/self/task/" + task + "/children", "utf8").split(" "))
      if (pid.trim() !== "") t += ticks(pid.trim(), 11);
  const u = process.cpuUsage();
  fs.appendFileSync(process.env.BENCH_SHARDS_CPU, (u.user + u.system) / 1000 + t * 10 + "\\n");
});\n`,
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
  const cpuMs = readFileSync(cpu, "utf8")
    .split("\n")
    .filter((l) => l !== "")
    .reduce((a, l) => a + Number(l), 0);
  return { cpuMs, wallMs };
}

/**
 * Each shard's executions, from its certificate: in all, and of each spec cut into subtrees
 * that holds at least 1% of them (where an uneven plan shows).
 */
function executionRows(certs: readonly string[]): string[] {
  const covered = certs.map(
    (f) =>
      (
        JSON.parse(readFileSync(f, "utf8")) as {
          covered: { spec: string; executions: number; part: { unit: string } | null }[];
        }
      ).covered,
  );
  const total = covered.map((c) => c.reduce((a, s) => a + s.executions, 0));
  const all = total.reduce((a, b) => a + b, 0);
  const rows = [`executions: ${total.join(" ")} (max/mean ${ratio(total).toFixed(2)})`];
  const split = new Set(
    covered.flatMap((c) => c.filter((s) => s.part?.unit === "subtrees").map((s) => s.spec)),
  );
  for (const spec of [...split].sort()) {
    const per = covered.map((c) =>
      c.filter((s) => s.spec === spec).reduce((a, s) => a + s.executions, 0),
    );
    if (per.reduce((a, b) => a + b, 0) >= all / 100)
      rows.push(`  ${spec}: ${per.join(" ")} (max/mean ${ratio(per).toFixed(2)})`);
  }
  return rows;
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
    if (n > 1) for (const row of executionRows(certs)) console.log(`  ${row}`);
  });
}
