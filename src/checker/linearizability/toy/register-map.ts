/**
 * A toy spec: three independent integer registers (keys 0..2), initially 0, partitioned by key.
 * The state is an immer-frozen array; writes answer null, reads the register's value.
 */
import { produce } from "immer";
import type { SequentialSpec } from "../spec.js";

export type RegisterMapInput =
  | { kind: "write"; key: number; value: number }
  | { kind: "read"; key: number };
export type RegisterMapOutput = number | null;

export const registerMapSpec: SequentialSpec<
  readonly number[],
  RegisterMapInput,
  RegisterMapOutput
> = {
  init: produce([0, 0, 0], () => {}),
  step(state, input) {
    if (input.kind === "read") return { output: state[input.key], state };
    return {
      output: null,
      state: produce(state, (draft) => {
        draft[input.key] = input.value;
      }),
    };
  },
  equalOutput: (a, b) => a === b,
  readOnly: (input) => input.kind === "read",
  partition: (input) => String(input.key),
  describeInput: (input) =>
    input.kind === "write" ? `write(${input.key}, ${input.value})` : `read(${input.key})`,
  describeOutput: (output) => String(output),
};
