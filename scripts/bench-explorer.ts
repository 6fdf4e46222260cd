/**
 * The explorer as a checking mode, measured:
 *   - time from a cold process to the first violation of the RCU-off seed-bug spec (from the
 *     process's own start, performance.timeOrigin), and to its reported (minimized, replayed)
 *     outcome;
 *   - per seed-bug scenario, explored to the end (no stop at the first violation): executions,
 *     executions per second, the naive interleaving count and the reduction factors
 *     naive / executions and executions / distinct reader observations (goal: within 10%);
 *   - the time to prove the RCU-on spec complete (runSpec, as `maple-check run` does).
 *
 *   npm run build && node dist/scripts/bench-explorer.js
 */
import { explore } from "../src/checker/explorer/index.js";
import { runSpec } from "../src/checker/run/run-spec.js";
import { compileScenario } from "../src/checker/scenario/compile.js";
import { specScenario } from "../src/checker/scenario/from-spec.js";
import { loadSpecFile } from "../src/checker/spec/load-spec.js";

const sinceStart = (): number => performance.now(); // ms since performance.timeOrigin (process start)
const load = (name: string) => loadSpecFile(`specs/${name}.json`);

// 1. Cold start to the first violation: nothing ran before this point but the module imports.
const modulesLoadedMs = sinceStart();
const coldSpec = load("explore-seed-bug-rcu-off");
const cold = compileScenario(specScenario(coldSpec));
const first = explore(cold.scenario, { check: cold.check });
const firstViolationMs = sinceStart();
if (first.verdict !== "violation") throw new Error("the RCU-off seed bug was not found");
const reported = runSpec(coldSpec);
const reportedMs = sinceStart();

console.log("cold process -> first violation of explore-seed-bug-rcu-off");
console.log(`  modules loaded: ${modulesLoadedMs.toFixed(0)} ms after process start`);
console.log(
  `  first violation: ${firstViolationMs.toFixed(0)} ms after process start (execution ${first.violations[0].execution}, explorer ${first.elapsedMs} ms)`,
);
console.log(
  `  reported outcome (minimized to ${reported.counterexample?.size.preemptions} preemption(s), replayed): ${reportedMs.toFixed(0)} ms after process start`,
);

// 2. Every scenario to the end.
const SCENARIOS = [
  "explore-seed-bug-rcu-off",
  "explore-seed-bug-rcu-on",
  "explore-guard-gap-rcu-off",
  "explore-guard-gap-rcu-on",
  "explore-slot-store-both-sides-rcu-off",
  "explore-slot-store-both-sides-rcu-on",
  "explore-fault-append-in-rcu",
  "explore-fault-node-store-in-place",
  "explore-rcu-reader-inversion",
];
const rows: string[][] = [
  [
    "scenario",
    "verdict",
    "executions",
    "exec/s",
    "distinct obs",
    "naive",
    "naive/exec",
    "exec/distinct",
    "violating",
    "ms",
  ],
];
const sci = (n: bigint): string => {
  const s = n.toString();
  return s.length <= 9 ? s : `${s[0]}.${s.slice(1, 3)}e${s.length - 1}`;
};
for (const name of SCENARIOS) {
  const spec = load(name);
  const c = compileScenario(specScenario(spec));
  const r = explore(c.scenario, {
    check: c.check,
    stopOnFirstViolation: false,
    maxViolations: 1,
    maxExecutions: 2_000_000,
    forwardCopyOnly: spec.explore?.forwardCopyOnly ?? false,
    branchOnRcuStart: c.data.readers.some(
      (r) => r.kind === "none" || (r.kind === "rcu-per-op" && r.lines.length > 1),
    ),
  });
  const seconds = Math.max(r.elapsedMs, 1) / 1000;
  rows.push([
    name.replace(/^explore-/, ""),
    r.verdict,
    String(r.executions),
    (r.executions / seconds).toFixed(0),
    String(r.distinctObservations),
    sci(r.naiveInterleavings),
    sci(r.naiveInterleavings / BigInt(Math.max(1, r.executions))),
    (r.executions / Math.max(1, r.distinctObservations)).toFixed(3),
    String(r.violatingExecutions),
    String(r.elapsedMs),
  ]);
}
console.log("\nexhaustive exploration (no stop at the first violation)");
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const r of rows)
  console.log(
    `  ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ")}`,
  );

// 3. Proving the RCU-on spec complete, as `maple-check run` does.
const t0 = performance.now();
const on = runSpec(load("explore-seed-bug-rcu-on"));
const onMs = performance.now() - t0;
console.log(
  `\nexplore-seed-bug-rcu-on: ${on.verdict} (every interleaving explored) in ${onMs.toFixed(0)} ms, ${on.executions} executions`,
);
