/**
 * Runs an mm-sequential spec and returns its outcome as data, like the tree-level sequential
 * specs: a failure is replayed from its token before it is reported, and its counterexample
 * is the prefix and the shrunk commands as mm command lines (or, when the prefix itself
 * fails, its lines up to the failing one).
 */
import type { SpecOutcome } from "../run/outcome.js";
import { stringifyToken } from "../run/replay-token.js";
import type { Spec } from "../spec/schema.js";
import { checkMmSequential, type MmRunOptions } from "./check-mm-sequential.js";

export class MmHarnessError extends Error {}

/** `hash` is the spec's identity its replay token carries (specHash of the spec as loaded). */
export function runMmSpec(spec: Spec, hash: string, opts: MmRunOptions): SpecOutcome {
  const mm = spec.mm;
  if (mm === undefined)
    throw new MmHarnessError(`${spec.name}: an mm-sequential spec needs an \`mm\` block`);
  const t0 = performance.now();
  const out = checkMmSequential(mm, opts);
  const outcome: SpecOutcome = {
    spec: spec.name,
    mode: "mm-sequential",
    verdict: out.verdict,
    expected: spec.expect,
    scenarios: out.runs,
    executions: out.commands,
    timeMs: performance.now() - t0,
  };
  if (out.verdict === "incomplete")
    outcome.incompleteReason = `time budget spent after ${out.runs} of ${opts.runs ?? mm.runs} runs`;
  const cx = out.counterexample;
  if (cx !== undefined) {
    const again = checkMmSequential(mm, {
      seed: cx.seed,
      path: cx.path,
      replayPath: cx.replayPath,
      ...(opts.backend !== undefined && { backend: opts.backend }),
      ...(opts.layer !== undefined && { layer: opts.layer }),
    });
    if (again.counterexample?.error !== cx.error)
      throw new MmHarnessError(
        `${spec.name}: replaying seed ${cx.seed} path ${cx.path} gave "${again.counterexample?.error ?? "no failure"}" instead of "${cx.error}"`,
      );
    outcome.counterexample = {
      error: cx.error,
      body: `${[`# mm ${mm.flavour}, TASK_SIZE ${mm.taskPages} pages, guard gap ${mm.guardPages}, start_brk page ${mm.startBrk}`, ...cx.prefix, ...cx.lines].join("\n")}\n`,
      replayToken: stringifyToken({
        mode: "seq",
        spec: spec.name,
        hash,
        seed: cx.seed,
        path: cx.path,
        replayPath: cx.replayPath,
        ...(opts.backend !== undefined &&
          opts.backend.name !== "ts" && { backend: opts.backend.name }),
      }),
      size: { commands: cx.lines.length },
    };
  }
  return outcome;
}
