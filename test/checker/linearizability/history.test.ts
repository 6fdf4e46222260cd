import { describe, expect, it } from "vitest";
import {
  historyFromEvents,
  historyProblem,
  precedes,
  resolveSpec,
  stableKey,
} from "../../../src/checker/linearizability/index.js";
import { registerSpec } from "../../../src/checker/linearizability/toy/register.js";

describe("historyFromEvents", () => {
  it("pairs returns with their thread's open call; unanswered calls stay pending", () => {
    const ops = historyFromEvents<string, number>([
      { kind: "call", thread: 1, input: "a" },
      { kind: "call", thread: 2, input: "b" },
      { kind: "return", thread: 2, output: 20 },
      { kind: "return", thread: 1, output: 10 },
      { kind: "call", thread: 2, input: "c" },
    ]);
    expect(ops).toEqual([
      { thread: 1, call: 0, ret: 3, input: "a", output: 10 },
      { thread: 2, call: 1, ret: 2, input: "b", output: 20 },
      { thread: 2, call: 4, ret: undefined, input: "c" },
    ]);
    expect(precedes(ops[1], ops[2])).toBe(true);
    expect(precedes(ops[0], ops[1])).toBe(false);
    expect(precedes(ops[2], ops[0])).toBe(false);
  });

  it("rejects a return without a call and a second call on a busy thread", () => {
    expect(() => historyFromEvents([{ kind: "return", thread: 0, output: 1 }])).toThrow(
      /without a call/,
    );
    expect(() =>
      historyFromEvents([
        { kind: "call", thread: 0, input: 1 },
        { kind: "call", thread: 0, input: 2 },
      ]),
    ).toThrow(/open operation/);
  });
});

describe("historyProblem", () => {
  it("accepts a well-formed history and names malformed ones", () => {
    expect(historyProblem([{ thread: 0, call: 0, ret: 1, input: 0, output: 0 }])).toBeUndefined();
    expect(historyProblem([{ thread: 0, call: 2, ret: 1, input: 0, output: 0 }])).toMatch(
      /ret < call/,
    );
    expect(
      historyProblem([
        { thread: 0, call: 0, ret: 5, input: 0, output: 0 },
        { thread: 0, call: 3, ret: 6, input: 0, output: 0 },
      ]),
    ).toMatch(/thread 0: .* overlap/);
  });
});

describe("stableKey", () => {
  it("ignores key and insertion order, and tells bigints from numbers", () => {
    expect(stableKey({ a: 1, b: [2n, null] })).toBe(stableKey({ b: [2n, null], a: 1 }));
    expect(
      stableKey(
        new Map([
          [1, "x"],
          [2, "y"],
        ]),
      ),
    ).toBe(
      stableKey(
        new Map([
          [2, "y"],
          [1, "x"],
        ]),
      ),
    );
    expect(stableKey(new Set([1, 2]))).toBe(stableKey(new Set([2, 1])));
    expect(stableKey(1n)).not.toBe(stableKey(1));
    expect(stableKey("1")).not.toBe(stableKey(1));
    expect(stableKey(undefined)).not.toBe(stableKey(null));
    expect(() => stableKey(() => 0)).toThrow(/key\(\)/);
  });

  it("resolveSpec fills missing hooks with defaults", () => {
    const spec = resolveSpec({
      init: 0,
      step: registerSpec.step,
      equalOutput: registerSpec.equalOutput,
    });
    expect(spec.key(3)).toBe("3");
    expect(spec.describeInput({ kind: "write", value: 2 })).toBe('{"kind":"write","value":2}');
    expect(spec.readOnly).toBeUndefined();
  });
});
