/**
 * Sequential specifications: the model a concurrent history is checked against.
 *
 * A spec is a record of pure functions (Porcupine's `Model`, with a deterministic step):
 *   init          the initial state
 *   step          apply one operation: the output it must return and the next state; must not
 *                 mutate `state` (immer `produce` gives this for free)
 *   equalOutput   does an observed output match the spec's output
 *   key           optional: a string that identifies a state, for memoization. Two states with
 *                 the same key must behave identically. Default: `stableKey(state)`, a canonical
 *                 serialisation of plain data (objects, arrays, Map, Set, bigint).
 *   readOnly      optional: true if the operation never changes the state. Required by the
 *                 one-writer fast path (checkOneWriter) to tell readers from writers.
 *   partition     optional: a key per operation such that the spec is a product of independent
 *                 parts (an operation's output and effect depend only on earlier operations with
 *                 the same key, as with the keys of a map of registers). checkLinearizable then
 *                 checks each part alone (P-compositionality, Horn & Kroening) and merges the
 *                 witnesses. Never give one to the range map: a store spans many indices.
 *   describeInput / describeOutput / describeState: optional, for explanations.
 *
 * `resolveSpec` fills the optional hooks with their defaults in one place.
 */

export interface SequentialSpec<State, Input, Output> {
  init: State;
  step(state: State, input: Input): { output: Output; state: State };
  equalOutput(a: Output, b: Output): boolean;
  key?(state: State): string;
  readOnly?(input: Input): boolean;
  partition?(input: Input): string;
  describeInput?(input: Input): string;
  describeOutput?(output: Output): string;
  describeState?(state: State): string;
}

/** A spec with every optional hook but readOnly and partition filled in. */
export type ResolvedSpec<State, Input, Output> = Required<
  Omit<SequentialSpec<State, Input, Output>, "readOnly" | "partition">
> &
  Pick<SequentialSpec<State, Input, Output>, "readOnly" | "partition">;

export function resolveSpec<State, Input, Output>(
  spec: SequentialSpec<State, Input, Output>,
): ResolvedSpec<State, Input, Output> {
  return {
    init: spec.init,
    step: spec.step.bind(spec),
    equalOutput: spec.equalOutput.bind(spec),
    key: spec.key?.bind(spec) ?? stableKey,
    readOnly: spec.readOnly?.bind(spec),
    partition: spec.partition?.bind(spec),
    describeInput: spec.describeInput?.bind(spec) ?? stableKey,
    describeOutput: spec.describeOutput?.bind(spec) ?? stableKey,
    describeState: spec.describeState?.bind(spec) ?? stableKey,
  };
}

/**
 * Canonical text of plain data: equal data gives equal text whatever the key or insertion
 * order of objects, Maps and Sets. Bigints print with an `n` suffix, undefined as `undefined`.
 */
export function stableKey(value: unknown): string {
  switch (typeof value) {
    case "bigint":
      return `${value}n`;
    case "undefined":
      return "undefined";
    case "string":
      return JSON.stringify(value);
    case "number":
    case "boolean":
      return String(value);
    case "object": {
      if (value === null) return "null";
      if (Array.isArray(value)) return `[${value.map(stableKey).join(",")}]`;
      if (value instanceof Map) {
        const entries = [...value].map(([k, v]) => `${stableKey(k)}=>${stableKey(v)}`);
        return `Map{${entries.sort().join(",")}}`;
      }
      if (value instanceof Set) return `Set{${[...value].map(stableKey).sort().join(",")}}`;
      const keys = Object.keys(value).sort();
      const rec = value as Record<string, unknown>;
      return `{${keys.map((k) => `${JSON.stringify(k)}:${stableKey(rec[k])}`).join(",")}}`;
    }
    default:
      throw new Error(`stableKey: cannot serialise a ${typeof value}; give the spec a key()`);
  }
}
