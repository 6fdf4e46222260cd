/**
 * The allocation-saving paths of the write side: a reused big node or scratch node must be
 * indistinguishable from a new one, and node words start as a zeroed node's.
 */
import { describe, expect, it } from "vitest";
import { mtreeErase, mtreeLoad, mtreeStoreRange } from "../../../src/impl/api.js";
import { NodeType } from "../../../src/impl/constants.js";
import { formatNodes } from "../../../src/impl/inspect.js";
import { clearWords, MapleNode } from "../../../src/impl/node.js";
import { MapleTree } from "../../../src/impl/tree.js";
import { newBigNode, releaseBigNode } from "../../../src/impl/write/big-node.js";
import { scratchNode } from "../../../src/impl/write/node-image.js";

describe("reused write scratch space", () => {
  it("a big node handed out again is zeroed, with a new big node's type", () => {
    const tree = new MapleTree();
    const fresh = newBigNode(tree);
    const b = newBigNode(tree);
    b.pivot[3] = 42n;
    b.slot[b.slot.length - 1] = "stale";
    b.gap[0] = 7n;
    b.bEnd = 9;
    b.type = NodeType.arange64;
    releaseBigNode(tree, b);
    const again = newBigNode(tree);
    expect(again).toBe(b);
    expect(again.pivot).toEqual(fresh.pivot);
    expect(again.slot).toEqual(fresh.slot);
    expect(again.gap).toEqual(fresh.gap);
    expect(again.bEnd).toBe(0);
    expect(again.type).toBe(fresh.type);
    // Taken and not given back: the next one is new.
    expect(newBigNode(tree)).not.toBe(b);
  });

  it("a scratch node handed out again is zeroed", () => {
    const tree = new MapleTree();
    const like = new MapleNode(tree.layouts[NodeType.leaf64], 1);
    const s = scratchNode(tree, like);
    s.words.fill(5n);
    const again = scratchNode(tree, like);
    expect(again).toBe(s);
    const zeroed = new MapleNode(tree.layouts[NodeType.leaf64], 2);
    expect(again.words).toEqual(zeroed.words);
  });

  it("new node words equal clearWords' zeroing for every layout", () => {
    for (const layout of new MapleTree({ flags: 1 }).layouts) {
      if (layout === null) continue;
      const n = new MapleNode(layout, 1);
      const words = [...n.words];
      n.words.fill(9n);
      clearWords(n);
      expect(n.words).toEqual(words);
      expect(words).toHaveLength(layout.words);
    }
  });

  it("two trees with the same writes end with the same nodes, whatever ran between", () => {
    const write = (tree: MapleTree) => {
      for (let i = 0; i < 400; i++) {
        const k = BigInt((i * 37) % 400);
        mtreeStoreRange(tree, 10n * k, 10n * k + 4n, k + 1n);
      }
      for (let i = 0; i < 400; i += 3) mtreeErase(tree, BigInt(((i * 37) % 400) * 10 + 2));
    };
    const a = new MapleTree();
    write(a);
    // Another tree with its own spare nodes works in between.
    const noise = new MapleTree();
    write(noise);
    const b = new MapleTree();
    write(b);
    expect(formatNodes(b)).toEqual(formatNodes(a));
    for (let i = 0n; i < 4000n; i += 7n) expect(mtreeLoad(b, i)).toBe(mtreeLoad(a, i));
  });
});
