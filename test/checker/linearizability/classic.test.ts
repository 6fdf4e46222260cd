/**
 * Hand-written histories with known verdicts, run through all three checkers: the classic
 * register anomalies, touching intervals, pending operations, a queue, and explanations.
 */
import { describe, expect, it } from "vitest";
import {
  checkBruteForce,
  checkLinearizable,
  checkOneWriter,
  type History,
  type Operation,
  verifyWitness,
} from "../../../src/checker/linearizability/index.js";
import {
  type QueueInput,
  type QueueOutput,
  queueSpec,
} from "../../../src/checker/linearizability/toy/queue.js";
import {
  type RegisterInput,
  type RegisterOutput,
  registerSpec,
} from "../../../src/checker/linearizability/toy/register.js";

type RegOp = Operation<RegisterInput, RegisterOutput>;

const w = (thread: number, call: number, ret: number | undefined, value: number): RegOp => ({
  thread,
  call,
  ret,
  input: { kind: "write", value },
  output: ret === undefined ? undefined : null,
});
const r = (thread: number, call: number, ret: number | undefined, output: number): RegOp => ({
  thread,
  call,
  ret,
  input: { kind: "read" },
  output,
});

interface Case {
  name: string;
  history: History<RegisterInput, RegisterOutput>;
  linearizable: boolean;
}

const registerCases: Case[] = [
  {
    name: "sequential write then read",
    history: [w(0, 0, 1, 1), r(1, 2, 3, 1)],
    linearizable: true,
  },
  {
    name: "stale read after the write responded",
    history: [w(0, 0, 1, 1), r(1, 2, 3, 0)],
    linearizable: false,
  },
  {
    name: "read overlapping a write sees old",
    history: [w(0, 0, 3, 1), r(1, 1, 2, 0)],
    linearizable: true,
  },
  {
    name: "read overlapping a write sees new",
    history: [w(0, 0, 3, 1), r(1, 1, 2, 1)],
    linearizable: true,
  },
  {
    name: "read of a value never written",
    history: [w(0, 0, 3, 1), r(1, 1, 2, 2)],
    linearizable: false,
  },
  {
    name: "new-old inversion across readers",
    history: [w(0, 0, 10, 1), r(1, 1, 2, 1), r(2, 3, 4, 0)],
    linearizable: false,
  },
  {
    name: "new-old inversion on one reader thread",
    history: [w(0, 0, 10, 1), r(1, 1, 2, 1), r(1, 3, 4, 0)],
    linearizable: false,
  },
  {
    name: "overlapping readers may disagree",
    history: [w(0, 0, 10, 1), r(1, 1, 5, 1), r(2, 2, 6, 0)],
    linearizable: true,
  },
  {
    name: "concurrent writes, later read sees either (1)",
    history: [w(0, 0, 5, 1), w(1, 0, 5, 2), r(2, 6, 7, 1)],
    linearizable: true,
  },
  {
    name: "concurrent writes, later read sees either (2)",
    history: [w(0, 0, 5, 1), w(1, 0, 5, 2), r(2, 6, 7, 2)],
    linearizable: true,
  },
  {
    name: "concurrent writes, later read sees neither",
    history: [w(0, 0, 5, 1), w(1, 0, 5, 2), r(2, 6, 7, 0)],
    linearizable: false,
  },
  {
    name: "two readers see concurrent writes in opposite orders",
    history: [
      w(0, 0, 10, 1),
      w(1, 0, 10, 2),
      r(2, 1, 2, 1),
      r(2, 3, 4, 2),
      r(3, 1, 2, 2),
      r(3, 3, 4, 1),
    ],
    linearizable: false,
  },
  {
    name: "two readers see concurrent writes in the same order",
    history: [
      w(0, 0, 10, 1),
      w(1, 0, 10, 2),
      r(2, 1, 2, 1),
      r(2, 3, 4, 2),
      r(3, 1, 2, 1),
      r(3, 3, 4, 2),
    ],
    linearizable: true,
  },
  {
    name: "touching intervals overlap (ret == call)",
    history: [w(0, 0, 1, 1), r(1, 1, 2, 0)],
    linearizable: true,
  },
  {
    name: "pending write taken into effect",
    history: [w(0, 0, undefined, 1), r(1, 5, 6, 1)],
    linearizable: true,
  },
  {
    name: "pending write never taking effect",
    history: [w(0, 0, undefined, 1), r(1, 5, 6, 0)],
    linearizable: true,
  },
  {
    name: "pending write seen before its call",
    history: [r(1, 1, 2, 1), w(0, 3, undefined, 1)],
    linearizable: false,
  },
  {
    name: "pending write seen, then unseen",
    history: [w(0, 0, undefined, 1), r(1, 1, 2, 1), r(1, 3, 4, 0)],
    linearizable: false,
  },
  {
    name: "pending read is ignored",
    history: [w(0, 0, 1, 1), r(1, 2, undefined, 7)],
    linearizable: true,
  },
  { name: "empty history", history: [], linearizable: true },
];

describe("classic register histories", () => {
  for (const c of registerCases) {
    it(`${c.name}: ${c.linearizable ? "linearizable" : "not linearizable"}`, () => {
      expect(checkBruteForce(registerSpec, c.history).linearizable).toBe(c.linearizable);
      const general = checkLinearizable(registerSpec, c.history);
      expect(general.verdict).toBe(c.linearizable ? "linearizable" : "not-linearizable");
      if (general.verdict === "linearizable") {
        expect(verifyWitness(registerSpec, c.history, general.witness)).toBeUndefined();
      }
      // Every case with totally ordered writes also goes through the fast path.
      const writes = c.history.filter((op) => op.input.kind === "write");
      const ordered = writes.every((a, i) => i === 0 || (writes[i - 1].ret ?? Infinity) < a.call);
      if (ordered) {
        const fast = checkOneWriter(registerSpec, c.history);
        expect(fast.verdict).toBe(general.verdict);
        if (fast.verdict === "linearizable") {
          expect(verifyWitness(registerSpec, c.history, fast.witness)).toBeUndefined();
        }
      }
    });
  }

  it("the pending write is in the witness only when it took effect", () => {
    const seen = checkLinearizable(registerSpec, [w(0, 0, undefined, 1), r(1, 5, 6, 1)]);
    expect(seen).toEqual({ verdict: "linearizable", witness: [0, 1] });
    const unseen = checkLinearizable(registerSpec, [w(0, 0, undefined, 1), r(1, 5, 6, 0)]);
    expect(unseen).toEqual({ verdict: "linearizable", witness: [1] });
    expect(checkOneWriter(registerSpec, [w(0, 0, undefined, 1), r(1, 5, 6, 0)])).toEqual({
      verdict: "linearizable",
      witness: [1],
    });
    expect(checkOneWriter(registerSpec, [w(0, 0, undefined, 1), r(1, 5, 6, 1)])).toEqual({
      verdict: "linearizable",
      witness: [0, 1],
    });
  });
});

describe("explanations", () => {
  it("names the longest prefix and the operation that cannot follow it", () => {
    const history = [w(0, 0, 1, 1), w(0, 2, 3, 2), r(1, 4, 5, 1)];
    const result = checkLinearizable(registerSpec, history);
    expect(result.verdict).toBe("not-linearizable");
    if (result.verdict !== "not-linearizable") return;
    expect(result.prefix).toEqual([0, 1]);
    expect(result.blocked).toBe(2);
    expect(result.expected).toBe(2);
    expect(result.message).toContain("#2 t1 [4,5] read() -> 1 cannot be placed");
    expect(result.message).toContain("the spec answers 2");
  });

  it("the fast path names the reader, its window and the reader that set its floor", () => {
    const history = [w(0, 0, 1, 1), w(0, 2, 10, 2), r(1, 3, 4, 2), r(2, 5, 6, 1)];
    const result = checkOneWriter(registerSpec, history);
    expect(result.verdict).toBe("not-linearizable");
    if (result.verdict !== "not-linearizable") return;
    expect(result.blocked).toBe(3);
    expect(result.expected).toBe(2);
    expect(result.message).toContain("S1..S2");
    expect(result.message).toContain(
      "#2 t1 [3,4] read() -> 2 responded before it was called and saw S2",
    );
    expect(result.prefix).toEqual([0, 1, 2]);
  });

  it("the fast path reports a write whose output is wrong", () => {
    const history: RegOp[] = [w(0, 0, 1, 1), { ...w(0, 2, 3, 2), output: 5 }];
    const result = checkOneWriter(registerSpec, history);
    expect(result).toMatchObject({
      verdict: "not-linearizable",
      blocked: 1,
      prefix: [0],
      expected: null,
    });
    expect(checkLinearizable(registerSpec, history).verdict).toBe("not-linearizable");
  });

  it("the fast path refuses overlapping writes", () => {
    expect(() => checkOneWriter(registerSpec, [w(0, 0, 5, 1), w(1, 3, 6, 2)])).toThrow(/overlap/);
    expect(() => checkOneWriter({ ...registerSpec, readOnly: undefined }, [])).toThrow(/readOnly/);
  });
});

describe("budget", () => {
  it("gives unknown when maxSteps runs out", () => {
    const history = [w(0, 0, 10, 1), w(1, 0, 10, 2), w(2, 0, 10, 3), r(3, 11, 12, 0)];
    expect(checkLinearizable(registerSpec, history, { maxSteps: 3 })).toMatchObject({
      verdict: "unknown",
    });
    expect(checkLinearizable(registerSpec, history).verdict).toBe("not-linearizable");
  });
});

describe("queue", () => {
  const enq = (
    thread: number,
    call: number,
    ret: number,
    value: number,
  ): Operation<QueueInput, QueueOutput> => ({
    thread,
    call,
    ret,
    input: { kind: "enqueue", value },
    output: null,
  });
  const deq = (
    thread: number,
    call: number,
    ret: number,
    output: number | null,
  ): Operation<QueueInput, QueueOutput> => ({
    thread,
    call,
    ret,
    input: { kind: "dequeue" },
    output,
  });
  const cases: [string, History<QueueInput, QueueOutput>, boolean][] = [
    [
      "concurrent enqueues, dequeued in either order",
      [enq(0, 0, 3, 1), enq(1, 1, 2, 2), deq(2, 4, 5, 2), deq(2, 6, 7, 1)],
      true,
    ],
    ["FIFO order broken", [enq(0, 0, 1, 1), enq(0, 2, 3, 2), deq(1, 4, 5, 2)], false],
    ["same element dequeued twice", [enq(0, 0, 1, 1), deq(1, 2, 5, 1), deq(2, 2, 5, 1)], false],
    [
      "empty dequeue overlapping the enqueue",
      [enq(0, 0, 5, 1), deq(1, 1, 2, null), deq(1, 3, 4, 1)],
      true,
    ],
    ["empty dequeue after the enqueue responded", [enq(0, 0, 1, 1), deq(1, 2, 3, null)], false],
  ];
  for (const [name, history, linearizable] of cases) {
    it(`${name}: ${linearizable ? "linearizable" : "not linearizable"}`, () => {
      expect(checkBruteForce(queueSpec, history).linearizable).toBe(linearizable);
      expect(checkLinearizable(queueSpec, history).verdict).toBe(
        linearizable ? "linearizable" : "not-linearizable",
      );
    });
  }
});
