/**
 * An mm-explore spec whose writer is the kernel's mm/vma.c (`"source": "vma.c"`): vma-runner,
 * built from the backend's kernel tree, runs the prefix and the writer and logs every store
 * vma.c made to the mm's tree (native/vma-runner/tree-log.c); those stores, replayed on the
 * explore runner's lib/maple_tree.c, are the writer the lockless readers are explored against
 * word by word, and vma-check.ts judges each reader as lock_vma_under_rcu would end.
 *
 * What is scheduled word by word: the tree's C code writing the same stores, in the same
 * order, that vma.c made (mtree_store_range where vma.c called mas_store_prealloc or
 * mas_store_gfp: vma-runner checks that both build the same leaves, with the mm tree in RCU
 * mode or not as the flavour says; in 6.12 both compute the store type with
 * mas_wr_store_type and write the nodes with mas_wr_store_entry, only their allocation
 * differs), and the readers' mas_walk.
 * What is not: vma.c's own code between the stores (VMA field writes, vma_start_write), which
 * the judge sees only as it stood at each store point.
 */
import {
  type ExploreOptions,
  type ExplorerViolation,
  explore,
} from "../../../checker/explorer/index.js";
import { MmExploreError } from "../../../checker/mm-explore/compile-mm-scenario.js";
import { confirmByReplay } from "../../../checker/mm-explore/confirm-by-replay.js";
import type { MmExploreSpec } from "../../../checker/mm-explore/mm-explore-spec.js";
import { mmReaderText } from "../../../checker/mm-explore/mm-reader-lines.js";
import { vmaLockCheck } from "../../../checker/mm-explore/vma-check.js";
import { compileVmaLog, type VmaCompiled } from "../../../checker/mm-explore/vma-tree-log.js";
import type { SpecOutcome } from "../../../checker/run/outcome.js";
import { specHash } from "../../../checker/run/spec-hash.js";
import { compileScenario } from "../../../checker/scenario/compile.js";
import {
  describeScenarioViolation,
  type ExploreBoundsData,
  exploreMinimized,
  replayWith,
  type ScenarioExplorer,
  type ScenarioRun,
  scenarioOptions,
} from "../../../checker/scenario/explore-scenario.js";
import { type ExploreOverrides, outcomeOf } from "../../../checker/scenario/run-explore-spec.js";
import type { Spec } from "../../../checker/spec/schema.js";
import { exploreKernel, type KernelExploreOptions } from "../explore/kernel-explore.js";
import { kernelScenarioOptions, markKernelDivergence } from "../explore/kernel-explore-scenario.js";
import { kernelExploreSession } from "../explore/kernel-explore-spec.js";
import { compileKernelScenario } from "../explore/kernel-scenario.js";
import { KernelBackend } from "../kernel-backend.js";
import { buildVmaRunner } from "./build-vma-runner.js";
import { VmaSession } from "./vma-session.js";
import { vmaTreeProblem } from "./vma-tree.js";

export class VmaExploreHarnessError extends Error {
  readonly code = "MAPLE_CHECK_HARNESS";
}

/** Why a vma.c-sourced spec cannot run on this backend, or undefined. */
export function vmaExploreNotApplicable(backend: unknown): string | undefined {
  if (!(backend instanceof KernelBackend))
    return "the writer is the kernel's mm/vma.c: it runs with --kernel DIR (Linux 6.11 or later)";
  return vmaTreeProblem(backend.build.kernel.dir);
}

/** Runs the prefix and the writer on vma.c and compiles what they stored into the scenario. */
export function recordVmaWriter(name: string, e: MmExploreSpec, kernelDir: string): VmaCompiled {
  const build = buildVmaRunner(kernelDir, {
    log: (line) => process.stderr.write(`maple-check: ${line}\n`),
  });
  const writer = e.writer;
  // The schema holds vma.c-sourced specs to one `writer` (mm-explore-spec.ts).
  if (writer === undefined) throw new MmExploreError(`${name}: a vma.c writer is one \`writer\``);
  const s = new VmaSession(build.binary);
  try {
    // 6.12's mm tree is in RCU mode (MM_MT_FLAGS): vma.c writes it so, as the explored tree.
    if (e.flavour === "6.12" && s.ask("tree_log 1") !== "e")
      throw new VmaExploreHarnessError("vma-runner did not switch the mm's tree to RCU mode");
    e.prefix.forEach((line, i) => {
      const a = s.ask(line);
      if (a.startsWith("err"))
        throw new MmExploreError(`${name}: prefix line ${i + 1} \`${line}\`: vma.c says ${a}`);
    });
    const prefixLog = s.ask("tree_log");
    const w = s.ask(writer);
    if (w.startsWith("err"))
      throw new MmExploreError(`${name}: writer \`${writer}\`: vma.c says ${w}`);
    const writerLog = s.ask("tree_log");
    const valid = s.ask("validate");
    if (valid !== "valid")
      throw new MmExploreError(`${name}: after the writer vma-runner's validate says ${valid}`);
    const c = compileVmaLog(name, e, prefixLog, writerLog);
    if (c.data.writer.length === 0)
      throw new MmExploreError(
        `${name}: writer \`${writer}\` stores nothing into the tree: nothing to interleave`,
      );
    return { ...c, writer };
  } finally {
    s.close();
  }
}

function extraLines(spec: Spec, c: VmaCompiled, tree: string): string[] {
  const e = spec.mmExplore as MmExploreSpec;
  const text = (spans: VmaCompiled["before"]) =>
    spans.map((v) => `${v.id}=${v.text}`).join(", ") || "none";
  return [
    `  mm: mm/vma.c in vma-runner, the tree explored with ${e.flavour === "6.12" ? "MM_MT_FLAGS (MT_FLAGS_USE_RCU)" : "MM_MT_FLAGS without MT_FLAGS_USE_RCU"}, on ${tree}`,
    ...e.prefix.map((l) => `  vma.c prefix: ${l}`),
    `  vma.c writer: ${c.writer} (its stores to the mm's tree are the writer lines)`,
    ...c.readers.map(
      (r) =>
        `  ${r.name}: ${mmReaderText(r)} (${r.kind === "iterate" ? "mas_find" : "mas_walk"} word by word, then vma_start_read${r.kind === "iterate" ? "" : " and the range check"} at the writer's store points)`,
    ),
    `  VMAs before: ${text(c.before)}`,
    `  VMAs after:  ${text(c.after)}`,
  ];
}

/** The scenario on the kernel's C tree (the explore runner), judged by vma-check.ts. */
function kernelVmaExplorer(
  spec: Spec,
  c: VmaCompiled,
  backend: KernelBackend,
): ScenarioExplorer<KernelExploreOptions> {
  const session = kernelExploreSession(backend);
  const check = vmaLockCheck(c.readers, c.before, c.after, c.views);
  const kc = { ...compileKernelScenario(c.data, session), check };
  const extra = extraLines(spec, c, `linux ${session.build.kernel.version}'s lib/maple_tree.c`);
  return {
    options: (bounds) => kernelScenarioOptions(kc, bounds, false),
    explore: (options) => exploreKernel(kc, options),
    describe: (v: ExplorerViolation, bound, preemptions) =>
      describeScenarioViolation(
        kc.data,
        check,
        v,
        bound,
        preemptions,
        (f) => markKernelDivergence(kc, v, f).text,
        extra,
      ),
  };
}

/** The same scenario on the TypeScript tree (tests compare the two trees' verdicts). */
export function tsVmaExplorer(spec: Spec, c: VmaCompiled): ScenarioExplorer<ExploreOptions> {
  const compiled = compileScenario(c.data);
  const check = vmaLockCheck(c.readers, c.before, c.after, c.views);
  const extra = extraLines(spec, c, "the TypeScript tree");
  return {
    options: (bounds) => ({ ...scenarioOptions(c.data, bounds, false), check }),
    explore: (options) => explore(compiled.scenario, options),
    describe: (v, bound, preemptions) =>
      describeScenarioViolation(c.data, check, v, bound, preemptions, () => v.text, extra),
  };
}

export function vmaExploreBounds(spec: Spec): ExploreBoundsData {
  const b = spec.mmExplore?.bounds;
  return {
    readerSteps: b?.readerSteps ?? 100_000,
    executions: b?.executions ?? 1_000_000,
    ...(b?.preemptions !== undefined && { preemptions: b.preemptions }),
  };
}

export function runVmaExploreSpec(
  spec: Spec,
  overrides: ExploreOverrides,
  backend: KernelBackend,
): SpecOutcome {
  const t0 = performance.now();
  const e = spec.mmExplore;
  if (e === undefined || e.source !== "vma.c")
    throw new VmaExploreHarnessError(`${spec.name}: not an mm-explore spec with a vma.c writer`);
  const c = recordVmaWriter(spec.name, e, backend.build.kernel.dir);
  const x = kernelVmaExplorer(spec, c, backend);
  const hash = overrides.specHash ?? specHash(spec);
  const bounds = vmaExploreBounds(spec);
  if (overrides.deadline !== undefined) bounds.deadline = overrides.deadline;
  const token = overrides.replay;
  // A shard's part of the schedule space (run-all.ts runPart); a token replays the whole.
  if (overrides.subtree !== undefined && token === undefined) bounds.subtree = overrides.subtree;
  const run: ScenarioRun =
    token !== undefined
      ? replayWith(x, bounds, token.bound, token.path)
      : exploreMinimized(x, bounds, true);
  const failing = run.violation && {
    run,
    token: token ?? {
      mode: "explore" as const,
      spec: spec.name,
      hash,
      bound: run.violation.bound,
      path: run.violation.path,
      backend: "kernel" as const,
    },
  };
  const outcome = outcomeOf(spec, t0, 1, [run.summary], failing, token !== undefined);
  outcome.mode = "mm-explore";
  outcome.backend = backend.description;
  if (token === undefined)
    confirmByReplay(
      spec.name,
      outcome,
      (t) => runVmaExploreSpec(spec, { replay: t, specHash: t.hash }, backend),
      (m) => new VmaExploreHarnessError(m),
    );
  return outcome;
}
