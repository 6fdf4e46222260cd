/**
 * A toy spec shaped like the maple tree's API: a map from ranges of bigint indices
 * [0, ULONG_MAX] to values, kept as an immer-frozen sorted list of non-empty ranges.
 *   store(first, last, value)  overwrite [first, last] (value null erases); answers 0
 *   load(index)                the value at index, or null
 *   walk(index)                the range holding index and its value, as mas_walk sets
 *                              index/last: stored ranges stay as stored (equal neighbours are
 *                              not merged), an empty gap is reported whole.
 */
import { produce } from "immer";
import { ULONG_MAX } from "../../../impl/u64.js";
import type { SequentialSpec } from "../spec.js";

export interface StoredRange {
  first: bigint;
  last: bigint;
  value: string;
}

export type RangeMapState = readonly StoredRange[];

export type RangeMapInput =
  | { kind: "store"; first: bigint; last: bigint; value: string | null }
  | { kind: "load"; index: bigint }
  | { kind: "walk"; index: bigint };

export type RangeMapOutput =
  | 0
  | string
  | null
  | { first: bigint; last: bigint; value: string | null };

function store(
  state: RangeMapState,
  first: bigint,
  last: bigint,
  value: string | null,
): RangeMapState {
  return produce(state, (draft) => {
    const kept: StoredRange[] = [];
    for (const r of draft) {
      if (r.last < first || r.first > last) kept.push({ ...r });
      else {
        if (r.first < first) kept.push({ first: r.first, last: first - 1n, value: r.value });
        if (r.last > last) kept.push({ first: last + 1n, last: r.last, value: r.value });
      }
    }
    if (value !== null) kept.push({ first, last, value });
    kept.sort((a, b) => (a.first < b.first ? -1 : 1));
    draft.splice(0, draft.length, ...kept);
  });
}

function walk(
  state: RangeMapState,
  index: bigint,
): { first: bigint; last: bigint; value: string | null } {
  let gapFirst = 0n;
  for (const r of state) {
    if (index < r.first) return { first: gapFirst, last: r.first - 1n, value: null };
    if (index <= r.last) return { first: r.first, last: r.last, value: r.value };
    gapFirst = r.last + 1n;
  }
  return { first: gapFirst, last: ULONG_MAX, value: null };
}

export const rangeMapSpec: SequentialSpec<RangeMapState, RangeMapInput, RangeMapOutput> = {
  init: produce([] as StoredRange[], () => {}),
  step(state, input) {
    switch (input.kind) {
      case "store":
        return { output: 0, state: store(state, input.first, input.last, input.value) };
      case "load":
        return { output: walk(state, input.index).value, state };
      case "walk":
        return { output: walk(state, input.index), state };
      default: {
        const never: never = input;
        throw new Error(`unknown input ${String(never)}`);
      }
    }
  },
  equalOutput: (a, b) =>
    a === b ||
    (typeof a === "object" &&
      a !== null &&
      typeof b === "object" &&
      b !== null &&
      a.first === b.first &&
      a.last === b.last &&
      a.value === b.value),
  readOnly: (input) => input.kind !== "store",
  describeInput(input) {
    if (input.kind === "store") return `store[${input.first},${input.last}]=${input.value}`;
    return `${input.kind}(${input.index})`;
  },
  describeOutput(output) {
    if (typeof output === "object" && output !== null)
      return `[${output.first},${output.last}]=${output.value}`;
    return String(output);
  },
  describeState: (state) =>
    state.map((r) => `[${r.first},${r.last}]=${r.value}`).join(" ") || "empty",
};
