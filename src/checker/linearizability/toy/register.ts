/** A toy spec: one integer register, initially 0. Writes answer null, reads the value. */
import type { SequentialSpec } from "../spec.js";

export type RegisterInput = { kind: "write"; value: number } | { kind: "read" };
export type RegisterOutput = number | null;

export const registerSpec: SequentialSpec<number, RegisterInput, RegisterOutput> = {
  init: 0,
  step(state, input) {
    return input.kind === "write" ? { output: null, state: input.value } : { output: state, state };
  },
  equalOutput: (a, b) => a === b,
  key: (state) => String(state),
  readOnly: (input) => input.kind === "read",
  describeInput: (input) => (input.kind === "write" ? `write(${input.value})` : "read()"),
  describeOutput: (output) => String(output),
};
