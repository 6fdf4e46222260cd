/**
 * Linearizability of an execution's history against the tree itself run sequentially: the
 * states are S0..Sm (after k writer operations), and a reader operation in state Sk must return
 * what it returns when run alone on Sk. Real-time order between reader operations counts (a
 * reader answered before another was called cannot see a later state), so new-then-old
 * inversions between readers are caught. Decided by the one-writer fast path (checkOneWriter).
 */

import type { Operation } from "../linearizability/history.js";
import { checkOneWriter } from "../linearizability/one-writer.js";
import type { SequentialSpec } from "../linearizability/spec.js";
import { rightInEveryState, sequentialAnswers } from "./before-or-after.js";
import type { CheckFn, Scenario, World } from "./scenario.js";
import { formatValue, sameResult } from "./words.js";

type Input =
  | { kind: "write"; op: number; name: string }
  | { kind: "read"; thread: number; op: number; name: string };

export function linearizableAgainstSequential<W extends World>(scenario: Scenario<W>): CheckFn {
  const answers = sequentialAnswers(scenario);
  const spec: SequentialSpec<number, Input, unknown> = {
    init: 0,
    step(k, input) {
      if (input.kind === "write") return { output: null, state: k + 1 };
      return { output: answers[k][input.thread - 1][input.op], state: k };
    },
    equalOutput: sameResult,
    key: (k) => String(k),
    readOnly: (input) => input.kind === "read",
    describeInput: (input) =>
      input.kind === "write" ? input.name : `reader ${input.thread} ${input.name}`,
    describeOutput: formatValue,
    describeState: (k) => `S${k}`,
  };
  const check: CheckFn = (history) => {
    const ops: Operation<Input, unknown>[] = history.ops.map((op) => ({
      thread: op.thread,
      call: op.call,
      ret: op.ret,
      input:
        op.kind === "write"
          ? { kind: "write", op: op.opIndex, name: op.name }
          : { kind: "read", thread: op.thread, op: op.opIndex, name: op.name },
      output: op.kind === "write" ? null : op.result,
    }));
    const r = checkOneWriter(spec, ops);
    if (r.verdict === "linearizable") return null;
    return r.verdict === "unknown" ? `linearizability unknown: ${r.reason}` : r.message;
  };
  check.alwaysRight = (thread, opIndex, result) =>
    rightInEveryState(answers, thread, opIndex, result);
  return check;
}
