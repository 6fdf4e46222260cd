/** Properties of the reference model that follow from the API's meaning, checked with fast-check. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EEXIST, MT_FLAGS_ALLOC_RANGE } from "../../src/impl/constants.js";
import { type MaybeEntry, XA_ZERO_ENTRY } from "../../src/impl/entry.js";
import { type Index, ULONG_MAX } from "../../src/impl/u64.js";
import * as cursor from "../../src/model/cursor.js";
import * as ops from "../../src/model/ops.js";
import { initialModel, type ModelState, ranges } from "../../src/model/state.js";

const N = 48n; // a small index space (plus ULONG_MAX) so that ranges collide often
const index = fc.oneof(
  fc.bigInt({ min: 0n, max: N }),
  fc.constant(ULONG_MAX),
  fc.constant(ULONG_MAX - 1n),
);
const entry: fc.Arbitrary<MaybeEntry> = fc.oneof(
  fc.integer({ min: 1, max: 5 }).map(BigInt),
  fc.constant(null),
);
const span = fc.tuple(index, index).map(([a, b]) => (a <= b ? [a, b] : [b, a]) as [Index, Index]);
const stores = fc.array(fc.tuple(span, entry), { maxLength: 25 });

function build(list: [[Index, Index], MaybeEntry][], flags = 0): ModelState {
  return list.reduce((s, [[a, b], e]) => ops.store(s, a, b, e).state, initialModel(flags));
}

/** The entry at i, by brute force over the range list. */
function at(s: ModelState, i: Index): MaybeEntry {
  return ranges(s).find((r) => r.first <= i && i <= r.last)?.entry ?? null;
}

const probes = [
  ...Array.from({ length: Number(N) + 2 }, (_, i) => BigInt(i)),
  ULONG_MAX - 1n,
  ULONG_MAX,
];

describe("model properties", () => {
  it("ranges partition [0, ULONG_MAX] and never hold two NULL neighbours", () => {
    fc.assert(
      fc.property(stores, (list) => {
        const rs = ranges(build(list));
        expect(rs[0].first).toBe(0n);
        expect(rs[rs.length - 1].last).toBe(ULONG_MAX);
        for (let i = 1; i < rs.length; i++) {
          expect(rs[i].first).toBe(rs[i - 1].last + 1n);
          expect(rs[i].entry !== null || rs[i - 1].entry !== null).toBe(true);
        }
      }),
    );
  });

  it("a store is read back over its range and changes nothing outside it", () => {
    fc.assert(
      fc.property(stores, span, entry, (list, [a, b], e) => {
        const before = build(list);
        const after = ops.store(before, a, b, e).state;
        for (const i of probes) {
          const want = a <= i && i <= b ? e : ops.load(before, i).result;
          expect(ops.load(after, i).result).toBe(want);
        }
      }),
    );
  });

  it("equal neighbours stay separate ranges", () => {
    const s = build([
      [[10n, 20n], 1n],
      [[21n, 30n], 1n],
    ]);
    expect(ranges(s).filter((r) => r.entry === 1n)).toHaveLength(2);
  });

  it("erase returns the entry and empties its whole range", () => {
    fc.assert(
      fc.property(stores, index, (list, i) => {
        const s = build(list);
        const r = ranges(s).find((x) => x.first <= i && i <= x.last);
        const { result, state } = ops.erase(s, i);
        expect(result).toBe(r?.entry ?? null);
        for (const p of probes) {
          const inside = r !== undefined && r.first <= p && p <= r.last;
          expect(ops.load(state, p).result).toBe(inside ? null : ops.load(s, p).result);
        }
      }),
    );
  });

  it("insert refuses exactly when something occupies the range, else acts as store", () => {
    fc.assert(
      fc.property(stores, span, fc.integer({ min: 1, max: 5 }).map(BigInt), (list, [a, b], e) => {
        const s = build(list);
        const r = ops.insert(s, a, b, e);
        const busy =
          probes.some((p) => a <= p && p <= b && at(s, p) !== null) ||
          ranges(s).some((x) => x.entry !== null && x.first <= b && x.last >= a);
        if (busy) expect([r.result, r.alt?.result]).toContain(EEXIST);
        else expect(ranges(r.state)).toEqual(ranges(ops.store(s, a, b, e).state));
      }),
    );
  });

  it("states are immutable: every earlier state keeps its ranges", () => {
    fc.assert(
      fc.property(stores, (list) => {
        const states = [initialModel(0)];
        const snapshots = [
          JSON.stringify(ranges(states[0]), (_k, v) => (typeof v === "bigint" ? `${v}` : v)),
        ];
        for (const [[a, b], e] of list) {
          const next = ops.store(states[states.length - 1], a, b, e).state;
          if (next.spans.length) expect(Object.isFrozen(next.spans)).toBe(true);
          states.push(next);
          snapshots.push(
            JSON.stringify(ranges(next), (_k, v) => (typeof v === "bigint" ? `${v}` : v)),
          );
        }
        states.forEach((s, i) => {
          expect(JSON.stringify(ranges(s), (_k, v) => (typeof v === "bigint" ? `${v}` : v))).toBe(
            snapshots[i],
          );
        });
      }),
    );
  });

  it("mt_find returns the first entry meeting [index, max], with last + 1 as the next index", () => {
    fc.assert(
      fc.property(stores, index, index, (list, i, max) => {
        const s = build(list);
        const want =
          i > max
            ? undefined
            : ranges(s).find((r) => r.entry !== null && r.last >= i && r.first <= max);
        const got = ops.mtFind(s, i, max).result;
        if (!want) {
          expect(got).toBeNull();
          return;
        }
        expect(got).toMatchObject({ entry: want.entry, first: want.first, last: want.last });
        expect(got?.next).toBe(want.last === ULONG_MAX ? 0n : want.last + 1n);
      }),
    );
  });

  it("mas_find from a fresh cursor iterates exactly the entries, in order (mas_for_each)", () => {
    fc.assert(
      fc.property(stores, (list) => {
        let s = cursor.mset(build(list), 0n).state;
        const seen: string[] = [];
        for (let k = 0; k < 200; k++) {
          const r = cursor.mfind(s, ULONG_MAX);
          if (r.result === null) break;
          s = r.state;
          seen.push(`${s.cursor.index}-${s.cursor.last}=${r.result}`);
        }
        const want = ranges(s)
          .filter((r) => r.entry !== null)
          .map((r) => `${r.first}-${r.last}=${r.entry}`);
        expect(seen).toEqual(want);
      }),
    );
  });

  it("mas_next from a fresh cursor returns the first entry after the range holding index", () => {
    fc.assert(
      fc.property(stores, index, (list, i) => {
        const s = build(list);
        const holder = ranges(s).find((r) => r.first <= i && i <= r.last);
        const want = ranges(s).find((r) => r.entry !== null && holder && r.first > holder.last);
        const got = cursor.mnext(cursor.mset(s, i).state, ULONG_MAX);
        if (s.root === "node") expect(got.result).toBe(want?.entry ?? null);
        else expect(got.result).toBeNull();
      }),
    );
  });

  it("gap searches find the lowest / highest all-NULL window inside [min, max]", () => {
    const small = fc.bigInt({ min: 0n, max: N });
    fc.assert(
      fc.property(stores, small, small, fc.bigInt({ min: 1n, max: 6n }), (list, lo, hi, size) => {
        const s = build(list, MT_FLAGS_ALLOC_RANGE);
        const fits = (x: Index) =>
          x >= lo &&
          x + size - 1n <= hi &&
          probes.slice(Number(x), Number(x + size)).every((p) => at(s, p) === null);
        const starts = probes.filter((p) => p <= N && fits(p));
        const fwd = ops.gapSearch(s, lo, hi, size, false).result;
        const rev = ops.gapSearch(s, lo, hi, size, true).result;
        if (lo > hi || hi - lo < size - 1n) expect([fwd, rev]).toEqual([-22, -22]);
        else if (!starts.length) expect([fwd, rev]).toEqual([-16, -16]);
        else {
          const top = starts[starts.length - 1];
          expect(fwd).toEqual({ index: starts[0], last: starts[0] + size - 1n });
          expect(rev).toEqual({ index: top, last: top + size - 1n });
        }
      }),
    );
  });

  it("XA_ZERO_ENTRY occupies its range but reads as NULL", () => {
    const s = ops.store(
      build([[[10n, 20n], 1n]], MT_FLAGS_ALLOC_RANGE),
      30n,
      39n,
      XA_ZERO_ENTRY,
    ).state;
    expect(ops.load(s, 35n).result).toBeNull();
    expect(cursor.mwalk(cursor.mset(s, 35n).state).result).toBe(XA_ZERO_ENTRY);
    expect(ops.insert(s, 35n, 35n, 2n).result).toBe(EEXIST);
    expect(ops.mtFind(s, 25n, ULONG_MAX).result).toBeNull();
    expect(ops.mtFind(s, 0n, ULONG_MAX).result?.entry).toBe(1n);
    expect(ops.emptyArea(s, 25n, 60n, 12n)).toEqual({ index: 40n, last: 51n });
    expect(ops.emptyArea(s, 25n, 60n, 5n)).toEqual({ index: 25n, last: 29n });
    expect(ops.allocRange(s, 1n, 0n, 100n, XA_ZERO_ENTRY).result).toBe(-22);
    expect(ops.erase(s, 31n).result).toBe(XA_ZERO_ENTRY);
    // Not a root entry: XA_ZERO_ENTRY at [0,0] of an empty tree goes into a leaf.
    expect(ops.store(initialModel(0), 0n, 0n, XA_ZERO_ENTRY).state.root).toBe("node");
  });
});

describe("named cursor API (mas_*)", () => {
  it("walks, moves and stores through the one cursor", async () => {
    const { initialModel: init, mas, ops: o } = await import("../../src/model/index.js");
    let s = o.store(o.store(init(0), 10n, 20n, 1n).state, 30n, 40n, 2n).state;
    s = mas.set(s, 25n).state;
    const next = mas.next(s, ULONG_MAX);
    expect([next.result, next.state.cursor.index, next.state.cursor.last]).toEqual([2n, 30n, 40n]);
    const back = mas.prevRange(next.state, 0n);
    expect([back.result, back.state.cursor.index, back.state.cursor.last]).toEqual([
      null,
      21n,
      29n,
    ]);
    const stored = mas.store(back.state, 7n).state;
    expect(ops.load(stored, 25n).result).toBe(7n);
    const gap = mas.emptyAreaRev(mas.set(stored, 0n).state, 0n, 100n, 5n);
    expect(gap.result).toEqual({ index: 96n, last: 100n });
  });
});

describe("shape-dependent answers", () => {
  it("a map with more ranges than a leaf holds is not one leaf", () => {
    const three = build([
      [[10n, 11n], 1n],
      [[20n, 21n], 2n],
      [[30n, 31n], 3n],
    ]);
    // 7 ranges: may be one kernel leaf (16 slots); no gaps in a higher non-alloc tree.
    const kernel = ops.gapSearch(three, 0n, 100n, 5n, false);
    expect([kernel.result, kernel.alt?.result]).toEqual([{ index: 0n, last: 4n }, -16]);
    // The same map with five-slot leaves (SMALL_GEOMETRY) is higher than one leaf.
    const small = { ...three, leafSlots: 5 };
    expect(ops.gapSearch(small, 0n, 100n, 5n, false)).toEqual({ result: -16, state: small });
    // The insert quirk needs a single leaf.
    expect(ops.insert(three, 0n, ULONG_MAX, 9n).alt?.result).toBe(0);
    expect(ops.insert(small, 0n, ULONG_MAX, 9n).alt).toBeUndefined();
  });
});
