/**
 * Program order of the word stores of each fast path, and where each store type modifies the
 * live leaf in place versus building a new node (doc §3.5, §3.7).
 */
import { describe, expect, it } from "vitest";
import { mtreeLoad, mtreeStoreRange } from "../../../src/impl/api.js";
import { MT_FLAGS_USE_RCU, StoreType } from "../../../src/impl/constants.js";
import { formatNodes } from "../../../src/impl/inspect.js";
import { MapleNode, NodeLife, POISON, POISON_INDEX } from "../../../src/impl/node.js";
import { MapleTree } from "../../../src/impl/tree.js";
import { ULONG_MAX } from "../../../src/impl/u64.js";
import { setNodeImageCopyOrder } from "../../../src/impl/write/node-image.js";
import { ManualRcu, RecordingMemory } from "./recording.js";

/** B10: ten ranges [10k, 10k+9] = k in one leaf (data end 11). */
function b10(flags: number): {
  tree: MapleTree;
  mem: RecordingMemory;
  rcu: ManualRcu;
  types: StoreType[];
} {
  const mem = new RecordingMemory();
  const rcu = new ManualRcu();
  const types: StoreType[] = [];
  const tree = new MapleTree({
    flags,
    memory: mem,
    rcu,
    observer: { storeType: (t) => types.push(t) },
  });
  for (let k = 1n; k <= 10n; k++) expect(mtreeStoreRange(tree, 10n * k, 10n * k + 9n, k)).toBe(0);
  rcu.endGracePeriod();
  mem.clear();
  types.length = 0;
  return { tree, mem, rcu, types };
}

function rootNode(tree: MapleTree): MapleNode {
  const r = tree.rootCell.value;
  if (!(r instanceof MapleNode)) throw new Error("root is not a node");
  return r;
}

describe.each([0, MT_FLAGS_USE_RCU])("in-place fast paths (flags %i)", (flags) => {
  it("exact fit: one slot store", () => {
    const { tree, mem, types } = b10(flags);
    const leaf = rootNode(tree);
    mtreeStoreRange(tree, 30n, 39n, 33n);
    expect(types).toEqual([StoreType.exactFit]);
    expect(mem.text()).toEqual([`${leaf.id}.slot[3]=33`]);
    expect(rootNode(tree)).toBe(leaf);
  });

  it("slot store case A: the slot, then its pivot", () => {
    const { tree, mem, types } = b10(flags);
    const leaf = rootNode(tree);
    mtreeStoreRange(tree, 60n, 75n, 66n);
    expect(types).toEqual([StoreType.slotStore]);
    expect(mem.text()).toEqual([`${leaf.id}.slot[6]=66`, `${leaf.id}.pivot[6]=75`]);
    expect(rootNode(tree)).toBe(leaf);
  });

  it("slot store case B: the next slot, then the pivot before it", () => {
    const { tree, mem, types } = b10(flags);
    const leaf = rootNode(tree);
    mtreeStoreRange(tree, 85n, 99n, 88n);
    expect(types).toEqual([StoreType.slotStore]);
    expect(mem.text()).toEqual([`${leaf.id}.slot[9]=88`, `${leaf.id}.pivot[8]=84`]);
  });

  it("a NULL write that merges with the NULL range before it is a node store", () => {
    const { tree, types } = b10(flags);
    const leaf = rootNode(tree);
    // [10, 19] joins [0, 9]: two slots become one, so the data end moves.
    mtreeStoreRange(tree, 10n, 19n, null);
    expect(types).toEqual([StoreType.nodeStore]);
    if (tree.inRcu) expect(rootNode(tree)).not.toBe(leaf);
    else expect(rootNode(tree)).toBe(leaf);
    expect(mtreeLoad(tree, 5n)).toBe(null);
    expect(mtreeLoad(tree, 20n)).toBe(2n);
  });
});

describe("slot store case C and append: in place without RCU only", () => {
  it("case C without RCU: slot, then both pivots", () => {
    const { tree, mem, types } = b10(0);
    const leaf = rootNode(tree);
    mtreeStoreRange(tree, 15n, 35n, 77n);
    expect(types).toEqual([StoreType.slotStore]);
    expect(mem.text()).toEqual([
      `${leaf.id}.slot[2]=77`,
      `${leaf.id}.pivot[1]=14`,
      `${leaf.id}.pivot[2]=35`,
    ]);
  });

  it("case C in RCU mode becomes a node store into a new node", () => {
    const { tree, types } = b10(MT_FLAGS_USE_RCU);
    const leaf = rootNode(tree);
    mtreeStoreRange(tree, 15n, 35n, 77n);
    expect(types).toEqual([StoreType.nodeStore]);
    expect(rootNode(tree)).not.toBe(leaf);
  });

  it("append of two ranges without RCU: end pivot and metadata first, the old pivot last", () => {
    const { tree, mem, types } = b10(0);
    const leaf = rootNode(tree);
    mtreeStoreRange(tree, 200n, 300n, 9n);
    expect(types).toEqual([StoreType.append]);
    const n = leaf.id;
    expect(mem.text()).toEqual([
      `${n}.pivot[13]=${ULONG_MAX}`,
      `${n}.meta=end13`,
      `${n}.slot[13]=null`,
      `${n}.pivot[12]=300`,
      `${n}.slot[12]=9`,
      `${n}.pivot[11]=199`,
    ]);
  });

  it("append of the tail of the last range, then of its head", () => {
    const { tree, mem, types } = b10(0);
    const leaf = rootNode(tree);
    const n = leaf.id;
    mtreeStoreRange(tree, 400n, ULONG_MAX, 12n);
    expect(mem.text()).toEqual([
      `${n}.pivot[12]=${ULONG_MAX}`,
      `${n}.meta=end12`,
      `${n}.slot[12]=12`,
      `${n}.pivot[11]=399`,
    ]);
    mem.clear();
    mtreeStoreRange(tree, 400n, 500n, 14n);
    expect(mem.text()).toEqual([
      `${n}.pivot[13]=${ULONG_MAX}`,
      `${n}.meta=end13`,
      `${n}.slot[13]=12`,
      `${n}.pivot[12]=500`,
      `${n}.slot[12]=14`,
    ]);
    expect(types).toEqual([StoreType.append, StoreType.append]);
    expect(rootNode(tree)).toBe(leaf);
  });

  it("append in RCU mode becomes a node store into a new node", () => {
    const { tree, types } = b10(MT_FLAGS_USE_RCU);
    const leaf = rootNode(tree);
    mtreeStoreRange(tree, 200n, 300n, 9n);
    expect(types).toEqual([StoreType.nodeStore]);
    expect(rootNode(tree)).not.toBe(leaf);
  });
});

describe("node store", () => {
  it("without RCU: the image is copied over the live leaf, every word once, in forward order", () => {
    const { tree, mem, types, rcu } = b10(0);
    const leaf = rootNode(tree);
    const allocated: MapleNode[] = [];
    tree.observer.allocated = (node) => allocated.push(node);
    mtreeStoreRange(tree, 12n, 14n, 5n);
    expect(types).toEqual([StoreType.nodeStore]);
    expect(rootNode(tree)).toBe(leaf);
    expect(allocated).toEqual([]);
    expect(rcu.pending).toEqual([]);
    const stores = mem.stores;
    expect(stores.every((s) => s.target === leaf.id)).toBe(true);
    expect(stores.length).toBe(leaf.layout.words);
    // Forward order: parent, pivots, then slots (the metadata overlays the last slot).
    expect(stores[0].word).toBe("parent");
    expect(stores.slice(1, 16).map((s) => s.word)).toEqual(
      Array.from({ length: 15 }, (_, i) => `pivot[${i}]`),
    );
    expect(stores.slice(16, 31).map((s) => s.word)).toEqual(
      Array.from({ length: 15 }, (_, i) => `slot[${i}]`),
    );
    expect(stores[31].word).toBe("meta");
    expect(leaf.life).toBe(NodeLife.live);
  });

  it("without RCU the copy can use another word order and gives the same node", () => {
    const { tree, mem } = b10(0);
    const leaf = rootNode(tree);
    setNodeImageCopyOrder(tree, (n) => Array.from({ length: n }, (_, i) => n - 1 - i));
    mtreeStoreRange(tree, 12n, 14n, 5n);
    expect(mem.stores.map((s) => s.word).slice(0, 2)).toEqual(["meta", "slot[14]"]);
    expect(mem.stores.at(-1)?.word).toBe("parent");
    expect(formatNodes(tree)).toBe(
      `(leaf 0-${ULONG_MAX} 9:null 11:1 14:5 19:1 29:2 39:3 49:4 59:5 69:6 79:7 89:8 99:9 109:10 ${ULONG_MAX}:null)`,
    );
    expect(rootNode(tree)).toBe(leaf);
    setNodeImageCopyOrder(tree, null);
  });

  it("in RCU mode: fill a new node, publish it with one root store, then mark the old one dead", () => {
    const { tree, mem, types, rcu } = b10(MT_FLAGS_USE_RCU);
    const old = rootNode(tree);
    const events: string[] = [];
    tree.observer.published = (node, site) => events.push(`published #${node.id} ${site.kind}`);
    tree.observer.markedDead = (node) => events.push(`dead #${node.id}`);
    tree.observer.retired = (node) => events.push(`retired #${node.id}`);
    tree.observer.freed = (node) => events.push(`freed #${node.id}`);
    mtreeStoreRange(tree, 12n, 14n, 5n);
    expect(types).toEqual([StoreType.nodeStore]);
    const fresh = rootNode(tree);
    expect(fresh).not.toBe(old);
    const rootAt = mem.stores.findIndex((s) => s.target === "root");
    expect(rootAt).toBeGreaterThan(0);
    expect(mem.stores[rootAt].value).toBe(fresh);
    // Before the root store only the new node is written.
    expect(mem.stores.slice(0, rootAt).every((s) => s.target === fresh.id)).toBe(true);
    // Right after it, the old node's parent word points at itself.
    expect(mem.stores[rootAt + 1]).toEqual({ target: old.id, word: "parent", value: old });
    expect(events).toEqual([
      `published #${fresh.id} root`,
      `dead #${old.id}`,
      `retired #${old.id}`,
    ]);
    // Retired, not freed, until the grace period ends.
    expect(old.life).toBe(NodeLife.retired);
    expect(rcu.pending.length).toBe(1);
    rcu.endGracePeriod();
    expect(old.life).toBe(NodeLife.freed);
    expect(events.at(-1)).toBe(`freed #${old.id}`);
    expect(old.words[old.layout.pivotBase]).toBe(POISON_INDEX);
    expect(old.words[old.layout.slotBase]).toBe(POISON);
    expect(fresh.life).toBe(NodeLife.live);
    expect(mtreeLoad(tree, 13n)).toBe(5n);
  });

  it("the node-store-in-place-in-rcu fault rewrites the live leaf even in RCU mode", () => {
    const tree = new MapleTree({ flags: MT_FLAGS_USE_RCU, faults: ["node-store-in-place-in-rcu"] });
    for (let k = 1n; k <= 10n; k++) mtreeStoreRange(tree, 10n * k, 10n * k + 9n, k);
    const leaf = rootNode(tree);
    mtreeStoreRange(tree, 12n, 14n, 5n);
    expect(rootNode(tree)).toBe(leaf);
    expect(mtreeLoad(tree, 13n)).toBe(5n);
  });

  it("the append-in-rcu fault chooses wr_append in RCU mode", () => {
    const types: StoreType[] = [];
    const tree = new MapleTree({
      flags: MT_FLAGS_USE_RCU,
      faults: ["append-in-rcu"],
      observer: { storeType: (t) => types.push(t) },
    });
    for (let k = 1n; k <= 10n; k++) mtreeStoreRange(tree, 10n * k, 10n * k + 9n, k);
    const leaf = rootNode(tree);
    types.length = 0;
    mtreeStoreRange(tree, 200n, 300n, 9n);
    expect(types).toEqual([StoreType.append]);
    expect(rootNode(tree)).toBe(leaf);
  });
});
