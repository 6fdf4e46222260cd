/**
 * The mm-level judge of an explored execution. A reader's tree answer names a VMA id (or
 * null); in each mm state it may see, the right answer is the VMA covering its address
 * (lock_vma_under_rcu: the walk, then the VMA's own range check) or, for find_vma, the first
 * VMA ending above it. The mm states are the address space before the writer (tree state S0)
 * and after it (Sm); a reader overlapping any of the writer's tree stores may see either. A
 * reader answered before the writer's first store began must give the before answer, one
 * called after its last store the after answer. Anything else (a wrong VMA, or none where a
 * VMA covers the address in every state it may see) is a violation.
 */
import type { CheckFn, ExecutionHistory } from "../explorer/index.js";
import type { CheckFailure, ModelCheck } from "../scenario/model-check.js";
import type { MmReader, VmaSpan } from "./compile-mm-scenario.js";

/** The id the right answer names in a state, or null. */
export function rightId(r: MmReader, state: readonly VmaSpan[]): number | null {
  const v =
    r.kind === "lockless"
      ? state.find((s) => s.start <= r.page && r.page < s.end)
      : state.find((s) => s.end > r.page);
  return v?.id ?? null;
}

/** The VMA id (or null) at the head of a walk or find answer: "3 20480 32767", "null ...". */
export function answeredId(out: string): number | null | undefined {
  const head = out.split(" ")[0];
  if (head === "null") return null;
  return /^\d+$/.test(head) ? Number(head) : undefined;
}

function idText(id: number | null): string {
  return id === null ? "no VMA" : `VMA ${id}`;
}

export function mmCheck(
  readers: readonly MmReader[],
  before: readonly VmaSpan[],
  after: readonly VmaSpan[],
): ModelCheck {
  const failures = new Map<string, CheckFailure>();
  const check = ((history: ExecutionHistory) => {
    const writes = history.ops.filter((op) => op.kind === "write");
    const m = writes.length;
    for (const op of history.ops) {
      if (op.kind !== "read") continue;
      const r = readers[op.thread - 1];
      const out = String(op.result);
      const lo = writes.filter((w) => w.ret < op.call).length;
      const hi = writes.filter((w) => w.call <= op.ret).length;
      const states: { name: string; spans: readonly VmaSpan[] }[] = [];
      if (lo < m) states.push({ name: "before the writer", spans: before });
      if (hi > 0) states.push({ name: "after the writer", spans: after });
      const got = answeredId(out);
      if (got !== undefined && states.some((s) => rightId(r, s.spans) === got)) continue;
      const want = states.map((s) => `${idText(rightId(r, s.spans))} ${s.name}`).join(", ");
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
    return got !== undefined && rightId(r, before) === got && rightId(r, after) === got;
  };
  return check satisfies CheckFn;
}
