/**
 * checkBruteForce: the judge. Straight from the definition, sharing no code with the other
 * checkers: try every order of the operations that respects real-time order (an operation may
 * go next only if no unplaced completed operation responded before its call), run the spec
 * along it, and accept if some order reproduces every completed operation's output. Pending
 * operations may be placed (output unchecked) or left out.
 *
 * The only shortcut: an order is abandoned at its first wrong output, since no extension of a
 * failing prefix can succeed. Exponential; meant for histories of about ten operations.
 */
import type { History } from "./history.js";
import type { SequentialSpec } from "./spec.js";

export interface BruteForceResult {
  linearizable: boolean;
  /** A linearization order (operation indices) when linearizable. */
  witness?: number[];
}

export function checkBruteForce<State, Input, Output>(
  spec: SequentialSpec<State, Input, Output>,
  history: History<Input, Output>,
): BruteForceResult {
  const n = history.length;
  const placed: boolean[] = new Array(n).fill(false);
  const order: number[] = [];

  const mayGoNext = (i: number): boolean =>
    history.every(
      (other, j) => placed[j] || other.ret === undefined || !(other.ret < history[i].call),
    );

  const allCompletedPlaced = (): boolean =>
    history.every((op, j) => placed[j] || op.ret === undefined);

  const search = (state: State): boolean => {
    if (allCompletedPlaced()) return true;
    for (let i = 0; i < n; i++) {
      if (placed[i] || !mayGoNext(i)) continue;
      const op = history[i];
      const { output, state: after } = spec.step(state, op.input);
      if (op.ret !== undefined && !spec.equalOutput(output, op.output as Output)) continue;
      placed[i] = true;
      order.push(i);
      if (search(after)) return true;
      order.pop();
      placed[i] = false;
    }
    return false;
  };

  return search(spec.init) ? { linearizable: true, witness: [...order] } : { linearizable: false };
}
