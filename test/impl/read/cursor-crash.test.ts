/**
 * The 6.12 cursor crashes (oracle README, "Cursor crashes in 6.12"): an iterator that set
 * overflow/underflow before walking leaves mas->node NULL, and a later call that restores the
 * status to active dereferences it. Our cursor fails the same way, by throwing; the sequences
 * that do not crash in the kernel must keep working. Expected lines are the oracle's (without
 * --guard) on: init 0, store 5 8 1, store 30 40 2, mset 10, then the two calls.
 */
import { describe, expect, it } from "vitest";
import {
  masFindRange,
  masFindRangeRev,
  masFindRev,
  masNext,
  masPrev,
  mtreeStoreRange,
} from "../../../src/impl/api.js";
import { MA_STATUS_NAMES } from "../../../src/impl/constants.js";
import type { MaybeEntry } from "../../../src/impl/entry.js";
import { MaState } from "../../../src/impl/ma-state.js";
import { NullNodeError } from "../../../src/impl/read/api.js";
import { MapleTree } from "../../../src/impl/tree.js";
import { ULONG_MAX } from "../../../src/impl/u64.js";

type Call = (m: MaState) => MaybeEntry;
const CALLS: Record<string, Call> = {
  "mnext 5": (m) => masNext(m, 5n),
  "mnext 100": (m) => masNext(m, 100n),
  "mnext max": (m) => masNext(m, ULONG_MAX),
  "mprev 0": (m) => masPrev(m, 0n),
  "mprev 5": (m) => masPrev(m, 5n),
  "mprev 20": (m) => masPrev(m, 20n),
  "mfindr 0": (m) => masFindRev(m, 0n),
  "mfindrange 100": (m) => masFindRange(m, 100n),
  "mfindrangerev 5": (m) => masFindRangeRev(m, 5n),
};

function cursor(): MaState {
  const t = new MapleTree();
  expect(mtreeStoreRange(t, 5n, 8n, 1n)).toBe(0);
  expect(mtreeStoreRange(t, 30n, 40n, 2n)).toBe(0);
  const m = new MaState(t);
  m.set(10n);
  return m;
}
const line = (m: MaState, e: MaybeEntry) =>
  `${e === null ? "null" : String(e)} ${m.index} ${m.last} ${MA_STATUS_NAMES[m.status]}`;

describe("cursor sequences that crash 6.12 throw", () => {
  it.each([
    ["mnext 5", "mfindr 0", "null 10 10 overflow"],
    ["mnext 5", "mnext 100", "null 10 10 overflow"],
    ["mprev 20", "mprev 5", "null 10 10 underflow"],
    ["mprev 20", "mfindrangerev 5", "null 10 10 underflow"],
  ])("%s then %s", (first, second, firstLine) => {
    const m = cursor();
    expect(line(m, (CALLS[first] as Call)(m))).toBe(firstLine);
    expect(m.node).toBeNull();
    expect(() => (CALLS[second] as Call)(m)).toThrow(NullNodeError);
  });
});

describe("neighbouring sequences that do not crash", () => {
  it.each([
    ["mnext 5", "mprev 0", "1 5 8 active"],
    ["mprev 20", "mnext max", "2 30 40 active"],
    ["mnext 5", "mfindrange 100", "2 30 40 active"],
  ])("%s then %s", (first, second, secondLine) => {
    const m = cursor();
    (CALLS[first] as Call)(m);
    expect(line(m, (CALLS[second] as Call)(m))).toBe(secondLine);
  });
});
