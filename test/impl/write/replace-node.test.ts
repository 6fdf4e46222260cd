/**
 * mas_replace_node below the root: a node store in a non-root leaf publishes the new leaf with
 * one store into its parent's slot; the parent itself is not replaced. Gaps of alloc trees
 * follow the change (mas_update_gap).
 */
import { describe, expect, it } from "vitest";
import { mtreeErase, mtreeLoad, mtreeStoreRange } from "../../../src/impl/api.js";
import { MT_FLAGS_ALLOC_RANGE, MT_FLAGS_USE_RCU, StoreType } from "../../../src/impl/constants.js";
import { nodeView } from "../../../src/impl/inspect.js";
import type { PublishSite } from "../../../src/impl/memory.js";
import { type MapleNode, NodeLife, ParentPtr } from "../../../src/impl/node.js";
import { MapleTree } from "../../../src/impl/tree.js";
import { ManualRcu, RecordingMemory } from "./recording.js";

/**
 * 30 ranges [10k, 10k+4] = k: a root over full leaves (see fixtures/gaps). [45, 59] = 7 then
 * swallows three slots of leaf 0: a node store in every mode.
 */
function twoLevels(flags: number) {
  const mem = new RecordingMemory();
  const rcu = new ManualRcu();
  const types: StoreType[] = [];
  const published: Array<{ node: MapleNode; site: PublishSite }> = [];
  const tree = new MapleTree({
    flags,
    memory: mem,
    rcu,
    observer: {
      storeType: (t) => types.push(t),
      published: (node, site) => published.push({ node, site }),
    },
  });
  for (let k = 1n; k <= 30n; k++) mtreeStoreRange(tree, 10n * k, 10n * k + 4n, k);
  rcu.endGracePeriod();
  expect(tree.height).toBe(2);
  mem.clear();
  types.length = 0;
  published.length = 0;
  const root = tree.rootCell.value as MapleNode;
  return { tree, mem, rcu, types, published, root };
}

function leafHolding(root: MapleNode, slot: number): MapleNode {
  return root.words[root.layout.slotBase + slot] as MapleNode;
}

describe.each([MT_FLAGS_USE_RCU, MT_FLAGS_USE_RCU | MT_FLAGS_ALLOC_RANGE])(
  "RCU mode (flags %i)",
  (flags) => {
    it("a node store in a leaf publishes a new leaf into the parent slot, then kills the old one", () => {
      const { tree, mem, rcu, types, published, root } = twoLevels(flags);
      const old = leafHolding(root, 0);
      mtreeStoreRange(tree, 45n, 59n, 7n);
      expect(types).toEqual([StoreType.nodeStore]);
      expect(tree.rootCell.value).toBe(root);
      const fresh = leafHolding(root, 0);
      expect(fresh).not.toBe(old);
      expect(published).toEqual([{ node: fresh, site: { kind: "slot", parent: root, slot: 0 } }]);
      const pub = mem.stores.findIndex((s) => s.target === root.id && s.word === "slot[0]");
      expect(mem.stores.slice(0, pub).every((s) => s.target === fresh.id)).toBe(true);
      expect(mem.stores[pub + 1]).toEqual({ target: old.id, word: "parent", value: old });
      const parentWord = fresh.words[0];
      expect(
        parentWord instanceof ParentPtr && parentWord.node === root && parentWord.slot === 0,
      ).toBe(true);
      expect(old.life).toBe(NodeLife.retired);
      rcu.endGracePeriod();
      expect(old.life).toBe(NodeLife.freed);
      expect(mtreeLoad(tree, 52n)).toBe(7n);
      expect(mtreeLoad(tree, 44n)).toBe(4n);
      expect(mtreeLoad(tree, 60n)).toBe(6n);
    });
  },
);

describe.each([0, MT_FLAGS_ALLOC_RANGE])("without RCU (flags %i)", (flags) => {
  it("a node store in a leaf rewrites it in place; only a gap word of the parent may change", () => {
    const { tree, mem, types, published, root } = twoLevels(flags);
    const leaf = leafHolding(root, 0);
    mtreeStoreRange(tree, 45n, 59n, 7n);
    expect(types).toEqual([StoreType.nodeStore]);
    expect(leafHolding(root, 0)).toBe(leaf);
    expect(published).toEqual([]);
    const outside = mem.stores.filter((s) => s.target !== leaf.id);
    // The gap of [0, 84] stays 10 ([0, 9] is the largest NULL range): no parent store at all.
    expect(outside).toEqual([]);
    expect(mtreeLoad(tree, 52n)).toBe(7n);
  });
});

describe("gap propagation in an alloc tree", () => {
  it("erasing a range widens the NULL gap and raises the parent's gap word and meta.gap", () => {
    const { tree, mem, root } = twoLevels(MT_FLAGS_ALLOC_RANGE);
    const before = nodeView(tree);
    if (before.kind !== "node") throw new Error("expected nodes");
    expect(before.root.gaps?.[0]).toBe(10n);
    // [45, 49] NULL + [50, 54] erased + [55, 59] NULL = a gap of 15 in leaf 0.
    expect(mtreeErase(tree, 52n)).toBe(5n);
    const after = nodeView(tree);
    if (after.kind !== "node") throw new Error("expected nodes");
    expect(after.root.gaps?.[0]).toBe(15n);
    const gapStores = mem.stores.filter((s) => s.target === root.id);
    expect(gapStores.map((s) => s.word)).toContain("gap[0]");
  });
});
