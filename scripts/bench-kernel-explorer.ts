/**
 * Executions per second of the explorer on the kernel's C tree and on the TypeScript tree, in
 * the same run, each scenario explored to the end (no stop at the first violation), with the
 * explorer's reduction and the full judging (every new history checked against the model):
 *
 *   npm run build && node dist/scripts/bench-kernel-explorer.js --kernel DIR [--repeat N] [SPEC...]
 *
 * DIR defaults to $MAPLE_CHECK_KERNEL; SPEC defaults to the seed-bug pair and a few more. The
 * explore runner is built (or taken from the cache) first and is not timed. End to end, for
 * the C tree: a fresh runner process (`C, new runner`; or the one already running, as
 * `maple-check run` has it from its second spec on: `C, runner up`), the prefix built and the
 * writer recorded in it, the model's states, the exploration with every question answered;
 * for the TypeScript tree: the scenario compiled (prefix, writer, model states) and explored. Figures are medians of
 * --repeat timed runs after one warm-up run; `runner` is the C explorer's own time in the
 * exploration (questions included), `judged` the histories asked over the protocol.
 * Then the time of `maple-check run SPEC --kernel DIR` as runSpec does it (find, minimize,
 * replay twice) for explore-seed-bug-rcu-off.
 */

import { buildKernelRunner } from "../src/backend/kernel/build.js";
import { buildExploreRunner } from "../src/backend/kernel/explore/build-explore.js";
import {
  exploreKernel,
  type KernelExplorationResult,
} from "../src/backend/kernel/explore/kernel-explore.js";
import {
  compileKernelScenario,
  KernelExploreSession,
} from "../src/backend/kernel/explore/kernel-scenario.js";
import { KernelBackend } from "../src/backend/kernel/kernel-backend.js";
import { explore } from "../src/checker/explorer/index.js";
import { runSpec } from "../src/checker/run/run-spec.js";
import { compileScenario } from "../src/checker/scenario/compile.js";
import { specScenario } from "../src/checker/scenario/from-spec.js";
import { loadSpecFile } from "../src/checker/spec/load-spec.js";
import { acceptOnly, option, positionals } from "./script-options.js";

acceptOnly(
  ["kernel", "repeat"],
  "usage: node dist/scripts/bench-kernel-explorer.js --kernel DIR [--repeat N] [SPEC...]",
);

const dir = option("kernel") ?? process.env.MAPLE_CHECK_KERNEL;
if (dir === undefined) {
  console.error("bench-kernel-explorer: --kernel DIR (or MAPLE_CHECK_KERNEL) is required");
  process.exit(4);
}
const repeat = Math.max(1, Number(option("repeat") ?? 5));
const named = positionals();
const SPECS =
  named.length > 0
    ? named
    : [
        "explore-seed-bug-rcu-off",
        "explore-seed-bug-rcu-on",
        "explore-slot-store-both-sides-rcu-off",
        "explore-slot-store-both-sides-rcu-on",
        "explore-rcu-reader-inversion",
        "explore-fault-stackrot",
      ];

const build = buildExploreRunner(dir, { log: (l) => console.error(l) });
console.log(
  `linux ${build.kernel.version}: ${build.binary}\nexhaustive exploration (no stop at the first violation), end to end; median of ${repeat} after a warm-up`,
);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

interface Row {
  spec: string;
  tree: string;
  verdict: string;
  executions: number;
  ms: number;
  note: string;
}
const rows: Row[] = [];

for (const name of SPECS) {
  const spec = loadSpecFile(`specs/${name}.json`);
  const data = specScenario(spec);
  const fwd = spec.explore?.forwardCopyOnly ?? false;
  const branchOnRcuStart = data.readers.some(
    (r) => r.kind === "none" || (r.kind === "rcu-per-op" && r.lines.length > 1),
  );
  const common = {
    stopOnFirstViolation: false,
    maxViolations: 1,
    maxExecutions: 2_000_000,
    forwardCopyOnly: fwd,
    branchOnRcuStart,
  };

  const kernelRun = () => {
    const t0 = performance.now();
    const session = new KernelExploreSession(build);
    const c = compileKernelScenario(data, session);
    const r = exploreKernel(c, common);
    const ms = performance.now() - t0;
    session.close();
    return { r, ms };
  };
  // As `maple-check run` does from its second spec on: the runner process is already up.
  const warm = new KernelExploreSession(build);
  const kernelWarmRun = () => {
    const t0 = performance.now();
    warm.forget();
    const c = compileKernelScenario(data, warm);
    const r = exploreKernel(c, common);
    return { r, ms: performance.now() - t0 };
  };
  const tsRun = () => {
    const t0 = performance.now();
    const c = compileScenario(data);
    const r = explore(c.scenario, { ...common, check: c.check });
    return { r, ms: performance.now() - t0 };
  };

  for (const [tree, fn] of [
    ["C, new runner", kernelRun],
    ["C, runner up", kernelWarmRun],
    ["TypeScript", tsRun],
  ] as const) {
    fn();
    const times: number[] = [];
    let last = fn();
    for (let i = 0; i < repeat; i++) {
      last = fn();
      times.push(last.ms);
    }
    const r = last.r;
    const k = (r as Partial<KernelExplorationResult>).kernel;
    const note =
      k === undefined
        ? ""
        : `runner ${k.runnerMs.toFixed(0)} ms, histories ${k.histories} (${k.judged} checked), answer vectors ${k.vectors}`;
    rows.push({
      spec: name.replace(/^explore-/, ""),
      tree,
      verdict: r.verdict,
      executions: r.executions,
      ms: median(times),
      note,
    });
  }
  warm.close();
}

const table = [
  ["scenario", "tree", "verdict", "executions", "ms", "exec/s", ""],
  ...rows.map((r) => [
    r.spec,
    r.tree,
    r.verdict,
    String(r.executions),
    r.ms.toFixed(1),
    (r.executions / (r.ms / 1000)).toFixed(0),
    r.note,
  ]),
];
const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
for (const r of table)
  console.log(
    `  ${r.map((c, i) => (i === 0 || i === 1 || i === 6 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ")}`,
  );

// `maple-check run explore-seed-bug-rcu-off --kernel DIR`, as runSpec does it.
const backend = new KernelBackend(buildKernelRunner(dir, { log: (l) => console.error(l) }));
const seed = loadSpecFile("specs/explore-seed-bug-rcu-off.json");
runSpec(seed, { backend });
const t0 = performance.now();
const out = runSpec(seed, { backend });
const kernelSpecMs = performance.now() - t0;
const t1 = performance.now();
const tsOut = runSpec(seed);
const tsSpecMs = performance.now() - t1;
console.log(
  `\nexplore-seed-bug-rcu-off as \`maple-check run\` does it (find, minimize, replay): C tree ${out.verdict} in ${kernelSpecMs.toFixed(1)} ms, TypeScript tree ${tsOut.verdict} in ${tsSpecMs.toFixed(1)} ms`,
);
backend.close();
process.exit(0);
