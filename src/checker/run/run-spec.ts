/**
 * Runs one spec in its mode and returns the outcome as data. A sequential failure is replayed
 * from its token once more before it is reported; a replay that does not fail the same way is
 * a harness non-determinism error, never a quiet pass. An explore spec runs its scenario
 * exhaustively (src/checker/scenario); `overrides.replay` (an explore token from parseToken)
 * re-runs exactly one execution of it instead.
 */
import type { TreeBackend } from "../../backend/backend.js";
// Explore specs on the kernel's C tree (issue 12): src/backend/kernel/explore.
import {
  kernelExploreNotApplicable,
  runKernelExploreSpec,
} from "../../backend/kernel/explore/kernel-explore-spec.js";
import { KernelBackend } from "../../backend/kernel/kernel-backend.js";
// mm-explore specs whose writer is the kernel's mm/vma.c (issue 16 item 4).
import {
  runVmaExploreSpec,
  vmaExploreNotApplicable,
} from "../../backend/kernel/vma/vma-explore-spec.js";
// mm-sequential specs on the kernel's mm/vma.c (issue 16): src/backend/kernel/vma.
import { vmaLayerFactory, vmaSpecNotApplicable } from "../../backend/kernel/vma/vma-mm-spec.js";
import { runMmSpec } from "../mm/run-mm-spec.js";
import { runMmExploreSpec } from "../mm-explore/run-mm-explore-spec.js";
import { type ExploreOverrides, runExploreSpec } from "../scenario/run-explore-spec.js";
import { checkSequential } from "../sequential/check-sequential.js";
import type { Spec } from "../spec/schema.js";
import type { SpecOutcome } from "./outcome.js";
import { judgeReaderPin, pinMismatch } from "./pin.js";
import { stringifyToken } from "./replay-token.js";
import { specHash } from "./spec-hash.js";

export class HarnessError extends Error {
  readonly code = "MAPLE_CHECK_HARNESS";
}

export interface RunOverrides extends ExploreOverrides {
  seed?: number;
  runs?: number;
  /**
   * The runs are a shard's block of the spec's runs (run-all.ts budgeted): a run of the block
   * may fail before the one the whole run meets first, so the pin is judged on the whole only.
   */
  shardBlock?: boolean;
  path?: string;
  replayPath?: string;
  /** The tree under test (default: the TypeScript tree). */
  backend?: TreeBackend;
}

/**
 * A sequential spec that pins a validator check is a fixed scenario, as a pinned explore spec
 * is: the runs its own seed makes are the ones whose first report is the pinned check. Another
 * `--seed` would draw other runs, which may meet another check of the same corruption first, so
 * it does not apply; `--runs` and a shard's block of runs still do (run i is the same run
 * whatever the count).
 */
function fixedScenarioOverrides(spec: Spec, overrides: RunOverrides): RunOverrides {
  if (spec.pin === undefined || !("validate" in spec.pin)) return overrides;
  const { seed: _seed, ...rest } = overrides;
  return rest;
}

/** Why the backend cannot run the spec, or undefined. */
export function notApplicableReason(
  spec: Spec,
  backend: TreeBackend | undefined,
): string | undefined {
  if (spec.mode === "mm-explore" && spec.mmExplore?.source === "vma.c")
    return vmaExploreNotApplicable(backend);
  if (backend === undefined || backend.name === "ts") return undefined;
  if (spec.mode === "mm-sequential")
    return backend instanceof KernelBackend && spec.mm !== undefined
      ? vmaSpecNotApplicable(spec.mm, backend)
      : "the mm level runs on the TypeScript mm layer or the kernel's mm/vma.c only";
  if (spec.mode === "mm-explore")
    return "mm-explore compiles the mm layer to tree lines and explores them on the TypeScript tree";
  if (spec.mode === "explore")
    return backend instanceof KernelBackend
      ? kernelExploreNotApplicable(spec, backend)
      : "explore mode schedules the TypeScript tree and the kernel's C tree only";
  return backend.notApplicable(spec.tree);
}

export function runSpec(spec: Spec, given: RunOverrides = {}): SpecOutcome {
  const t0 = performance.now();
  // A spec with a proposed fix runs on the fix's patched copy of the kernel tree.
  const overrides =
    given.backend instanceof KernelBackend
      ? { ...given, backend: given.backend.forTree(spec.tree) }
      : given;
  const backend = overrides.backend;
  const onBackend =
    backend !== undefined && backend.name !== "ts" ? backend.description : undefined;
  const reason = notApplicableReason(spec, backend);
  if (reason !== undefined)
    return {
      spec: spec.name,
      mode: spec.mode,
      verdict: "not-applicable",
      expected: spec.expect,
      scenarios: 0,
      executions: 0,
      timeMs: 0,
      notApplicable: reason,
      ...(onBackend !== undefined && { backend: onBackend }),
    };
  if (spec.mode === "sequential" && spec.sequential) {
    const seq = spec.sequential;
    const out = checkSequential(spec.tree, seq, fixedScenarioOverrides(spec, overrides));
    const outcome: SpecOutcome = {
      spec: spec.name,
      mode: "sequential",
      verdict: out.verdict,
      expected: spec.expect,
      scenarios: out.runs,
      executions: out.commands,
      timeMs: performance.now() - t0,
      coverage: out.coverage,
      ...(out.notApplicableOps.length > 0 && { notApplicableOps: out.notApplicableOps }),
      ...(onBackend !== undefined && { backend: onBackend }),
    };
    if (out.verdict === "incomplete")
      outcome.incompleteReason = `time budget spent after ${out.runs} of ${overrides.runs ?? seq.runs} runs`;
    const cx = out.counterexample;
    if (cx) {
      // Every failure is replayed from its token before it is reported.
      const again = checkSequential(spec.tree, seq, {
        seed: cx.seed,
        path: cx.path,
        replayPath: cx.replayPath,
        ...(backend !== undefined && { backend }),
      });
      if (again.counterexample?.error !== cx.error || again.counterexample?.trace !== cx.trace)
        throw new HarnessError(
          `${spec.name}: replaying seed ${cx.seed} path ${cx.path} gave "${again.counterexample?.error ?? "no failure"}" instead of "${cx.error}"`,
        );
      outcome.counterexample = {
        error: cx.error,
        body: cx.trace,
        replayToken: stringifyToken({
          mode: "seq",
          spec: spec.name,
          hash: overrides.specHash ?? specHash(spec),
          seed: cx.seed,
          path: cx.path,
          replayPath: cx.replayPath,
          ...(backend !== undefined && backend.name !== "ts" && { backend: backend.name }),
        }),
        size: { commands: cx.lines.length },
        ...(cx.validation !== undefined && { validation: cx.validation }),
      };
    }
    const mismatch = overrides.shardBlock === true ? undefined : pinMismatch(spec, outcome);
    if (mismatch !== undefined) outcome.pinMismatch = mismatch;
    return outcome;
  }
  if (spec.mode === "mm-sequential")
    return runMmSpec(spec, overrides.specHash ?? specHash(spec), {
      ...(overrides.seed !== undefined && { seed: overrides.seed }),
      ...(overrides.runs !== undefined && { runs: overrides.runs }),
      ...(overrides.path !== undefined && { path: overrides.path }),
      ...(overrides.replayPath !== undefined && { replayPath: overrides.replayPath }),
      ...(overrides.deadline !== undefined && { deadline: overrides.deadline }),
      ...(backend !== undefined && { backend }),
      ...(backend instanceof KernelBackend &&
        spec.mm !== undefined && { layer: vmaLayerFactory(spec.mm, backend) }),
    });
  if (spec.mode === "mm-explore") {
    const outcome =
      spec.mmExplore?.source === "vma.c" && backend instanceof KernelBackend
        ? runVmaExploreSpec(spec, overrides, backend)
        : runMmExploreSpec(spec, overrides);
    // A part of the schedule space (a shard) may meet another violation first: judged whole.
    if (overrides.subtree === undefined) judgeReaderPin(spec, outcome);
    return outcome;
  }
  if (spec.mode === "explore" && spec.explore) {
    const outcome =
      backend instanceof KernelBackend
        ? runKernelExploreSpec(spec, overrides, backend)
        : runExploreSpec(spec, overrides);
    // A part of the schedule space (a shard) may meet another violation first: judged whole.
    if (overrides.subtree === undefined) judgeReaderPin(spec, outcome);
    return outcome;
  }
  throw new HarnessError(`${spec.name}: mode "${spec.mode}" needs its \`${spec.mode}\` block`);
}
