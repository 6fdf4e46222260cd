/**
 * Runs one spec in its mode and returns the outcome as data. A sequential failure is replayed
 * from its token once more before it is reported; a replay that does not fail the same way is
 * a harness non-determinism error, never a quiet pass. An explore spec runs its scenario
 * exhaustively (src/checker/scenario); `overrides.replay` (an explore token from parseToken)
 * re-runs exactly one execution of it instead.
 */
import { type ExploreOverrides, runExploreSpec } from "../scenario/run-explore-spec.js";
import { checkSequential } from "../sequential/check-sequential.js";
import type { Spec } from "../spec/schema.js";
import type { SpecOutcome } from "./outcome.js";
import { stringifyToken } from "./replay-token.js";

export class HarnessError extends Error {
  readonly code = "MAPLE_CHECK_HARNESS";
}

export interface RunOverrides extends ExploreOverrides {
  seed?: number;
  runs?: number;
  path?: string;
}

/** Node ids count up across trees, so two runs of one failure may name different ids. */
function withoutNodeIds(error: string | undefined): string | undefined {
  return error?.replace(/node #\d+/g, "node #");
}

export function runSpec(spec: Spec, overrides: RunOverrides = {}): SpecOutcome {
  const t0 = performance.now();
  if (spec.mode === "sequential" && spec.sequential) {
    const seq = spec.sequential;
    const out = checkSequential(spec.tree, seq, overrides);
    const outcome: SpecOutcome = {
      spec: spec.name,
      mode: "sequential",
      verdict: out.verdict,
      expected: spec.expect,
      scenarios: out.runs,
      executions: out.commands,
      timeMs: performance.now() - t0,
      coverage: out.coverage,
    };
    const cx = out.counterexample;
    if (cx) {
      // fast-check cannot replay a shrunk command list from seed and path alone (fc.commands
      // needs its replayPath too), so the replay runs the seed again from the start.
      const again = checkSequential(spec.tree, seq, {
        seed: cx.seed,
        ...(overrides.runs !== undefined && { runs: overrides.runs }),
      });
      if (withoutNodeIds(again.counterexample?.error) !== withoutNodeIds(cx.error))
        throw new HarnessError(
          `${spec.name}: replaying seed ${cx.seed} path ${cx.path} gave "${again.counterexample?.error ?? "no failure"}" instead of "${cx.error}"`,
        );
      outcome.counterexample = {
        error: cx.error,
        body: cx.trace,
        replayToken: stringifyToken({ mode: "seq", spec: spec.name, seed: cx.seed, path: cx.path }),
        size: { commands: cx.lines.length },
      };
    }
    return outcome;
  }
  if (spec.mode === "explore" && spec.explore) return runExploreSpec(spec, overrides);
  throw new HarnessError(`${spec.name}: mode "${spec.mode}" needs its \`${spec.mode}\` block`);
}
