/** A toy spec: a FIFO queue of integers. enqueue answers null, dequeue the head or null if empty. */
import type { SequentialSpec } from "../spec.js";

export type QueueInput = { kind: "enqueue"; value: number } | { kind: "dequeue" };
export type QueueOutput = number | null;

export const queueSpec: SequentialSpec<readonly number[], QueueInput, QueueOutput> = {
  init: [],
  step(state, input) {
    if (input.kind === "enqueue") return { output: null, state: [...state, input.value] };
    return state.length === 0
      ? { output: null, state }
      : { output: state[0], state: state.slice(1) };
  },
  equalOutput: (a, b) => a === b,
  key: (state) => state.join(","),
  readOnly: () => false,
  describeInput: (input) => (input.kind === "enqueue" ? `enqueue(${input.value})` : "dequeue()"),
  describeOutput: (output) => String(output),
};
