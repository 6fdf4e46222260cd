/**
 * The opening of the kernel's check_erase_testset (tools/testing/radix-tree/maple.c): inserts
 * and erases around 5015 in one leaf; the final insert of 1000 replaces the root leaf in RCU
 * mode and rewrites it in place otherwise, and never splits.
 */
import { describe, expect, it } from "vitest";
import { mtreeErase, mtreeInsertRange, mtreeLoad } from "../../../src/impl/api.js";
import { MT_FLAGS_USE_RCU } from "../../../src/impl/constants.js";
import { isLeafType, MapleNode } from "../../../src/impl/node.js";
import { MapleTree } from "../../../src/impl/tree.js";

const SET = [5015n, 5014n, 5017n, 25n, 1000n];
const ENTRY = [{ name: "ptr" }, { name: "mt" }];

function run(flags: number) {
  const tree = new MapleTree({ flags });
  const insert = (i: number) =>
    expect(mtreeInsertRange(tree, SET[i], SET[i], ENTRY[i % 2])).toBe(0);
  const erase = (i: number) => expect(mtreeErase(tree, SET[i])).toBe(ENTRY[i % 2]);
  const load = (i: number) => expect(mtreeLoad(tree, SET[i])).toBe(ENTRY[i % 2]);
  const none = (index: bigint) => expect(mtreeLoad(tree, index)).toBe(null);

  for (let i = 0; i < 4; i++) insert(i);
  for (let i = 0; i < 4; i++) load(i);
  erase(1);
  load(0);
  none(SET[1]);
  load(2);
  load(3);
  erase(2);
  load(0);
  none(SET[1]);
  none(SET[2]);
  insert(1);
  insert(2);
  for (let i = 0; i < 4; i++) load(i);
  erase(1);
  load(0);
  none(SET[1]);
  insert(1);
  none(5016n);
  none(5013n);
  none(5018n);
  erase(2);
  none(SET[2]);
  const rootBefore = tree.rootCell.value;
  insert(2);
  load(2);
  erase(2);
  none(SET[2]);
  erase(0);
  none(SET[0]);
  insert(4);
  none(999n);
  none(1001n);
  load(4);
  load(1);
  load(3);
  return { tree, rootBefore };
}

describe("check_erase_testset (opening)", () => {
  it("in RCU mode the root leaf is a new node", () => {
    const { tree, rootBefore } = run(MT_FLAGS_USE_RCU);
    expect(tree.rootCell.value).not.toBe(rootBefore);
    const root = tree.rootCell.value as MapleNode;
    expect(root).toBeInstanceOf(MapleNode);
    expect(isLeafType(root.type)).toBe(true);
  });

  it("without RCU the same root leaf is rewritten in place", () => {
    const { tree, rootBefore } = run(0);
    expect(tree.rootCell.value).toBe(rootBefore);
    expect(isLeafType((tree.rootCell.value as MapleNode).type)).toBe(true);
  });
});
