/** Argument rules of the allocation API (mtree_alloc_range / _rrange / _cyclic, mas_empty_area*). */
import { describe, expect, it } from "vitest";
import {
  masEmptyArea,
  masEmptyAreaRev,
  mtreeAllocCyclic,
  mtreeAllocRange,
  mtreeAllocRrange,
  mtreeLoad,
  mtreeStoreRange,
  mtValidate,
} from "../../../src/impl/api.js";
import {
  EBUSY,
  EINVAL,
  MT_FLAGS_ALLOC_RANGE,
  MT_FLAGS_ALLOC_WRAPPED,
} from "../../../src/impl/constants.js";
import { XA_ZERO_ENTRY } from "../../../src/impl/entry.js";
import { MaState } from "../../../src/impl/ma-state.js";
import { MapleTree } from "../../../src/impl/tree.js";
import { ULONG_MAX } from "../../../src/impl/u64.js";

const allocTree = () => new MapleTree({ flags: MT_FLAGS_ALLOC_RANGE });

describe("mtree_alloc_*", () => {
  it("refuse a tree without MT_FLAGS_ALLOC_RANGE", () => {
    const t = new MapleTree();
    expect(mtreeAllocRange(t, 1n, 0n, 10n, 1n)).toEqual({ ret: EINVAL, start: 0n });
    expect(mtreeAllocRrange(t, 1n, 0n, 10n, 1n)).toEqual({ ret: EINVAL, start: 0n });
    expect(mtreeAllocCyclic(t, 1n, 0n, 10n, 4n)).toEqual({ ret: EINVAL, start: 0n, next: 4n });
    expect(t.isEmpty()).toBe(true);
  });

  it("refuse reserved entries", () => {
    const t = allocTree();
    expect(mtreeAllocRange(t, 1n, 0n, 10n, XA_ZERO_ENTRY).ret).toBe(EINVAL);
    expect(mtreeAllocRrange(t, 1n, 0n, 10n, XA_ZERO_ENTRY).ret).toBe(EINVAL);
    expect(mtreeAllocCyclic(t, XA_ZERO_ENTRY, 0n, 10n, 0n).ret).toBe(EINVAL);
    expect(t.isEmpty()).toBe(true);
  });

  it("reject empty sizes and windows too small, and report a full window as busy", () => {
    const t = allocTree();
    expect(mtreeAllocRange(t, 0n, 0n, 10n, 1n).ret).toBe(EINVAL);
    expect(mtreeAllocRange(t, 12n, 0n, 10n, 1n).ret).toBe(EINVAL);
    expect(mtreeAllocRange(t, 1n, 10n, 5n, 1n).ret).toBe(EINVAL);
    expect(mtreeStoreRange(t, 0n, 10n, 9n)).toBe(0);
    expect(mtreeAllocRange(t, 1n, 0n, 10n, 1n).ret).toBe(EBUSY);
    expect(mtreeAllocRrange(t, 1n, 0n, 10n, 1n).ret).toBe(EBUSY);
  });

  it("on an empty tree take the ends of the window", () => {
    const t = allocTree();
    expect(mtreeAllocRrange(t, 5n, 0n, 99n, 1n)).toEqual({ ret: 0, start: 95n });
    expect(mtreeAllocRange(t, 5n, 0n, 99n, 2n)).toEqual({ ret: 0, start: 0n });
    expect(mtreeLoad(t, 95n)).toBe(1n);
    expect(mtreeLoad(t, 4n)).toBe(2n);
    expect(mtValidate(t)).toEqual([]);
  });

  it("cyclic allocation counts up, wraps once, and reports the wrap", () => {
    const t = allocTree();
    let next = ULONG_MAX - 1n;
    let r = mtreeAllocCyclic(t, 1n, 2n, ULONG_MAX, next);
    expect(r).toEqual({ ret: 0, start: ULONG_MAX - 1n, next: ULONG_MAX });
    r = mtreeAllocCyclic(t, 1n, 2n, ULONG_MAX, r.next);
    // The cursor passed ULONG_MAX: it wraps to 0 and the tree remembers it.
    expect(r).toEqual({ ret: 0, start: ULONG_MAX, next: 0n });
    expect(t.flags & MT_FLAGS_ALLOC_WRAPPED).toBe(MT_FLAGS_ALLOC_WRAPPED);
    next = r.next;
    r = mtreeAllocCyclic(t, 1n, 2n, ULONG_MAX, next);
    expect(r).toEqual({ ret: 1, start: 2n, next: 3n });
    expect(t.flags & MT_FLAGS_ALLOC_WRAPPED).toBe(0);
  });
});

describe("mas_empty_area / mas_empty_area_rev", () => {
  it("check their arguments before the tree", () => {
    const m = new MaState(allocTree());
    expect(masEmptyArea(m, 5n, 4n, 1n)).toBe(EINVAL);
    expect(masEmptyArea(m, 0n, 8n, 10n)).toBe(EINVAL);
    expect(masEmptyAreaRev(m, 0n, 8n, 0n)).toBe(EINVAL);
  });

  it("treat index 0 as taken in a tree holding only a root entry", () => {
    const t = allocTree();
    expect(mtreeStoreRange(t, 0n, 0n, 1n)).toBe(0);
    const m = new MaState(t);
    expect(masEmptyArea(m, 0n, 100n, 3n)).toBe(0);
    expect([m.index, m.last]).toEqual([1n, 3n]);
    const r = new MaState(t);
    expect(masEmptyArea(r, 0n, 0n, 1n)).toBe(EBUSY);
  });
});
