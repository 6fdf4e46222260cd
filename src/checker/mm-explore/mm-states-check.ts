/**
 * The mm-level judge for writers in one lock order (one writer, or several serialized by a
 * lock). The mm states are the VMA spans before the first writer, between two writers and
 * after the last; writer i's tree stores are lines B(i-1)+1 .. B(i) of the log. A reader that
 * may see tree state t (from the stores ended before its call to those begun before its
 * return) may answer from mm state j when t = B(j), or when t lies strictly inside writer j's
 * stores (state j-1 or j: a writer is atomic at the mm level) or writer j+1's. Any other
 * answer, a VMA of no such state or none where each such state has one, is a violation. With
 * one writer this is mm-check.ts's before-or-after judge.
 */
import type { CheckFn, ExecutionHistory } from "../explorer/index.js";
import type { CheckFailure, ModelCheck } from "../scenario/model-check.js";
import type { MmReader, VmaSpan } from "./compile-mm-scenario.js";
import { answeredId, rightId } from "./mm-check.js";

function idText(id: number | null): string {
  return id === null ? "no VMA" : `VMA ${id}`;
}

/** The name of mm state j of k writers, as a report says it. */
export function stateName(j: number, k: number): string {
  if (j === 0) return k === 1 ? "before the writer" : "before the writers";
  if (j === k) return k === 1 ? "after the writer" : "after the writers";
  return `after writer ${j} of ${k}`;
}

/**
 * The mm states (indices into `states`) a reader seeing tree states lo..hi may answer from,
 * for writers with `lineCounts` tree stores each.
 */
export function allowedStates(lo: number, hi: number, lineCounts: readonly number[]): number[] {
  const bounds = [0];
  for (const n of lineCounts) bounds.push(bounds[bounds.length - 1] + n);
  const k = lineCounts.length;
  const out: number[] = [];
  for (let j = 0; j <= k; j++) {
    const from = j === 0 ? 0 : bounds[j - 1] + 1;
    const to = j === k ? bounds[k] : bounds[j + 1] - 1;
    // Tree states where j is right: B(j) itself and the inside of writer j's and j+1's stores.
    const reach = Math.max(lo, Math.min(from, bounds[j])) <= Math.min(hi, Math.max(to, bounds[j]));
    if (reach) out.push(j);
  }
  return out;
}

export function mmStatesCheck(
  readers: readonly MmReader[],
  states: readonly (readonly VmaSpan[])[],
  lineCounts: readonly number[],
): ModelCheck {
  const k = lineCounts.length;
  if (states.length !== k + 1) throw new Error("one mm state before each writer and after all");
  const failures = new Map<string, CheckFailure>();
  const check = ((history: ExecutionHistory) => {
    const writes = history.ops.filter((op) => op.kind === "write");
    for (const op of history.ops) {
      if (op.kind !== "read") continue;
      const r = readers[op.thread - 1];
      const out = String(op.result);
      const lo = writes.filter((w) => w.ret < op.call).length;
      const hi = writes.filter((w) => w.call <= op.ret).length;
      const allowed = allowedStates(lo, hi, lineCounts);
      const got = answeredId(out);
      if (got !== undefined && allowed.some((j) => rightId(r, states[j]) === got)) continue;
      const want = allowed
        .map((j) => `${idText(rightId(r, states[j]))} ${stateName(j, k)}`)
        .join(", ");
      const message = `${r.name} \`${op.name}\` -> "${out}" matches no state: it names ${got === undefined ? "no VMA id" : idText(got)}; the mm has ${want}`;
      if (!failures.has(message))
        failures.set(message, { thread: op.thread, opIndex: op.opIndex, lo, hi });
      return message;
    }
    return null;
  }) as ModelCheck;
  check.failureOf = (message) => failures.get(message);
  check.alwaysRight = (thread, _opIndex, result) => {
    const r = readers[thread - 1];
    const got = answeredId(String(result));
    return got !== undefined && states.every((s) => rightId(r, s) === got);
  };
  return check satisfies CheckFn;
}
