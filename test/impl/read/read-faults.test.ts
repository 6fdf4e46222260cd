/**
 * The read-side faults re-create fixed kernel bugs (docs: known-bugs.md #4, #21, #26). Each
 * must change behaviour exactly where the bug lived, and nowhere else. (The next-node and
 * prev-node variants of #4 have no scenario here: in these trees mas_ascend, which keeps its
 * own dead check, or the slot-level re-walk always notices the dead node first.)
 */
import { describe, expect, it } from "vitest";
import {
  masEmptyAreaRev,
  masNext,
  masPrev,
  masWalk,
  mtreeStoreRange,
} from "../../../src/impl/api.js";
import { EBUSY, MT_FLAGS_ALLOC_RANGE, MT_FLAGS_USE_RCU } from "../../../src/impl/constants.js";
import type { MaybeEntry } from "../../../src/impl/entry.js";
import { FAULTS, type Fault } from "../../../src/impl/faults.js";
import { MaState } from "../../../src/impl/ma-state.js";
import type { RcuDomain } from "../../../src/impl/memory.js";
import { NullNodeError } from "../../../src/impl/read/api.js";
import { MapleTree } from "../../../src/impl/tree.js";
import { ULONG_MAX } from "../../../src/impl/u64.js";
import { InterruptingMemory } from "./interrupting-memory.js";

/** check_empty_area_window's tree: [10i, 10i+9] for i in 1..20, then [160, 169] erased. */
function windowTree(faults: Fault[]): MapleTree {
  const t = new MapleTree({ flags: MT_FLAGS_ALLOC_RANGE, faults });
  for (let i = 1n; i <= 20n; i++) expect(mtreeStoreRange(t, i * 10n, i * 10n + 9n, i)).toBe(0);
  expect(mtreeStoreRange(t, 160n, 169n, null)).toBe(0);
  return t;
}
const rgap = (t: MapleTree, min: bigint, max: bigint, size: bigint) => {
  const m = new MaState(t);
  const ret = masEmptyAreaRev(m, min, max, size);
  return ret ? ret : [m.index, m.last];
};

describe("rev-gap-ignores-lower-bound (bug #21)", () => {
  it("without the fault a gap starting below min is refused", () => {
    const t = windowTree([]);
    expect(rgap(t, 5n, 90n, 10n)).toBe(EBUSY);
    expect(rgap(t, 6n, 90n, 5n)).toBe(EBUSY);
    expect(rgap(t, 5n, 90n, 5n)).toEqual([5n, 9n]);
  });
  it("with the fault the search returns space below the window", () => {
    const t = windowTree([FAULTS.revGapIgnoresLowerBound]);
    expect(rgap(t, 5n, 90n, 10n)).toEqual([0n, 9n]);
    // Searches that never reach the lower bound are unaffected.
    expect(rgap(t, 5n, 217n, 9n)).toEqual([161n, 169n]);
  });
});

describe("rev-gap-reads-end-before-empty-check (bug #26, CVE-2024-36891)", () => {
  const fault = [FAULTS.revGapReadsEndBeforeEmptyCheck];
  it("faults on an empty tree and on a root-entry tree", () => {
    expect(rgap(new MapleTree({ faults: [] }), 0n, ULONG_MAX, 10n)).toEqual([
      ULONG_MAX - 9n,
      ULONG_MAX,
    ]);
    expect(() => rgap(new MapleTree({ faults: fault }), 0n, ULONG_MAX, 10n)).toThrow(NullNodeError);
    const root = new MapleTree({ faults: fault });
    expect(mtreeStoreRange(root, 0n, 0n, 1n)).toBe(0);
    expect(() => rgap(root, 0n, 1000n, 10n)).toThrow(NullNodeError);
  });
  it("answers as usual when the tree has nodes", () => {
    const good = windowTree([]);
    const bad = windowTree(fault);
    for (const [a, b, c] of [
      [5n, 217n, 9n],
      [100n, 218n, 3n],
      [0n, ULONG_MAX, 4n],
      [100n, 162n, 4n],
    ] as const) {
      expect(rgap(bad, a, b, c)).toEqual(rgap(good, a, b, c));
    }
  });
});

/** Grace periods that never end while the reader runs: retired nodes stay readable. */
const heldRcu = (): RcuDomain => ({ callRcu() {}, quiesce() {} });

type Reader = (t: MapleTree) => string;
const show = (m: MaState, e: MaybeEntry) =>
  `${e === null ? "null" : String(e)} ${m.index}-${m.last}`;

function populate(t: MapleTree): void {
  for (let i = 1n; i <= 60n; i++) expect(mtreeStoreRange(t, i * 10n, i * 10n + 5n, i)).toBe(0);
}

/** The reader's answer when a spanning store over [250, 420] runs just before its read k. */
function answerWithWriteAt(reader: Reader, k: number, faults: Fault[]): string {
  const mem = new InterruptingMemory();
  const t = new MapleTree({ flags: MT_FLAGS_USE_RCU, memory: mem, faults });
  populate(t);
  t.rcu = heldRcu();
  mem.reads = 0;
  mem.at = k;
  mem.interrupt = () => void mtreeStoreRange(t, 250n, 420n, 777n);
  try {
    return reader(t);
  } catch (e) {
    return `fault: ${String(e)}`;
  }
}

/**
 * For every read of the reader, runs the write just before it, with and without `fault`.
 * Returns the answers of the correct tree that were not the tree's before or after the
 * write (only meaningful for one-call readers), and how often the fault changed the answer.
 */
function compare(reader: Reader, fault: Fault): { outside: number; changed: number } {
  const ref = (w: boolean) => {
    const t = new MapleTree({ flags: MT_FLAGS_USE_RCU });
    populate(t);
    if (w) mtreeStoreRange(t, 250n, 420n, 777n);
    return reader(t);
  };
  const ok = [ref(false), ref(true)];
  const probe = new InterruptingMemory();
  const p = new MapleTree({ flags: MT_FLAGS_USE_RCU, memory: probe });
  populate(p);
  probe.reads = 0;
  reader(p);
  let outside = 0;
  let changed = 0;
  for (let k = 0; k < probe.reads; k++) {
    const good = answerWithWriteAt(reader, k, []);
    if (!ok.includes(good)) outside++;
    if (answerWithWriteAt(reader, k, [fault]) !== good) changed++;
  }
  return { outside, changed };
}

const walkAt =
  (i: bigint): Reader =>
  (t) => {
    const m = new MaState(t, i);
    return show(m, masWalk(m));
  };
/**
 * The first index in [250, 420] whose slot has this offset in its leaf: the write retires
 * that leaf, and retiring a node reuses its pivots 0 and 1 (the rcu_head).
 */
function indexAtOffset(offset: number): bigint {
  const t = new MapleTree({ flags: MT_FLAGS_USE_RCU });
  populate(t);
  for (let i = 250n; i <= 420n; i++) {
    const m = new MaState(t, i);
    masWalk(m);
    if (m.offset === offset) return i;
  }
  throw new Error("no such slot");
}
/** A cursor already in its leaf when the write runs, then one step. */
const stepFrom =
  (i: bigint, dir: "next" | "prev"): Reader =>
  (t) => {
    const m = new MaState(t, i);
    masWalk(m);
    t.mem.read(m.node as never, 0); // one more read, so the write can land between the two calls
    return show(m, dir === "next" ? masNext(m, ULONG_MAX) : masPrev(m, 0n));
  };

describe("skip-dead-check-in-reader-walk (bug #4)", () => {
  it("first-entry: a lookup answers from a dead node", () => {
    const { outside, changed } = compare(walkAt(303n), FAULTS.skipDeadCheckFirstEntry);
    expect(outside).toBe(0);
    expect(changed).toBeGreaterThan(0);
  });
  it.each([
    ["next-entry", FAULTS.skipDeadCheckNextEntry, () => stepFrom(indexAtOffset(0), "next")],
    ["prev-entry", FAULTS.skipDeadCheckNextEntry, () => stepFrom(indexAtOffset(2), "prev")],
  ] as const)("%s: a cursor step answers from a dead node", (_name, fault, reader) => {
    expect(compare(reader(), fault).changed).toBeGreaterThan(0);
  });
});
