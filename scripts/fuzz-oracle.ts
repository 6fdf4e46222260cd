/**
 * Differential fuzzing of the TypeScript maple tree against the kernel oracle.
 *
 *   node dist/scripts/fuzz-oracle.js [--traces N] [--ops N] [--seed S]
 *        [--flags 0,alloc,rcu,alloc|rcu] [--cursor [--unguarded]] [--universe U]
 *        [--oracle PATH] [--out DIR] [--timeout S] [--minimize N]
 *
 * Builds random traces (deterministic from --seed), runs each through the oracle binary and
 * on the TypeScript tree (in a worker thread, with --timeout per trace), and compares the
 * outputs line by line. Trace i uses flag set i mod (number of sets); with --cursor every other round of flag sets is a cursor trace,
 * which mixes the persistent-cursor operations in and runs with --guard on both sides
 * (`err ub` lines then match by construction, as both sides refuse the same uses). With
 * --unguarded, cursor traces run without --guard: where 6.12 crashes (`crash`), the
 * TypeScript tree must throw at the same operation.
 *
 * The oracle can die in its RCU callback thread (mt_free_walk, freeing a destroyed RCU-mode
 * tree, seen as an ASan heap-buffer-overflow); that happens at a random later operation and
 * not on every run. So when the oracle's output ends in `crash` where maple-check's does not,
 * the oracle is run again (up to ORACLE_RETRIES times). If it keeps crashing, but at different
 * places, only the lines before its crash are compared and the trace is counted as an
 * asynchronous crash; a crash at the same line on every run is compared like any output.
 *
 * Exit 0 when no trace differs, 1 when one does, 4 on a usage or oracle problem.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Command, CommanderError } from "commander";
import { generateTrace, type Universe } from "./fuzz/generate.js";
import { minimizeTrace } from "./fuzz/minimize.js";
import { oraclePath, oracleProblem, runOracle } from "./fuzz/oracle.js";
import { Rng, traceSeed } from "./fuzz/rng.js";
import { TsRunner } from "./fuzz/ts-runner.js";

interface Options {
  traces: number;
  ops: number;
  seed: number;
  flags: string;
  cursor: boolean;
  unguarded: boolean;
  universe: string;
  minimize: number;
  timeout: number;
  oracle?: string;
  out?: string;
}

/** Extra oracle runs for a trace whose oracle run crashed where maple-check did not. */
const ORACLE_RETRIES = 3;

interface Difference {
  trace: number;
  line: number;
  input: string;
  oracle: string;
  ts: string;
}

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new CommanderError(4, "fuzz.arg", `not a count: ${v}`);
  return n;
}

/** The 1-based input line number of the operation that printed output line `outLine`. */
function lineOfOp(trace: string, outLine: number): number {
  let n = 0;
  const raw = trace.split("\n");
  for (let i = 0; i < raw.length; i++) {
    const t = (raw[i] as string).replace(/^[ \t\r]*/, "");
    if (t === "" || t.startsWith("#")) continue;
    if (++n === outLine) return i + 1;
  }
  return raw.length;
}

/** The input line that produced output line `outLine` (1-based), skipping blank/# lines. */
function inputFor(trace: string, outLine: number): string {
  let n = 0;
  for (const raw of trace.split("\n")) {
    const t = raw.replace(/^[ \t\r]*/, "");
    if (t === "" || t.startsWith("#")) continue;
    if (++n === outLine) return t;
  }
  return "(none)";
}

function compare(trace: string, oracle: string, ts: string): Omit<Difference, "trace"> | null {
  if (oracle === ts) return null;
  const a = oracle.split("\n");
  const b = ts.split("\n");
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) {
      return {
        line: i + 1,
        input: inputFor(trace, i + 1),
        oracle: a[i] ?? "(end)",
        ts: b[i] ?? "(end)",
      };
    }
  }
  return null;
}

/** The oracle output ends in `crash` at a line where maple-check printed something else. */
function asyncCrash(oracle: string, ts: string): boolean {
  if (!oracle.endsWith("crash\n")) return false;
  const n = oracle.split("\n").length - 2;
  const line = ts.split("\n")[n];
  return line !== undefined && line !== "crash" && line !== "";
}

function main(argv: string[]): number {
  const program = new Command("fuzz-oracle")
    .option("--traces <n>", "number of traces", positiveInt, 100)
    .option("--ops <n>", "operations per trace", positiveInt, 500)
    .option("--seed <s>", "seed", positiveInt, 1)
    .option(
      "--flags <sets>",
      "comma-separated flag sets, each like alloc|rcu",
      "0,alloc,rcu,alloc|rcu",
    )
    .option("--cursor", "also run cursor traces (with --guard on both sides)", false)
    .option("--universe <u>", "index universe: small, spread, mixed, or all (rotate)", "all")
    .option("--unguarded", "run cursor traces without --guard: both sides must crash alike", false)
    .option(
      "--oracle <path>",
      "the maple-oracle binary (default $MAPLE_ORACLE or /tmp/maple-oracle/maple-oracle)",
    )
    .option("--out <dir>", "write each differing trace and both outputs here")
    .option("--timeout <s>", "seconds the TypeScript side may take per trace", positiveInt, 60)
    .option(
      "--minimize <n>",
      "shrink the first N differing traces (written with --out)",
      positiveInt,
      0,
    )
    .exitOverride();
  try {
    program.parse(argv, { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 4;
    throw e;
  }
  const o = program.opts<Options>();
  const oracle = oraclePath(o.oracle);
  const problem = oracleProblem(oracle);
  if (problem) {
    process.stderr.write(`fuzz-oracle: ${problem}\n`);
    return 4;
  }
  const flagSets = o.flags.split(",").filter((f) => f !== "");
  if (flagSets.length === 0) {
    process.stderr.write("fuzz-oracle: --flags names no flag set\n");
    return 4;
  }
  if (o.out) mkdirSync(o.out, { recursive: true });

  const universes: Universe[] =
    o.universe === "all" ? ["small", "spread", "mixed"] : [o.universe as Universe];
  if (!["all", "small", "spread", "mixed"].includes(o.universe)) {
    process.stderr.write(`fuzz-oracle: unknown --universe ${o.universe}\n`);
    return 4;
  }
  const diffs: Difference[] = [];
  let lines = 0;
  let cursorTraces = 0;
  let oracleCrashes = 0;
  let asyncCrashes = 0;
  let hangs = 0;
  const ts = new TsRunner(o.timeout * 1000);
  /** The TypeScript output; after a time-out, the lines before and a `hang` line. */
  const runTs = (text: string, guard: boolean): { output: string; hung: boolean } => {
    const r = ts.run(text, guard);
    return r.hung
      ? { output: `${r.output}hang (no result within ${o.timeout}s)\n`, hung: true }
      : r;
  };
  const started = Date.now();
  for (let t = 0; t < o.traces; t++) {
    const flags = flagSets[t % flagSets.length] as string;
    const round = Math.floor(t / flagSets.length);
    const cursor = o.cursor && round % 2 === 1;
    const rng = new Rng(traceSeed(o.seed, t));
    const universe = universes[round % universes.length] as Universe;
    const trace = generateTrace(rng, { flags, ops: o.ops, cursor, universe });
    const guard = cursor && !o.unguarded;
    const tsRun = runTs(trace, guard);
    const actual = tsRun.output;
    if (tsRun.hung) hangs++;
    let expected = runOracle(oracle, trace, guard);
    let compared = actual;
    if (asyncCrash(expected.output, actual)) {
      const crashLines = new Set([expected.output.length]);
      for (let i = 0; i < ORACLE_RETRIES && asyncCrash(expected.output, actual); i++) {
        expected = runOracle(oracle, trace, guard);
        crashLines.add(expected.output.length);
      }
      // A crash at the same place on every run is the kernel's own: it is compared in full.
      if (asyncCrash(expected.output, actual) && crashLines.size > 1) {
        asyncCrashes++;
        compared = actual
          .split("\n")
          .slice(0, expected.output.split("\n").length - 2)
          .join("\n");
        compared += compared === "" ? "crash\n" : "\ncrash\n";
      }
    }
    lines += expected.output.split("\n").length - 1;
    if (cursor) cursorTraces++;
    if (expected.status !== 0) oracleCrashes++;
    const d = compare(trace, expected.output, compared);
    if (d) {
      diffs.push({ trace: t, ...d });
      if (o.out) {
        const base = join(o.out, `trace-${o.seed}-${t}`);
        writeFileSync(`${base}.txt`, trace);
        writeFileSync(`${base}.oracle.out`, expected.output);
        writeFileSync(`${base}.ts.out`, actual);
      }
      if (diffs.length <= o.minimize) {
        const cut = trace.split("\n").slice(0, lineOfOp(trace, d.line)).join("\n");
        const differs = (text: string) => {
          const mine = runTs(text, guard).output;
          const or = runOracle(oracle, text, guard).output;
          return or !== mine && !asyncCrash(or, mine);
        };
        const small = minimizeTrace(cut, differs);
        const n = small.split("\n").length - 1;
        process.stderr.write(`  trace ${t}: minimized to ${n} lines\n`);
        if (o.out) writeFileSync(`${join(o.out, `trace-${o.seed}-${t}`)}.min.txt`, small);
        if (n <= 40) process.stderr.write(small.replace(/^/gm, "    | "));
      }
    }
    if ((t + 1) % 50 === 0)
      process.stderr.write(`  ${t + 1}/${o.traces} traces, ${diffs.length} differ\n`);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `traces: ${o.traces} (${cursorTraces} cursor, flag sets ${flagSets.join(" ")}), ` +
      `result lines: ${lines}, seed: ${o.seed}, time: ${seconds}s\n` +
      `oracle runs that exited non-zero: ${oracleCrashes} ` +
      `(crashed asynchronously mid-trace on every retry, compared up to the crash: ${asyncCrashes})\n`,
  );
  ts.close();
  if (hangs > 0) process.stdout.write(`TypeScript runs that timed out: ${hangs}\n`);
  const listed = diffs.slice(0, 20).map((d) => d.trace);
  process.stdout.write(
    `differing traces: ${diffs.length}` +
      (listed.length > 0
        ? ` (trace ${listed.join(", ")}${diffs.length > 20 ? ", ..." : ""})`
        : "") +
      "\n",
  );
  const first = diffs[0];
  if (first) {
    process.stdout.write(
      `first difference: trace ${first.trace}, output line ${first.line}, input \`${first.input}\`\n` +
        `  oracle: ${first.oracle}\n  ts:     ${first.ts}\n`,
    );
    if (o.out) process.stdout.write(`differing traces written to ${o.out}\n`);
  }
  return diffs.length > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
