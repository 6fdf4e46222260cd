/**
 * verifyWitness: checks a claimed linearization independently of how it was found. A witness
 * is valid if it lists each completed operation once (pending ones at most once), never puts an
 * operation before one that responded before its call, and running the spec along it gives
 * every completed operation its observed output. Returns a problem, or undefined if valid.
 */
import { type History, precedes } from "./history.js";
import { resolveSpec, type SequentialSpec } from "./spec.js";

export function verifyWitness<State, Input, Output>(
  specIn: SequentialSpec<State, Input, Output>,
  history: History<Input, Output>,
  witness: readonly number[],
): string | undefined {
  const spec = resolveSpec(specIn);
  const seen = new Set<number>();
  for (const i of witness) {
    if (!Number.isInteger(i) || i < 0 || i >= history.length) return `index ${i} out of range`;
    if (seen.has(i)) return `operation ${i} listed twice`;
    seen.add(i);
  }
  for (const [i, op] of history.entries()) {
    if (op.ret !== undefined && !seen.has(i)) return `completed operation ${i} missing`;
  }
  for (let a = 0; a < witness.length; a++) {
    for (let b = a + 1; b < witness.length; b++) {
      if (precedes(history[witness[b]], history[witness[a]])) {
        return `operation ${witness[b]} responded before ${witness[a]} was called but is placed after it`;
      }
    }
  }
  let state = spec.init;
  for (const i of witness) {
    const op = history[i];
    const next = spec.step(state, op.input);
    if (op.ret !== undefined && !spec.equalOutput(next.output, op.output as Output)) {
      return `operation ${i} returned ${spec.describeOutput(op.output as Output)} but the spec answers ${spec.describeOutput(next.output)} at its place`;
    }
    state = next.state;
  }
  return undefined;
}
