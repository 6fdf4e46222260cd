/**
 * Readers run lockless: a writer may replace the nodes a reader is in. These tests stop a
 * reader at every one of its node-word reads, run a whole RCU-mode write there, and let the
 * reader continue. Dead nodes must send it back to the root, so its answer is always one the
 * tree gave before or after the write; the replaced nodes are freed only after the reader
 * is done (a grace period), as rcu_read_lock guarantees.
 */
import { describe, expect, it } from "vitest";
import {
  masFindRange,
  masFindRangeRev,
  masNext,
  masPrev,
  masWalk,
  mtFind,
  mtreeErase,
  mtreeLoad,
  mtreeStoreRange,
  mtValidate,
} from "../../../src/impl/api.js";
import { MT_FLAGS_USE_RCU } from "../../../src/impl/constants.js";
import type { MaybeEntry } from "../../../src/impl/entry.js";
import { MaState } from "../../../src/impl/ma-state.js";
import type { RcuDomain } from "../../../src/impl/memory.js";
import { MapleTree } from "../../../src/impl/tree.js";
import { ULONG_MAX } from "../../../src/impl/u64.js";
import { InterruptingMemory } from "./interrupting-memory.js";

/** A grace period ends only when the test says the reader has left its critical section. */
function heldRcu(): RcuDomain & { readerDone(): void } {
  let pending: Array<() => void> = [];
  let readerActive = true;
  return {
    callRcu: (cb) => void pending.push(cb),
    quiesce() {
      if (readerActive) return;
      const run = pending;
      pending = [];
      for (const cb of run) cb();
    },
    readerDone() {
      readerActive = false;
      this.quiesce();
    },
  };
}

type Writer = (t: MapleTree) => void;

/** What a reader saw: an entry and the range it reported for it. */
interface Seen {
  entry: MaybeEntry;
  index: bigint;
  last: bigint;
  /** Overflow or underflow: the state kept its last range, nothing new is reported. */
  ended?: boolean;
}
type Reader = (t: MapleTree) => Seen[];

function populate(t: MapleTree): void {
  for (let i = 1n; i <= 60n; i++) expect(mtreeStoreRange(t, i * 10n, i * 10n + 5n, i)).toBe(0);
}

/** A fresh RCU tree in the state before the write, or after it. */
function reference(writer: Writer | null): MapleTree {
  const t = new MapleTree({ flags: MT_FLAGS_USE_RCU });
  populate(t);
  if (writer) writer(t);
  return t;
}

/**
 * Whether `s` is a range of `t`: walking to it finds s.entry over exactly [index, last]
 * (index -1: only the entry and the end are known).
 */
function isRangeOf(t: MapleTree, s: Seen): boolean {
  const m = new MaState(t, s.last);
  const e = masWalk(m);
  return e === s.entry && (s.index === -1n || m.index === s.index) && m.last === s.last;
}

/**
 * Runs `reader` once for every read it makes, with the whole write run just before that read.
 * Returns what it saw each time; the tree must answer as after the write once it is done.
 */
function interleavings(reader: Reader, writer: Writer): Seen[][] {
  const mem0 = new InterruptingMemory();
  const t0 = new MapleTree({ flags: MT_FLAGS_USE_RCU, memory: mem0 });
  populate(t0);
  mem0.reads = 0;
  reader(t0);
  const reads = mem0.reads;
  const after = reference(writer);
  const out: Seen[][] = [];
  for (let k = 0; k < reads; k++) {
    const mem = new InterruptingMemory();
    const t = new MapleTree({ flags: MT_FLAGS_USE_RCU, memory: mem });
    populate(t);
    const rcu = heldRcu();
    t.rcu = rcu;
    mem.reads = 0;
    mem.at = k;
    mem.interrupt = () => writer(t);
    const got = reader(t);
    expect(mem.fired).toBe(true);
    rcu.readerDone();
    expect(mtValidate(t)).toEqual([]);
    expect(reader(t)).toEqual(reader(after));
    out.push(got);
  }
  return out;
}

// Writers that replace the leaf holding 300..305 (a node store in RCU mode), split it,
// erase from it, or overwrite it and its neighbours (a spanning store).
const WRITERS: Array<[string, Writer]> = [
  ["node store", (t) => void mtreeStoreRange(t, 301n, 302n, 999n)],
  [
    "split",
    (t) => {
      for (let i = 0n; i < 6n; i++) mtreeStoreRange(t, 306n + i, 306n + i, 500n + i);
    },
  ],
  ["erase", (t) => void mtreeErase(t, 300n)],
  ["spanning store", (t) => void mtreeStoreRange(t, 250n, 420n, 777n)],
];

const seenAt = (m: MaState, e: MaybeEntry): Seen => ({
  entry: e,
  index: m.index,
  last: m.last,
  ended: m.isOverflow() || m.isUnderflow(),
});

/** Lookups: one walk from the root, so the answer is the tree's before or after the write. */
const LOOKUPS: Array<[string, Reader]> = [
  ["mtree_load", (t) => [{ entry: mtreeLoad(t, 303n), index: 303n, last: 303n }]],
  [
    "mas_walk",
    (t) => {
      const m = new MaState(t, 303n);
      return [seenAt(m, masWalk(m))];
    },
  ],
];

/** Iterators: each range they report is one of the tree before or after the write. */
const ITERATORS: Array<[string, Reader]> = [
  [
    "mt_find",
    (t) => {
      const r = mtFind(t, 296n, ULONG_MAX);
      return r === null ? [] : [{ entry: r.entry, index: -1n, last: r.next - 1n }];
    },
  ],
  [
    "mas_next",
    (t) => {
      const m = new MaState(t, 290n);
      return [seenAt(m, masNext(m, ULONG_MAX)), seenAt(m, masNext(m, ULONG_MAX))];
    },
  ],
  [
    "mas_prev",
    (t) => {
      const m = new MaState(t, 315n);
      return [seenAt(m, masPrev(m, 0n)), seenAt(m, masPrev(m, 0n))];
    },
  ],
  [
    "mas_find_range",
    (t) => {
      const m = new MaState(t, 296n);
      const out: Seen[] = [];
      for (let i = 0; i < 6; i++) out.push(seenAt(m, masFindRange(m, 330n)));
      return out;
    },
  ],
  [
    "mas_find_range_rev",
    (t) => {
      const m = new MaState(t, 330n);
      const out: Seen[] = [];
      for (let i = 0; i < 6; i++) out.push(seenAt(m, masFindRangeRev(m, 280n)));
      return out;
    },
  ],
];

describe.each(WRITERS)("a reader interrupted by a %s", (_w, writer) => {
  const before = reference(null);
  const after = reference(writer);
  it.each(LOOKUPS)("%s answers as before or after the write", (_r, reader) => {
    const answers = [reader(before), reader(after)];
    for (const got of interleavings(reader, writer)) expect(answers).toContainEqual(got);
  });
  it.each(ITERATORS)(
    "%s reports only ranges of the tree before or after the write",
    (_r, reader) => {
      for (const got of interleavings(reader, writer)) {
        let prev: Seen | null = null;
        for (const s of got) {
          // A NULL that leaves the state where it was (a limit reached) reports no range.
          const stayed =
            s.entry === null && prev !== null && prev.index === s.index && prev.last === s.last;
          prev = s;
          if (s.ended || stayed) continue;
          expect({ s, ok: isRangeOf(before, s) || isRangeOf(after, s) }).toEqual({ s, ok: true });
        }
      }
    },
  );
});

it("an iterator resumes after the slot that now holds its save point (as the kernel does)", () => {
  // mt_find from 296 walks to the NULL range 296-299, then a spanning store writes
  // [250, 420]. The next step finds its leaf dead, re-walks to 299 (now inside [250, 420])
  // and moves on to the slot after it: the new entry is not returned.
  const mem = new InterruptingMemory();
  const t = new MapleTree({ flags: MT_FLAGS_USE_RCU, memory: mem });
  populate(t);
  const probe = new InterruptingMemory();
  const p = new MapleTree({ flags: MT_FLAGS_USE_RCU, memory: probe });
  populate(p);
  const m0 = new MaState(p, 296n);
  probe.reads = 0;
  masWalk(m0);
  const walkReads = probe.reads;
  t.rcu = heldRcu();
  mem.reads = 0;
  mem.at = walkReads;
  mem.interrupt = () => void mtreeStoreRange(t, 250n, 420n, 777n);
  expect(mtFind(t, 296n, ULONG_MAX)).toEqual({ entry: 42n, next: 426n });
  expect(mem.fired).toBe(true);
});

it("a cursor left in a replaced leaf re-walks from where it was", () => {
  const rcu = heldRcu();
  const t = new MapleTree({ flags: MT_FLAGS_USE_RCU, rcu });
  populate(t);
  const m = new MaState(t, 300n);
  expect(masWalk(m)).toBe(30n);
  const leaf = m.node;
  expect(mtreeStoreRange(t, 311n, 312n, 999n)).toBe(0);
  // The cursor's leaf is dead now (still readable: the grace period has not ended).
  expect(t.mem.read(leaf as never, 0)).toBe(leaf);
  // mas_next re-walks to its save point (305) in the new leaf and moves on from there.
  expect(masNext(m, ULONG_MAX)).toBe(31n);
  expect([m.index, m.last]).toEqual([310n, 310n]);
  expect(m.node).not.toBe(leaf);
  expect(masNext(m, ULONG_MAX)).toBe(999n);
  expect([m.index, m.last]).toEqual([311n, 312n]);
  expect(masPrev(m, 0n)).toBe(31n);
  expect([m.index, m.last]).toEqual([310n, 310n]);
  rcu.readerDone();
});
