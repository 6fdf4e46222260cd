/**
 * checkLinearizable: the general linearizability check. Without spec.partition it is one
 * Wing & Gong search (checkSingle, wing-gong.ts); with it, one search per part of the history
 * (partition.ts), stopping at the first part that fails, and a merged witness on success.
 * `maxSteps` applies to each part's search.
 */
import type { History } from "./history.js";
import { mergeWitnesses, partitionHistory } from "./partition.js";
import type { CheckResult } from "./result.js";
import { resolveSpec, type SequentialSpec } from "./spec.js";
import { type CheckOptions, checkSingle, explainFailure } from "./wing-gong.js";

export function checkLinearizable<State, Input, Output>(
  spec: SequentialSpec<State, Input, Output>,
  history: History<Input, Output>,
  options: CheckOptions = {},
): CheckResult<Output> {
  if (spec.partition === undefined) return checkSingle(spec, history, options);
  const witnesses: number[][] = [];
  for (const part of partitionHistory(history, spec.partition.bind(spec))) {
    const result = checkSingle(
      spec,
      part.map((i) => history[i]),
      options,
    );
    if (result.verdict === "unknown") return result;
    if (result.verdict === "not-linearizable") {
      const failure = explainFailure(
        resolveSpec(spec),
        history,
        result.prefix.map((i) => part[i]),
        part[result.blocked],
      );
      const key = spec.partition(history[part[0]].input);
      return {
        ...failure,
        message: `${failure.message}\n(partition ${key}: ${part.length} operations)`,
      };
    }
    witnesses.push(result.witness.map((i) => part[i]));
  }
  return { verdict: "linearizable", witness: mergeWitnesses(history, witnesses) };
}
