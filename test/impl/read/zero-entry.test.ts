/**
 * XA_ZERO_ENTRY occupies its range but reads as NULL through mtree_load and mt_find, while
 * the advanced API (mas_walk, mas_find, mas_next) returns it as it is, as in the kernel.
 */
import { expect, it } from "vitest";
import {
  masFind,
  masNext,
  masPrev,
  masWalk,
  mtFind,
  mtreeAllocRange,
  mtreeLoad,
  mtreeStoreRange,
} from "../../../src/impl/api.js";
import { XA_ZERO_ENTRY } from "../../../src/impl/entry.js";
import { MaState } from "../../../src/impl/ma-state.js";
import { MapleTree } from "../../../src/impl/tree.js";
import { ULONG_MAX } from "../../../src/impl/u64.js";

function tree(): MapleTree {
  const t = new MapleTree();
  expect(mtreeStoreRange(t, 10n, 19n, 1n)).toBe(0);
  expect(mtreeStoreRange(t, 20n, 29n, XA_ZERO_ENTRY)).toBe(0);
  expect(mtreeStoreRange(t, 40n, 49n, 2n)).toBe(0);
  return t;
}

it("mtree_load reads it as NULL", () => {
  const t = tree();
  expect(mtreeLoad(t, 25n)).toBeNull();
  expect(mtreeLoad(t, 15n)).toBe(1n);
});

it("mt_find skips it", () => {
  const t = tree();
  expect(mtFind(t, 20n, ULONG_MAX)).toEqual({ entry: 2n, next: 50n });
  expect(mtFind(t, 20n, 30n)).toBeNull();
  expect(mtFind(t, 15n, ULONG_MAX)).toEqual({ entry: 1n, next: 20n });
});

it("mas_walk, mas_find and mas_next return it", () => {
  const t = tree();
  const w = new MaState(t, 25n);
  expect(masWalk(w)).toBe(XA_ZERO_ENTRY);
  expect([w.index, w.last]).toEqual([20n, 29n]);
  const f = new MaState(t, 21n);
  expect(masFind(f, ULONG_MAX)).toBe(XA_ZERO_ENTRY);
  const n = new MaState(t, 15n);
  expect(masNext(n, ULONG_MAX)).toBe(XA_ZERO_ENTRY);
  expect(masNext(n, ULONG_MAX)).toBe(2n);
  expect(masPrev(n, 0n)).toBe(XA_ZERO_ENTRY);
});

it("the alloc API leaves it in place: its range is not free", () => {
  const t = new MapleTree({ flags: 1 });
  expect(mtreeStoreRange(t, 0n, 9n, XA_ZERO_ENTRY)).toBe(0);
  expect(mtreeAllocRange(t, 5n, 0n, 100n, 7n)).toEqual({ ret: 0, start: 10n });
});
