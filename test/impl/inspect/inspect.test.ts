/** The oracle's `nodes` line and the structured snapshot. */
import { describe, expect, it } from "vitest";
import { mtreeStoreRange } from "../../../src/impl/api.js";
import { MT_FLAGS_ALLOC_RANGE } from "../../../src/impl/constants.js";
import { XA_ZERO_ENTRY } from "../../../src/impl/entry.js";
import { formatNodes, nodeView } from "../../../src/impl/inspect.js";
import { type MapleNode, NodeLife } from "../../../src/impl/node.js";
import { MapleTree } from "../../../src/impl/tree.js";
import { ULONG_MAX } from "../../../src/impl/u64.js";

describe("formatNodes", () => {
  it("prints the three root forms as the oracle does", () => {
    const tree = new MapleTree();
    expect(formatNodes(tree)).toBe("empty");
    mtreeStoreRange(tree, 0n, 0n, 7n);
    expect(formatNodes(tree)).toBe("entry:7");
    mtreeStoreRange(tree, 5n, 9n, 8n);
    expect(formatNodes(tree)).toBe(`(leaf 0-${ULONG_MAX} 0:7 4:null 9:8 ${ULONG_MAX}:null)`);
  });

  it("uses the caller's formatter for entries and prints XA_ZERO_ENTRY as zero", () => {
    const tree = new MapleTree();
    mtreeStoreRange(tree, 0n, 0n, { name: "a" });
    expect(formatNodes(tree, (e) => (e as { name: string }).name)).toBe("entry:a");
    mtreeStoreRange(tree, 3n, 4n, XA_ZERO_ENTRY);
    mtreeStoreRange(tree, 5n, ULONG_MAX, { name: "b" });
    expect(formatNodes(tree, (e) => (e as { name: string }).name)).toBe(
      `(leaf 0-${ULONG_MAX} 0:a 2:null 4:zero ${ULONG_MAX}:b)`,
    );
  });

  it("prints the implied max as the pivot of the last slot of a full leaf", () => {
    const tree = new MapleTree();
    for (let k = 1n; k <= 14n; k++) mtreeStoreRange(tree, k, k, k);
    mtreeStoreRange(tree, 15n, ULONG_MAX, 15n);
    // Slots 0..15: [0]=null, [1]..[14], then [15, max] = 15 with its bound implied.
    const text = formatNodes(tree);
    expect(text.startsWith(`(leaf 0-${ULONG_MAX} 0:null 1:1 2:2`)).toBe(true);
    expect(text.endsWith(` 14:14 ${ULONG_MAX}:15)`)).toBe(true);
  });
});

describe("nodeView", () => {
  it("describes a leaf root with its ranges, end and lifetime", () => {
    const tree = new MapleTree({ flags: MT_FLAGS_ALLOC_RANGE });
    expect(nodeView(tree)).toEqual({ kind: "empty" });
    mtreeStoreRange(tree, 0n, 0n, 1n);
    expect(nodeView(tree)).toEqual({ kind: "entry", entry: 1n });
    mtreeStoreRange(tree, 10n, 19n, 2n);
    const view = nodeView(tree);
    if (view.kind !== "node") throw new Error("expected a node");
    expect(view.height).toBe(1);
    const root = view.root;
    expect(root.type).toBe("leaf");
    expect([root.min, root.max, root.end]).toEqual([0n, ULONG_MAX, 3]);
    expect(root.pivots).toEqual([0n, 9n, 19n, ULONG_MAX]);
    expect(root.slots).toEqual([1n, null, 2n, null]);
    expect(root.children).toBeUndefined();
    expect(root.gaps).toBeUndefined();
    expect(root.life).toBe(NodeLife.live);
    expect(root.dead).toBe(false);
    expect(root.id).toBe((tree.rootCell.value as MapleNode).id);
  });
});
