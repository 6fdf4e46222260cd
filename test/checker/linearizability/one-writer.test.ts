/**
 * The one-writer fast path as the explorer calls it: writes given by commit points or intervals,
 * reads by their schedule positions, on the range-map spec.
 */
import { describe, expect, it } from "vitest";
import {
  checkBruteForce,
  checkLinearizable,
  checkOneWriter,
  oneWriterHistory,
  type ReaderStep,
  verifyWitness,
  WRITER_THREAD,
  type WriterStep,
} from "../../../src/checker/linearizability/index.js";
import {
  type RangeMapInput,
  type RangeMapOutput,
  rangeMapSpec,
} from "../../../src/checker/linearizability/toy/range-map.js";

type Write = WriterStep<RangeMapInput, RangeMapOutput>;
type Read = ReaderStep<RangeMapInput, RangeMapOutput>;

const store = (
  first: bigint,
  last: bigint,
  value: string | null,
  at: { commit: number } | { call: number; ret?: number },
): Write => ({
  input: { kind: "store", first, last, value },
  output: "ret" in at && at.ret === undefined ? undefined : 0,
  ...at,
});
const load = (
  thread: number,
  call: number,
  ret: number | undefined,
  index: bigint,
  output: string | null,
): Read => ({
  thread,
  call,
  ret,
  input: { kind: "load", index },
  output,
});
const walk = (
  thread: number,
  call: number,
  ret: number,
  index: bigint,
  first: bigint,
  last: bigint,
  value: string | null,
): Read => ({
  thread,
  call,
  ret,
  input: { kind: "walk", index },
  output: { first, last, value },
});

/** The fast path's verdict, after checking that the judge and the general check agree with it. */
function verdict(writes: Write[], reads: Read[]): string {
  const history = oneWriterHistory(writes, reads);
  const fast = checkOneWriter(rangeMapSpec, history);
  expect(checkLinearizable(rangeMapSpec, history).verdict).toBe(fast.verdict);
  expect(checkBruteForce(rangeMapSpec, history).linearizable).toBe(fast.verdict === "linearizable");
  if (fast.verdict === "linearizable")
    expect(verifyWitness(rangeMapSpec, history, fast.witness)).toBeUndefined();
  return fast.verdict;
}

describe("oneWriterHistory", () => {
  it("turns commits into zero-length intervals and keeps read positions", () => {
    const h = oneWriterHistory([store(0n, 3n, "a", { commit: 5 })], [load(1, 2, 8, 1n, "a")]);
    expect(h[0]).toMatchObject({ thread: WRITER_THREAD, call: 5, ret: 5, output: 0 });
    expect(h[1]).toMatchObject({ thread: 1, call: 2, ret: 8, output: "a" });
  });
});

describe("commit points", () => {
  const writes = [store(0n, 9n, "a", { commit: 5 }), store(4n, 5n, "b", { commit: 10 })];

  it("a read after a commit must see it", () => {
    expect(verdict(writes, [load(1, 6, 7, 4n, "a")])).toBe("linearizable");
    expect(verdict(writes, [load(1, 6, 7, 4n, null)])).toBe("not-linearizable");
    expect(verdict(writes, [load(1, 11, 12, 4n, "a")])).toBe("not-linearizable");
  });

  it("a read spanning a commit may see either side", () => {
    expect(verdict(writes, [load(1, 4, 6, 4n, null)])).toBe("linearizable");
    expect(verdict(writes, [load(1, 4, 6, 4n, "a")])).toBe("linearizable");
    expect(verdict(writes, [load(1, 4, 11, 4n, "b")])).toBe("linearizable");
  });

  it("walk reports the stored range, split by the second store", () => {
    expect(verdict(writes, [walk(1, 11, 12, 2n, 0n, 3n, "a")])).toBe("linearizable");
    expect(verdict(writes, [walk(1, 11, 12, 2n, 0n, 9n, "a")])).toBe("not-linearizable");
    expect(verdict(writes, [walk(1, 1, 2, 2n, 0n, (1n << 64n) - 1n, null)])).toBe("linearizable");
  });

  it("readers may not go back in time once one saw the new state", () => {
    const reads = [load(1, 4, 7, 4n, "b"), load(2, 8, 12, 5n, "a")];
    expect(
      verdict([store(0n, 9n, "a", { commit: 1 }), store(4n, 5n, "b", { commit: 6 })], reads),
    ).toBe("not-linearizable");
  });
});

describe("intervals", () => {
  it("a write interval lets overlapping readers see either state, later ones only the new", () => {
    const writes = [
      store(0n, 0n, "a", { call: 0, ret: 1 }),
      store(0n, 0n, "b", { call: 2, ret: 9 }),
    ];
    expect(verdict(writes, [load(1, 3, 4, 0n, "b"), load(2, 5, 6, 0n, "a")])).toBe(
      "not-linearizable",
    );
    expect(verdict(writes, [load(1, 3, 4, 0n, "a"), load(2, 5, 6, 0n, "b")])).toBe("linearizable");
    expect(verdict(writes, [load(1, 3, 6, 0n, "b"), load(2, 4, 5, 0n, "a")])).toBe("linearizable");
    expect(verdict(writes, [load(1, 10, 11, 0n, "a")])).toBe("not-linearizable");
  });

  it("a write still in progress may or may not be seen; once seen, always seen", () => {
    const writes = [store(0n, 0n, "a", { call: 0, ret: 1 }), store(0n, 0n, "b", { call: 2 })];
    expect(verdict(writes, [load(1, 3, 4, 0n, "a"), load(2, 5, 6, 0n, "b")])).toBe("linearizable");
    expect(verdict(writes, [load(1, 3, 4, 0n, "b"), load(2, 5, 6, 0n, "a")])).toBe(
      "not-linearizable",
    );
    expect(verdict(writes, [load(1, 3, undefined, 0n, "zzz")])).toBe("linearizable");
  });
});
