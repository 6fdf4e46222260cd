/**
 * mas_new_root: a [0, max] write replaces the whole tree with one root store; the old tree is
 * freed at once without RCU, and killed then freed after a grace period in RCU mode.
 */
import { describe, expect, it } from "vitest";
import { mtreeStoreRange } from "../../../src/impl/api.js";
import { MT_FLAGS_USE_RCU, StoreType } from "../../../src/impl/constants.js";
import { formatNodes } from "../../../src/impl/inspect.js";
import { type MapleNode, NodeLife, POISON } from "../../../src/impl/node.js";
import { MapleTree } from "../../../src/impl/tree.js";
import { ULONG_MAX } from "../../../src/impl/u64.js";
import { ManualRcu, RecordingMemory } from "./recording.js";

/** Five ranges [10k, 10k+4] = k in a single leaf root, or `count` of them. */
function filled(flags: number, count = 5n) {
  const mem = new RecordingMemory();
  const rcu = new ManualRcu();
  const types: StoreType[] = [];
  const tree = new MapleTree({
    flags,
    memory: mem,
    rcu,
    observer: { storeType: (t) => types.push(t) },
  });
  for (let k = 1n; k <= count; k++) mtreeStoreRange(tree, 10n * k, 10n * k + 4n, k);
  rcu.endGracePeriod();
  mem.clear();
  types.length = 0;
  return { tree, mem, rcu, types, old: tree.rootCell.value as MapleNode };
}

describe("new root", () => {
  it("without RCU: one root store publishes the new leaf and the old leaf is freed at once", () => {
    const { tree, mem, rcu, types, old } = filled(0);
    expect(mtreeStoreRange(tree, 0n, ULONG_MAX, 7n)).toBe(0);
    expect(types).toEqual([StoreType.newRoot]);
    const fresh = tree.rootCell.value as MapleNode;
    expect(fresh).not.toBe(old);
    expect(formatNodes(tree)).toBe(`(leaf 0-${ULONG_MAX} ${ULONG_MAX}:7)`);
    const rootAt = mem.stores.findIndex((s) => s.target === "root");
    expect(mem.stores.slice(0, rootAt).every((s) => s.target === fresh.id)).toBe(true);
    expect(old.life).toBe(NodeLife.freed);
    expect(old.words[old.layout.slotBase]).toBe(POISON);
    expect(rcu.pending).toEqual([]);
    expect(tree.height).toBe(1);
  });

  it("in RCU mode: the old leaf is dead after the root store and freed only after the grace period", () => {
    const { tree, types, rcu, old } = filled(MT_FLAGS_USE_RCU);
    expect(mtreeStoreRange(tree, 0n, ULONG_MAX, 7n)).toBe(0);
    expect(types).toEqual([StoreType.newRoot]);
    expect(old.words[0]).toBe(old);
    expect(old.life).not.toBe(NodeLife.freed);
    rcu.endGracePeriod();
    expect(old.life).toBe(NodeLife.freed);
  });

  it("a NULL [0, max] write of a node tree empties the root and sets height 0", () => {
    const { tree, types } = filled(0);
    expect(mtreeStoreRange(tree, 0n, ULONG_MAX, null)).toBe(0);
    expect(types).toEqual([StoreType.newRoot]);
    expect(tree.isEmpty()).toBe(true);
    expect(tree.height).toBe(0);
    expect(formatNodes(tree)).toBe("empty");
  });

  it("above one level the same write is classified as spanning and still ends as a new root", () => {
    const { tree, types, old } = filled(0, 40n);
    expect(tree.height).toBe(2);
    const leaves = (
      old.words.slice(old.layout.slotBase, old.layout.slotBase + 3) as MapleNode[]
    ).slice();
    expect(mtreeStoreRange(tree, 0n, ULONG_MAX, 7n)).toBe(0);
    expect(types).toEqual([StoreType.spanningStore]);
    expect(formatNodes(tree)).toBe(`(leaf 0-${ULONG_MAX} ${ULONG_MAX}:7)`);
    expect(tree.height).toBe(1);
    for (const n of [old, ...leaves]) expect(n.life).toBe(NodeLife.freed);
  });
});
