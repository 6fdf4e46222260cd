/**
 * The model check of an explored execution: every reader operation's answer must be the
 * model's answer in some state that existed between its call and its return, with real-time
 * order respected (one writer, read-only readers: the exact fast path checkOneWriter).
 *
 * States are the model after the prefix and after each writer line (S0..Sm). A one-shot line
 * is answered by the model on Sk. A cursor line is answered on Sk from the cursor position the
 * thread's cursor had when the line began, so each cursor step linearizes on its own while
 * the steps of one thread stay in real-time order. Where the kernel's answer depends on the
 * tree's shape the model gives a second answer (alt); either is accepted. A cursor step from
 * an active position is also judged from where a new walk to the cursor's index puts it in Sk:
 * a reader whose node died walks again (mas_rewalk), so either continuation is right.
 *
 * Order "linearizable" (default) also orders readers among themselves in real time; order
 * "per-thread" judges each reader thread alone with the writer. RCU mode promises only the
 * latter: between publishing a new node and marking the old one dead, a reader still in the old
 * node answers the old state after another reader has answered the new one.
 */
import { MaStatus } from "../../impl/constants.js";
import { setCursor } from "../../model/cursor.js";
import { type ProtocolState, runLine as runModelLine } from "../../model/protocol.js";
import type { CheckFn, HistoryOp } from "../explorer/index.js";
import type { Operation } from "../linearizability/history.js";
import { checkOneWriter } from "../linearizability/one-writer.js";
import type { SequentialSpec } from "../linearizability/spec.js";
import { type CursorPosition, positionText, ReaderAnswer, UB_ANSWER } from "./reader-lines.js";
import { readerName, type ScenarioData } from "./scenario-data.js";

type Input =
  | { kind: "write"; index: number; line: string }
  | { kind: "read"; thread: number; line: string; before: CursorPosition | null };

/** Accepted answers (spec side) or the one observed (history side); "*" accepts anything. */
type Output = string | readonly string[] | null;

const ANY = "*";

export interface ModelAnswers {
  /** The answers the model accepts for a reader line in state k, from a cursor position. */
  accepted(k: number, line: string, before: CursorPosition | null): readonly string[];
  /** The model's range map in state k, for explanations. */
  rangesText(k: number): string;
}

export function modelAnswers(states: readonly ProtocolState[]): ModelAnswers {
  const cache = new Map<string, readonly string[]>();
  return {
    accepted(k, line, before) {
      const key = `${k}|${line}|${before === null ? "" : positionText(before)}`;
      let out = cache.get(key);
      if (out === undefined) {
        const list: string[] = [];
        const answer = (ps: ProtocolState): void => {
          for (let o = runModelLine(ps, line); o !== undefined; o = o.alt)
            list.push(o.unknown ? ANY : o.out);
        };
        const ps = states[k];
        if (before === null) answer(ps);
        else {
          answer({ ...ps, model: setCursor(ps.model, before) });
          // A cursor whose node died walks again to its index (mas_rewalk) and goes on from
          // where that walk puts it in this state.
          if (before.status === MaStatus.active) {
            const fresh = { index: before.index, last: before.index, status: MaStatus.start };
            const walked = runModelLine({ ...ps, model: setCursor(ps.model, fresh) }, "mwalk");
            if (walked !== undefined) answer(walked.state);
          }
        }
        out = [...new Set(list)];
        cache.set(key, out);
      }
      return out;
    },
    rangesText(k) {
      return runModelLine(states[k], "dump")?.out ?? "?";
    },
  };
}

function accepts(accepted: readonly string[], out: string): boolean {
  return out === UB_ANSWER || accepted.includes(ANY) || accepted.includes(out);
}

/** The reader operation a failed check blocked on, and the states real time allowed it. */
export interface CheckFailure {
  thread: number;
  opIndex: number;
  lo: number;
  hi: number;
}

/** The check, plus the reader each failure message is about (explore caches messages). */
export type ModelCheck = CheckFn & { failureOf(message: string): CheckFailure | undefined };

export function modelCheck(d: ScenarioData, states: readonly ProtocolState[]): ModelCheck {
  const failures = new Map<string, CheckFailure>();
  const answers = modelAnswers(states);
  const names = d.readers.map(readerName);
  const spec: SequentialSpec<number, Input, Output> = {
    init: 0,
    step(k, input) {
      if (input.kind === "write") return { output: null, state: k + 1 };
      return { output: answers.accepted(k, input.line, input.before), state: k };
    },
    equalOutput(expected, observed) {
      if (expected === null || observed === null) return expected === observed;
      if (typeof observed !== "string") return false;
      return accepts(typeof expected === "string" ? [expected] : expected, observed);
    },
    key: (k) => String(k),
    readOnly: (input) => input.kind === "read",
    describeInput: (input) =>
      input.kind === "write"
        ? `writer \`${input.line}\``
        : `${names[input.thread - 1]} \`${input.line}\`${input.before === null ? "" : ` (cursor at ${positionText(input.before)})`}`,
    describeOutput: (o) =>
      o === null ? "-" : typeof o === "string" ? `"${o}"` : o.map((x) => `"${x}"`).join(" or "),
    describeState: (k) => answers.rangesText(k),
  };
  let current: readonly HistoryOp[] = [];
  const check = ((history) => {
    current = history.ops;
    const ops: Operation<Input, Output>[] = history.ops.map((op) => {
      if (op.kind === "write")
        return {
          thread: 0,
          call: op.call,
          ret: op.ret,
          input: { kind: "write", index: op.opIndex, line: op.name },
          output: null,
        };
      const a = op.result as ReaderAnswer;
      return {
        thread: op.thread,
        call: op.call,
        ret: op.ret,
        input: { kind: "read", thread: op.thread, line: op.name, before: a.before },
        output: a.out,
      };
    });
    if (d.order === "per-thread") {
      // Each reader thread alone with the writer: RCU's promise (old or new, in order per thread).
      for (let t = 1; t <= d.readers.length; t++) {
        const mine = ops
          .map((op, i) => [op, i] as const)
          .filter(([op]) => op.input.kind === "write" || op.thread === t);
        const message = judge(
          mine.map(([op]) => op),
          mine.map(([, i]) => i),
        );
        if (message !== null) return message;
      }
      return null;
    }
    return judge(
      ops,
      ops.map((_, i) => i),
    );
  }) as ModelCheck;
  /** One history; `index` maps its operations back to the execution's. */
  const judge = (ops: Operation<Input, Output>[], index: number[]): string | null => {
    const r = checkOneWriter(spec, ops);
    if (r.verdict === "linearizable") return null;
    if (r.verdict === "unknown") return `linearizability unknown: ${r.reason}`;
    const blocked = current[index[r.blocked]];
    if (blocked !== undefined && blocked.kind === "read" && !failures.has(r.message)) {
      const writes = current.filter((op) => op.kind === "write");
      failures.set(r.message, {
        thread: blocked.thread,
        opIndex: blocked.opIndex,
        lo: writes.filter((w) => w.ret < blocked.call).length,
        hi: writes.filter((w) => w.call <= blocked.ret).length,
      });
    }
    return r.message;
  };
  check.failureOf = (message) => failures.get(message);
  check.alwaysRight = (thread, opIndex, result) => {
    if (!(result instanceof ReaderAnswer)) return false;
    const line = d.readers[thread - 1].lines[opIndex].trim();
    for (let k = 0; k < states.length; k++)
      if (!accepts(answers.accepted(k, line, result.before), result.out)) return false;
    return true;
  };
  return check;
}
