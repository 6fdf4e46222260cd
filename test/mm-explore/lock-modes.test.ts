import { describe, expect, it } from "vitest";
import { compileMmScenario } from "../../src/checker/mm-explore/compile-mm-scenario.js";
import { runSpec } from "../../src/checker/run/run-spec.js";
import { Spec } from "../../src/checker/spec/schema.js";

/** The seed's scenario (pre-seed flags, no guard gap) with the given readers and lock config. */
function seedSpec(readers: object[], stackExpansionLock = "write") {
  return Spec.parse({
    name: "lock-modes",
    mode: "mm-explore",
    expect: "pass",
    mmExplore: {
      flavour: "pre-seed",
      stackExpansionLock,
      guardPages: 0,
      startBrk: 16,
      prefix: [
        "mmap 0 0x1000-0x2000 rw- fixed anon",
        "mmap 0 0x3000-0x4000 rw- fixed anon",
        "mmap 0 0x6000-0x8000 rw- fixed anon growsdown",
        "mmap 0 0x9000-0xa000 rw- fixed anon",
      ],
      writer: "expand_downwards 0 0x4000",
      readers,
      bounds: { readerSteps: 10000, executions: 200000 },
    },
  });
}

const C_LOCKLESS = { name: "fault-in-C", kind: "lockless", addr: "0x9000" };
const C_LOCKED = { name: "find-C", kind: "locked", addr: "0x9000" };

describe("mm-explore lock modes", () => {
  it("a reader under the mmap read lock is not interleaved inside a write-locked writer", () => {
    const spec = seedSpec([C_LOCKED, C_LOCKLESS]);
    const e = spec.mmExplore;
    if (e === undefined) throw new Error("no block");
    const c = compileMmScenario(spec.name, e);
    expect(c.writeLocked).toBe(true);
    // Only the lockless reader is a thread of the explored scenario.
    expect(c.data.readers.map((r) => r.name)).toEqual(["fault-in-C"]);
    expect(c.exclusive.map((r) => r.name)).toEqual(["find-C"]);
  });

  it("the same lookup of C fails lockless on the pre-seed tree and passes read-locked", () => {
    const lockless = runSpec(seedSpec([C_LOCKLESS]));
    expect(lockless.verdict).toBe("violation");
    expect(lockless.counterexample?.found?.reader).toBe("fault-in-C");
    const locked = runSpec(seedSpec([C_LOCKED]));
    expect(locked.verdict).toBe("pass");
    // Wholly before and wholly after the writer: two orders, no word-level exploration.
    expect(locked.executions).toBe(2);
    expect(locked.exploration).toEqual([]);
  });

  it("pre-6.5 stack expansion holds only the read lock: a find_vma reader runs word by word", () => {
    const spec = seedSpec([C_LOCKED], "pre-6.5-read");
    const e = spec.mmExplore;
    if (e === undefined) throw new Error("no block");
    const c = compileMmScenario(spec.name, e);
    expect(c.writeLocked).toBe(false);
    expect(c.data.readers).toEqual([
      { name: "find-C", kind: "rcu-per-op", lines: ["find 0x9000 max"] },
    ]);
    const out = runSpec(spec);
    expect(out.verdict).toBe("violation");
    expect(out.counterexample?.found?.reader).toBe("find-C");
  });
});
