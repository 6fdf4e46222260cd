/**
 * The simplest model check: a reader operation's result must be what the same operation
 * returns when run sequentially on one of the writer states it may overlap. States are
 * S0 (initial) .. Sm (after all m writer operations); a reader called at `call` and answered
 * at `ret` may see Sk for lo <= k <= hi, lo = writer operations answered before the call,
 * hi = writer operations called at or before the return (closed intervals).
 * Reader-to-reader real-time order is not checked here (the linearizability fast path does).
 */
import type { CheckFn, Scenario, World } from "./scenario.js";
import { formatValue, sameResult } from "./words.js";

/** answers[k][t][o]: reader thread t's operation o run alone on state Sk (t 0-based). */
export function sequentialAnswers<W extends World>(scenario: Scenario<W>): unknown[][][] {
  const answers: unknown[][][] = [];
  for (let k = 0; k <= scenario.writer.length; k++) {
    const perThread: unknown[][] = [];
    for (const reader of scenario.readers) {
      const world = scenario.setup();
      for (let i = 0; i < k; i++) scenario.writer[i].run(world);
      const local: Record<string, unknown> = {};
      perThread.push(reader.ops.map((op) => op.run(world, local)));
    }
    answers.push(perThread);
  }
  return answers;
}

/** Whether a reader result is what its operation returns in every writer state. */
export function rightInEveryState(
  answers: unknown[][][],
  thread: number,
  opIndex: number,
  result: unknown,
): boolean {
  return answers.every((a) => sameResult(result, a[thread - 1][opIndex]));
}

export function beforeOrAfterWriter<W extends World>(scenario: Scenario<W>): CheckFn {
  const answers = sequentialAnswers(scenario);
  const check: CheckFn = (history) => {
    const writes = history.ops.filter((op) => op.kind === "write");
    for (const op of history.ops) {
      if (op.kind !== "read") continue;
      const lo = writes.filter((w) => w.ret < op.call).length;
      const hi = writes.filter((w) => w.call <= op.ret).length;
      let ok = false;
      for (let k = lo; k <= hi && !ok; k++)
        ok = sameResult(op.result, answers[k][op.thread - 1][op.opIndex]);
      if (!ok) {
        const allowed = [];
        for (let k = lo; k <= hi; k++)
          allowed.push(`S${k}: ${formatValue(answers[k][op.thread - 1][op.opIndex])}`);
        return `reader ${op.thread} ${op.name} returned ${formatValue(op.result)}; allowed: ${allowed.join(", ")}`;
      }
    }
    return null;
  };
  check.alwaysRight = (thread, opIndex, result) =>
    rightInEveryState(answers, thread, opIndex, result);
  return check;
}
