/**
 * The split arithmetic of the big node (mab_calc_split, mab_no_null_split), checked on hand-made
 * big nodes against the kernel's formulas: halves, moving off a NULL, the three-way split.
 */
import { describe, expect, it } from "vitest";
import { NodeType } from "../../../src/impl/constants.js";
import type { Geometry } from "../../../src/impl/geometry.js";
import { MaState } from "../../../src/impl/ma-state.js";
import { MapleTree } from "../../../src/impl/tree.js";
import { newBigNode } from "../../../src/impl/write/big-node.js";
import { mabCalcSplit } from "../../../src/impl/write/big-node-split.js";

/** A leaf big node with count entries; the listed indices hold NULL. */
function leafBig(tree: MapleTree, count: number, nulls: number[]) {
  const b = newBigNode(tree);
  b.type = NodeType.leaf64;
  for (let i = 0; i < count; i++) {
    b.pivot[i] = BigInt(10 * i + 9);
    b.slot[i] = nulls.includes(i) ? null : BigInt(i + 1);
  }
  b.bEnd = count - 1;
  return b;
}

describe("mab_calc_split with the kernel geometry (16-slot leaves, min 6)", () => {
  const tree = new MapleTree();
  const mas = new MaState(tree, 0n);

  it("cuts 17 entries in half", () => {
    expect(mabCalcSplit(mas, leafBig(tree, 17, []))).toEqual({ split: 8, midSplit: 0 });
  });

  it("moves the split right off a NULL while the right side stays sufficient", () => {
    expect(mabCalcSplit(mas, leafBig(tree, 17, [8]))).toEqual({ split: 9, midSplit: 0 });
  });

  it("moves the split left off a NULL when the right side would be too small", () => {
    // b_end 12, split 6: 12 - 6 = 6 is not more than min 6.
    expect(mabCalcSplit(mas, leafBig(tree, 13, [6]))).toEqual({ split: 5, midSplit: 0 });
  });

  it("splits 33 entries three ways", () => {
    // b_end 32 >= 2 * 16: split 32 / 3 = 10, middle split 20.
    expect(mabCalcSplit(mas, leafBig(tree, 33, []))).toEqual({ split: 10, midSplit: 20 });
  });

  it("splits 32 entries three ways when the half point is NULL", () => {
    // b_end 31 >= 2 * 16 - 1 and slot[15] is NULL: split 10, middle 20.
    expect(mabCalcSplit(mas, leafBig(tree, 32, [15]))).toEqual({ split: 10, midSplit: 20 });
  });
});

describe("mab_calc_split with five-slot leaves (min 1)", () => {
  const geometry: Geometry = { rangeSlots: 5, rangeMinSlots: 1, arangeSlots: 4, arangeMinSlots: 1 };
  const tree = new MapleTree({ geometry });
  const mas = new MaState(tree, 0n);

  it("can leave a one-entry middle node (below min) when both cut points are NULL", () => {
    // 11 entries, b_end 10: split 3 (NULL) moves right to 4, middle 6 (NULL) moves left to 5,
    // so the middle node holds entry 5 only.
    expect(mabCalcSplit(mas, leafBig(tree, 11, [3, 6]))).toEqual({ split: 4, midSplit: 5 });
  });
});
