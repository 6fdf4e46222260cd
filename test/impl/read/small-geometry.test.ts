/**
 * The read side on SMALL_GEOMETRY nodes (5 or 4 slots), where trees reach height 3-4 with a few
 * dozen ranges, so node-to-node moves, ascents and gap-search skips happen all the time.
 * The oracle only has the kernel's geometry, so here the judge is a plain list of ranges.
 */
import { describe, expect, it } from "vitest";
import {
  masEmptyArea,
  masEmptyAreaRev,
  masFind,
  masFindRev,
  masNextRange,
  masWalk,
  mtFind,
  mtreeAllocRange,
  mtreeAllocRrange,
  mtreeLoad,
  mtreeStoreRange,
  mtValidate,
} from "../../../src/impl/api.js";
import { MT_FLAGS_ALLOC_RANGE } from "../../../src/impl/constants.js";
import type { MaybeEntry } from "../../../src/impl/entry.js";
import { SMALL_GEOMETRY } from "../../../src/impl/geometry.js";
import { MaState } from "../../../src/impl/ma-state.js";
import { MapleTree } from "../../../src/impl/tree.js";
import { ULONG_MAX } from "../../../src/impl/u64.js";

const SPAN = 400n;

/** The model: the entry at each index of [0, SPAN + 20] (everything above is NULL). */
class Model {
  readonly at: MaybeEntry[] = new Array(Number(SPAN) + 21).fill(null);
  store(a: bigint, b: bigint, e: MaybeEntry): void {
    for (let i = Number(a); i <= Number(b); i++) this.at[i] = e;
  }
  /** The maximal run around i with the same entry (the tree merges NULLs but not entries). */
  get(i: bigint): MaybeEntry {
    return this.at[Number(i)] ?? null;
  }
  /** Lowest [s, s+size-1] inside [min, max] with nothing stored. */
  gap(min: bigint, max: bigint, size: bigint): bigint | null {
    for (let s = min; s + size - 1n <= max; s++) {
      let ok = true;
      for (let i = s; i < s + size; i++) if (this.get(i) !== null) ok = false;
      if (ok) return s;
    }
    return null;
  }
  rgap(min: bigint, max: bigint, size: bigint): bigint | null {
    for (let s = max - size + 1n; s >= min; s--) {
      let ok = true;
      for (let i = s; i < s + size; i++) if (this.get(i) !== null) ok = false;
      if (ok) return s;
    }
    return null;
  }
}

function rng(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % n;
  };
}

/** Distinct entries per store, so that neighbouring ranges never share an entry. */
function build(flags: number, seed: number, n: number): { t: MapleTree; m: Model } {
  const rnd = rng(seed);
  const t = new MapleTree({ flags, geometry: SMALL_GEOMETRY });
  const m = new Model();
  for (let i = 0; i < n; i++) {
    const a = BigInt(rnd(Number(SPAN)));
    const b = a + BigInt(rnd(6));
    const e: MaybeEntry = rnd(6) === 0 ? null : BigInt(1000 + i);
    expect(mtreeStoreRange(t, a, b, e)).toBe(0);
    m.store(a, b, e);
  }
  return { t, m };
}

describe.each([
  ["range", 0],
  ["alloc", MT_FLAGS_ALLOC_RANGE],
])("%s trees of SMALL_GEOMETRY nodes", (_name, flags) => {
  it.each([1, 2, 3, 4, 5, 6])(
    "seed %i: lookups, iteration and gap searches agree with the model",
    (seed) => {
      const { t, m } = build(flags, seed, 25 + seed * 12);
      expect(t.height).toBeGreaterThanOrEqual(3);
      expect(mtValidate(t)).toEqual([]);
      for (let i = 0n; i <= SPAN + 20n; i++) expect(mtreeLoad(t, i)).toBe(m.get(i));

      // Forward iteration with mas_find visits each stored run once, in order.
      const runs: string[] = [];
      for (let i = 0n; i <= SPAN + 20n; i++) {
        const e = m.get(i);
        if (e !== null && (i === 0n || m.get(i - 1n) !== e)) runs.push(`${e}@${i}`);
      }
      const fwd: string[] = [];
      const c = new MaState(t, 0n);
      for (let e = masFind(c, ULONG_MAX); e !== null; e = masFind(c, ULONG_MAX))
        fwd.push(`${e}@${c.index}`);
      expect(fwd).toEqual(runs);
      // And backwards with mas_find_rev.
      const back: string[] = [];
      const r = new MaState(t, ULONG_MAX);
      for (let e = masFindRev(r, 0n); e !== null; e = masFindRev(r, 0n))
        back.push(`${e}@${r.index}`);
      expect(back).toEqual([...runs].reverse());
      // mas_next_range / mas_prev_range step through every range, NULL ones included.
      let steps = 0;
      const nr = new MaState(t, 0n);
      masWalk(nr);
      let prevLast = nr.last;
      while (masNextRange(nr, ULONG_MAX) !== null || nr.isActive()) {
        expect(nr.index).toBe(prevLast + 1n);
        prevLast = nr.last;
        if (++steps > 10_000 || nr.last === ULONG_MAX) break;
      }
      expect(prevLast).toBe(ULONG_MAX);

      // mt_find from every index.
      for (let i = 0n; i <= SPAN + 20n; i += 3n) {
        let j = i;
        while (j <= SPAN + 20n && m.get(j) === null) j++;
        const f = mtFind(t, i, ULONG_MAX);
        if (j > SPAN + 20n) expect(f).toBeNull();
        else {
          let end = j;
          while (m.get(end + 1n) === m.get(j)) end++;
          expect(f).toEqual({ entry: m.get(j), next: end + 1n });
        }
      }

      if (flags & MT_FLAGS_ALLOC_RANGE) {
        const rnd = rng(seed * 7);
        for (let q = 0; q < 200; q++) {
          const min = BigInt(rnd(Number(SPAN)));
          const max = min + BigInt(rnd(Number(SPAN)));
          const size = BigInt(1 + rnd(5));
          const fa = new MaState(t);
          const want = m.gap(min, max, size);
          const ret = masEmptyArea(fa, min, max, size);
          expect(ret === 0 ? fa.index : null).toBe(want);
          const ra = new MaState(t);
          const rwant = m.rgap(min, max, size);
          const rret = masEmptyAreaRev(ra, min, max, size);
          expect(rret === 0 ? ra.index : null).toBe(rwant);
          if (rret === 0) expect(ra.last).toBe(ra.index + size - 1n);
        }
      }
    },
  );

  it("allocations fill the lowest and highest holes", () => {
    if (!(flags & MT_FLAGS_ALLOC_RANGE)) {
      const t = new MapleTree({ geometry: SMALL_GEOMETRY });
      expect(mtreeAllocRange(t, 1n, 0n, 100n, 1n).ret).toBe(-22);
      return;
    }
    const { t, m } = build(flags, 9, 60);
    const rnd = rng(3);
    for (let q = 0; q < 60; q++) {
      const size = BigInt(1 + rnd(4));
      const rev = rnd(2) === 1;
      const want = rev ? m.rgap(0n, SPAN, size) : m.gap(0n, SPAN, size);
      const got = rev
        ? mtreeAllocRrange(t, size, 0n, SPAN, BigInt(5000 + q))
        : mtreeAllocRange(t, size, 0n, SPAN, BigInt(5000 + q));
      if (want === null) expect(got.ret).toBe(-16);
      else {
        expect(got).toEqual({ ret: 0, start: want });
        m.store(want, want + size - 1n, BigInt(5000 + q));
      }
      expect(mtValidate(t)).toEqual([]);
    }
  });
});
