import { describe, expect, it } from "vitest";
import {
  checkLinearizable,
  checkSingle,
  type History,
  mergeWitnesses,
  partitionHistory,
  verifyWitness,
} from "../../../src/checker/linearizability/index.js";
import {
  type RegisterMapInput,
  type RegisterMapOutput,
  registerMapSpec,
} from "../../../src/checker/linearizability/toy/register-map.js";

type Op = History<RegisterMapInput, RegisterMapOutput>[number];
const w = (thread: number, call: number, ret: number, key: number, value: number): Op => ({
  thread,
  call,
  ret,
  input: { kind: "write", key, value },
  output: null,
});
const r = (thread: number, call: number, ret: number, key: number, output: number): Op => ({
  thread,
  call,
  ret,
  input: { kind: "read", key },
  output,
});

describe("partitioning", () => {
  it("splits by key and merges a witness that respects real time across parts", () => {
    const history = [
      w(0, 0, 10, 0, 1),
      w(1, 1, 2, 1, 5),
      r(1, 3, 4, 1, 5),
      r(2, 5, 6, 0, 1),
      r(2, 11, 12, 1, 5),
    ];
    expect(partitionHistory(history, (input) => String(input.key))).toEqual([
      [0, 3],
      [1, 2, 4],
    ]);
    const result = checkLinearizable(registerMapSpec, history);
    expect(result.verdict).toBe("linearizable");
    if (result.verdict !== "linearizable") return;
    expect(result.witness).toHaveLength(5);
    expect(verifyWitness(registerMapSpec, history, result.witness)).toBeUndefined();
  });

  it("reports the failing part with global indices", () => {
    const history = [w(0, 0, 1, 0, 1), w(1, 2, 3, 1, 5), r(2, 4, 5, 1, 0)];
    const result = checkLinearizable(registerMapSpec, history);
    expect(result).toMatchObject({
      verdict: "not-linearizable",
      prefix: [1],
      blocked: 2,
      expected: 5,
    });
    if (result.verdict === "not-linearizable")
      expect(result.message).toContain("(partition 1: 2 operations)");
    expect(checkSingle(registerMapSpec, history).verdict).toBe("not-linearizable");
  });

  it("a part that runs out of budget makes the whole check unknown", () => {
    const history = [
      w(0, 0, 1, 0, 1),
      w(1, 0, 9, 1, 1),
      w(2, 0, 9, 1, 2),
      w(3, 0, 9, 1, 3),
      r(4, 10, 11, 1, 0),
    ];
    expect(checkLinearizable(registerMapSpec, history, { maxSteps: 4 })).toMatchObject({
      verdict: "unknown",
    });
    expect(checkLinearizable(registerMapSpec, history).verdict).toBe("not-linearizable");
  });

  it("mergeWitnesses refuses part orders that contradict real time", () => {
    const history = [w(0, 0, 1, 0, 1), w(1, 2, 3, 1, 5), w(0, 4, 5, 0, 2)];
    expect(mergeWitnesses(history, [[0, 2], [1]])).toEqual([0, 1, 2]);
    expect(() => mergeWitnesses(history, [[2, 0], [1]])).toThrow(/contradict/);
  });
});
