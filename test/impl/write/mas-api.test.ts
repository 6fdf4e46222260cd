/** The advanced write API on a maple state and the whole-tree argument checks. */
import { describe, expect, it } from "vitest";
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
    expect(tree.load(11n)).toBe(1n);
    expect(tree.load(12n)).toBe(3n);
    expect(tree.load(25n)).toBe(2n);
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
    expect(tree.store(5n, 4n, 1n)).toBe(EINVAL);
    expect(tree.insert(ULONG_MAX, 0n, 1n)).toBe(EINVAL);
    expect(tree.isEmpty()).toBe(true);
    expect(tree.insert(0n, ULONG_MAX, 1n)).toBe(0);
    expect(tree.insert(7n, 7n, 2n)).toBe(EEXIST);
  });

  it("a reserved zero entry occupies its range: inserts over it fail, loads read NULL", () => {
    const tree = new MapleTree({ flags });
    expect(tree.store(10n, 19n, XA_ZERO_ENTRY)).toBe(0);
    expect(tree.insert(15n, 15n, 1n)).toBe(EEXIST);
    expect(tree.insert(5n, 12n, 1n)).toBe(EEXIST);
    expect(tree.insert(20n, 29n, 1n)).toBe(0);
    const mas = new MaState(tree, 10n, 19n);
    masInsert(mas, 2n);
    expect(mas.status).toBe(MaStatus.error);
    expect(mas.error).toBe(EEXIST);
    expect(tree.erase(12n)).toBe(XA_ZERO_ENTRY);
    expect(tree.insert(10n, 19n, 3n)).toBe(0);
    expect(tree.load(15n)).toBe(3n);
  });

  it("mas_erase leaves index and last on the erased range after NULL merging", () => {
    const tree = new MapleTree({ flags });
    for (let k = 1n; k <= 8n; k++) tree.store(10n * k, 10n * k + 4n, k);
    const mas = new MaState(tree, 32n);
    expect(mas.erase()).toBe(3n);
    // [25, 29] NULL, [30, 34] erased, [35, 39] NULL: one NULL range [25, 39].
    expect([mas.index, mas.last]).toEqual([25n, 39n]);
    expect(tree.load(32n)).toBe(null);
    const again = new MaState(tree, 32n);
    expect(again.erase()).toBe(null);
  });

  it("mas_store_gfp from an active state continues in the node it walked to", () => {
    const tree = new MapleTree({ flags });
    for (let k = 1n; k <= 8n; k++) tree.store(10n * k, 10n * k + 4n, k);
    const mas = new MaState(tree, 41n);
    expect(mas.walk()).toBe(4n);
    expect([mas.index, mas.last, mas.status]).toEqual([40n, 44n, MaStatus.active]);
    expect(mas.store(40n + 100n)).toBe(0);
    expect(tree.load(42n)).toBe(140n);
    expect(mas.status).toBe(MaStatus.active);
  });

  it("mtree_destroy empties the tree and keeps the attribute flags", () => {
    const tree = new MapleTree({ flags });
    for (let k = 1n; k <= 40n; k++) tree.store(10n * k, 10n * k + 4n, k);
    expect(tree.height).toBeGreaterThan(1);
    tree.destroy();
    expect(tree.isEmpty()).toBe(true);
    expect(tree.flags).toBe(flags);
  });
});

describe("mt_set_in_rcu / mt_clear_in_rcu", () => {
  it("toggle only the RCU flag", () => {
    const tree = new MapleTree({ flags: MT_FLAGS_ALLOC_RANGE });
    tree.store(1n, 1n, 1n);
    const h = tree.height;
    tree.setInRcu();
    expect(tree.inRcu).toBe(true);
    expect(tree.flags).toBe(MT_FLAGS_ALLOC_RANGE | MT_FLAGS_USE_RCU | (h << 2));
    tree.clearInRcu();
    expect(tree.flags).toBe(MT_FLAGS_ALLOC_RANGE | (h << 2));
  });
});
