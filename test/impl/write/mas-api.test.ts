/** The advanced write API on a maple state and the whole-tree argument checks. */
import { describe, expect, it } from "vitest";
import {
  masErase,
  masStoreGfp,
  masWalk,
  mtClearInRcu,
  mtreeDestroy,
  mtreeErase,
  mtreeInsertRange,
  mtreeLoad,
  mtreeStoreRange,
  mtSetInRcu,
} from "../../../src/impl/api.js";
import {
  EEXIST,
  EINVAL,
  MaStatus,
  MT_FLAGS_ALLOC_RANGE,
  MT_FLAGS_USE_RCU,
} from "../../../src/impl/constants.js";
import { XA_ZERO_ENTRY } from "../../../src/impl/entry.js";
import { MaState } from "../../../src/impl/ma-state.js";
import { MapleTree } from "../../../src/impl/tree.js";
import { ULONG_MAX } from "../../../src/impl/u64.js";
import { masInsert, masStore } from "../../../src/impl/write/api.js";

const FLAG_SETS = [
  0,
  MT_FLAGS_ALLOC_RANGE,
  MT_FLAGS_USE_RCU,
  MT_FLAGS_ALLOC_RANGE | MT_FLAGS_USE_RCU,
];

describe.each(FLAG_SETS)("write API (flags %i)", (flags) => {
  it("mas_store returns the entry that was at index", () => {
    const tree = new MapleTree({ flags });
    expect(masStore(new MaState(tree, 10n, 19n), 1n)).toBe(null);
    expect(masStore(new MaState(tree, 15n, 25n), 2n)).toBe(1n);
    expect(masStore(new MaState(tree, 12n, 12n), 3n)).toBe(1n);
    expect(masStore(new MaState(tree, 30n, 40n), null)).toBe(null);
    expect(mtreeLoad(tree, 11n)).toBe(1n);
    expect(mtreeLoad(tree, 12n)).toBe(3n);
    expect(mtreeLoad(tree, 25n)).toBe(2n);
  });

  it("mas_store refuses a reversed range with -EINVAL in the state", () => {
    const tree = new MapleTree({ flags });
    const mas = new MaState(tree, 5n, 4n);
    expect(masStore(mas, 1n)).toBe(null);
    expect(mas.status).toBe(MaStatus.error);
    expect(mas.error).toBe(EINVAL);
    expect(tree.isEmpty()).toBe(true);
  });

  it("mtree_store_range and mtree_insert_range check their arguments", () => {
    const tree = new MapleTree({ flags });
    expect(mtreeStoreRange(tree, 5n, 4n, 1n)).toBe(EINVAL);
    expect(mtreeInsertRange(tree, ULONG_MAX, 0n, 1n)).toBe(EINVAL);
    expect(tree.isEmpty()).toBe(true);
    expect(mtreeInsertRange(tree, 0n, ULONG_MAX, 1n)).toBe(0);
    expect(mtreeInsertRange(tree, 7n, 7n, 2n)).toBe(EEXIST);
  });

  it("a reserved zero entry occupies its range: inserts over it fail, loads read NULL", () => {
    const tree = new MapleTree({ flags });
    expect(mtreeStoreRange(tree, 10n, 19n, XA_ZERO_ENTRY)).toBe(0);
    expect(mtreeInsertRange(tree, 15n, 15n, 1n)).toBe(EEXIST);
    expect(mtreeInsertRange(tree, 5n, 12n, 1n)).toBe(EEXIST);
    expect(mtreeInsertRange(tree, 20n, 29n, 1n)).toBe(0);
    const mas = new MaState(tree, 10n, 19n);
    masInsert(mas, 2n);
    expect(mas.status).toBe(MaStatus.error);
    expect(mas.error).toBe(EEXIST);
    expect(mtreeErase(tree, 12n)).toBe(XA_ZERO_ENTRY);
    expect(mtreeInsertRange(tree, 10n, 19n, 3n)).toBe(0);
    expect(mtreeLoad(tree, 15n)).toBe(3n);
  });

  it("mas_erase leaves index and last on the erased range after NULL merging", () => {
    const tree = new MapleTree({ flags });
    for (let k = 1n; k <= 8n; k++) mtreeStoreRange(tree, 10n * k, 10n * k + 4n, k);
    const mas = new MaState(tree, 32n);
    expect(masErase(mas)).toBe(3n);
    // [25, 29] NULL, [30, 34] erased, [35, 39] NULL: one NULL range [25, 39].
    expect([mas.index, mas.last]).toEqual([25n, 39n]);
    expect(mtreeLoad(tree, 32n)).toBe(null);
    const again = new MaState(tree, 32n);
    expect(masErase(again)).toBe(null);
  });

  it("mas_store_gfp from an active state continues in the node it walked to", () => {
    const tree = new MapleTree({ flags });
    for (let k = 1n; k <= 8n; k++) mtreeStoreRange(tree, 10n * k, 10n * k + 4n, k);
    const mas = new MaState(tree, 41n);
    expect(masWalk(mas)).toBe(4n);
    expect([mas.index, mas.last, mas.status]).toEqual([40n, 44n, MaStatus.active]);
    expect(masStoreGfp(mas, 40n + 100n)).toBe(0);
    expect(mtreeLoad(tree, 42n)).toBe(140n);
    expect(mas.status).toBe(MaStatus.active);
  });

  it("mtree_destroy empties the tree and keeps the attribute flags", () => {
    const tree = new MapleTree({ flags });
    for (let k = 1n; k <= 40n; k++) mtreeStoreRange(tree, 10n * k, 10n * k + 4n, k);
    expect(tree.height).toBeGreaterThan(1);
    mtreeDestroy(tree);
    expect(tree.isEmpty()).toBe(true);
    expect(tree.flags).toBe(flags);
  });
});

describe("mt_set_in_rcu / mt_clear_in_rcu", () => {
  it("toggle only the RCU flag", () => {
    const tree = new MapleTree({ flags: MT_FLAGS_ALLOC_RANGE });
    mtreeStoreRange(tree, 1n, 1n, 1n);
    const h = tree.height;
    mtSetInRcu(tree);
    expect(tree.inRcu).toBe(true);
    expect(tree.flags).toBe(MT_FLAGS_ALLOC_RANGE | MT_FLAGS_USE_RCU | (h << 2));
    mtClearInRcu(tree);
    expect(tree.flags).toBe(MT_FLAGS_ALLOC_RANGE | (h << 2));
  });
});
