/**
 * mt_validate on trees corrupted behind the tree's back: each corruption must be reported by
 * the kernel check (function and source line of lib/maple_tree.c 6.12) that fires first for
 * it in the kernel's mt_validate, and validation must never throw.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { mtreeStoreRange } from "../../../src/impl/api.js";
import { MT_FLAGS_ALLOC_RANGE } from "../../../src/impl/constants.js";
import { isNode, type MapleNode, ParentPtr } from "../../../src/impl/node.js";
import {
  dataEnd,
  markNodeDead,
  readGap,
  readMetaEnd,
  readPivot,
  readRoot,
  readSlot,
  writeGap,
  writeMeta,
  writePivot,
  writeSlot,
} from "../../../src/impl/node-access.js";
import {
  type KernelViolation,
  kernelViolations,
  mtValidateImpl,
} from "../../../src/impl/read/api.js";
import { MapleTree } from "../../../src/impl/tree.js";

/** A two-level tree: 40 ranges [10i, 10i+4], NULL gaps between them. */
function makeTree(flags: number): MapleTree {
  const t = new MapleTree({ flags });
  for (let i = 1n; i <= 40n; i++) expect(mtreeStoreRange(t, i * 10n, i * 10n + 4n, i)).toBe(0);
  return t;
}
const root = (t: MapleTree): MapleNode => readRoot(t) as MapleNode;
const child = (t: MapleTree, n: MapleNode, i: number): MapleNode => {
  const c = readSlot(t.mem, n, i);
  if (!isNode(c)) throw new Error("no child");
  return c;
};
/** The first leaf that is not full (its metadata holds the data end), with its slot in the root. */
function partialLeaf(t: MapleTree): { leaf: MapleNode; slot: number } {
  const r = root(t);
  for (let i = 0; ; i++) {
    const leaf = child(t, r, i);
    if (readPivot(t.mem, leaf, leaf.layout.pivots - 1) === 0n) return { leaf, slot: i };
  }
}
const keys = (v: KernelViolation[]) => v.map((x) => `${x.kind}:${x.check}:${x.line}`);

describe.each([
  ["range", 0],
  ["alloc", MT_FLAGS_ALLOC_RANGE],
])("mt_validate on a %s tree", (_name, flags) => {
  let t: MapleTree;
  beforeEach(() => {
    t = makeTree(flags);
  });

  it("reports nothing on a clean tree", () => {
    expect(t.height).toBe(2);
    expect(mtValidateImpl(t)).toEqual([]);
  });

  it("pivots out of order: mas_validate_limits", () => {
    const leaf = child(t, root(t), 1);
    writePivot(t.mem, leaf, 2, readPivot(t.mem, leaf, 0));
    const v = kernelViolations(mtValidateImpl(t));
    expect(keys(v)[0]).toBe("WARN:mas_validate_limits:7504");
  });

  it("a pivot beyond the node's max: mas_validate_limits", () => {
    const r = root(t);
    const leaf = child(t, r, 0);
    const end = dataEnd(t.mem, leaf, readPivot(t.mem, r, 0));
    writePivot(t.mem, leaf, end - 1, readPivot(t.mem, r, 0) + 5n);
    const v = keys(kernelViolations(mtValidateImpl(t)));
    expect(v).toContain("WARN:mas_validate_limits:7515");
    expect(v).toContain("WARN:mas_validate_limits:7504");
  });

  it("a stored entry past the data end: mas_validate_limits", () => {
    const { leaf } = partialLeaf(t);
    const end = readMetaEnd(t.mem, leaf);
    writeSlot(t.mem, leaf, end + 1, 77n);
    expect(keys(kernelViolations(mtValidateImpl(t)))).toEqual(["BUG:mas_validate_limits:7534"]);
  });

  it("a wrong metadata end: mas_validate_limits data end check", () => {
    const { leaf } = partialLeaf(t);
    const end = readMetaEnd(t.mem, leaf);
    writeMeta(t.mem, leaf, 0, end - 1);
    // The NULL pass now stops one slot early, on a NULL next to the next leaf's first NULL.
    expect(keys(kernelViolations(mtValidateImpl(t)))).toEqual([
      "BUG:mas_validate_limits:7525",
      "BUG:mt_validate_nulls:7571",
    ]);
  });

  it("a child pointing at the wrong parent slot: parent and child slot checks", () => {
    const r = root(t);
    const c = child(t, r, 1);
    t.mem.write(c, 0, new ParentPtr(r, 2));
    const v = keys(kernelViolations(mtValidateImpl(t)));
    // The parent's scan meets the child at slot 1 before slot 2, the one the child names.
    expect(v.slice(0, 2)).toEqual([
      "BUG:mas_validate_parent_slot:7433",
      "BUG:mas_validate_parent_slot:7429",
    ]);
    expect(v).toContain("BUG:mas_validate_child_slot:7462");
  });

  it("a reachable dead node: mt_validate warns, and the traversal stops", () => {
    const leaf = child(t, root(t), 1);
    markNodeDead(t, leaf);
    const all = mtValidateImpl(t);
    const v = keys(kernelViolations(all));
    // A dead node reads as its own parent with data end 0.
    expect(v).toEqual([
      "WARN:mt_validate:7606",
      "WARN:mt_validate:7608",
      "BUG:mas_validate_parent_slot:7419",
      "BUG:mas_validate_parent_slot:7429",
      "BUG:mas_validate_limits:7525",
    ]);
    // Then the kernel loops forever (or, checking gaps, faults): reported once, and validation ends.
    expect(all.at(-1)?.kind).toBe("EXTRA");
    expect(all.at(-1)?.check).toBe("mt_validate");
  });

  it("too few slots in a node that is not the rightmost: minimum occupancy", () => {
    const r = root(t);
    const leaf = child(t, r, 0);
    const max = readPivot(t.mem, r, 0);
    // Keep slots 0..3 with slot 3 reaching the node's max.
    writePivot(t.mem, leaf, 3, max);
    for (let i = 4; i < leaf.layout.slots - 1; i++) {
      writeSlot(t.mem, leaf, i, null);
      if (i < leaf.layout.pivots) writePivot(t.mem, leaf, i, 0n);
    }
    writeMeta(t.mem, leaf, 0, 3);
    expect(keys(kernelViolations(mtValidateImpl(t)))).toEqual(["WARN:mt_validate:7608"]);
  });

  it("adjacent NULL slots: mt_validate_nulls", () => {
    const leaf = child(t, root(t), 1);
    writeSlot(t.mem, leaf, 1, null);
    const v = keys(kernelViolations(mtValidateImpl(t)));
    expect(v).toContain("BUG:mt_validate_nulls:7571");
  });

  it("a wrong tree height: maple-check's own height check", () => {
    t.height = 3;
    const all = mtValidateImpl(t);
    expect(kernelViolations(all)).toEqual([]);
    expect(all.map((x) => x.check)).toEqual(["mt_height"]);
  });

  it("a NULL child in an internal node: the fault the kernel would take", () => {
    // The leaf-level walk reaches the NULL slot (mas_next_node) before the root is checked.
    writeSlot(t.mem, root(t), 1, null);
    const all = mtValidateImpl(t);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ kind: "EXTRA", check: "mt_validate" });
    expect(all[0]?.detail).toMatch(/faulted/);
  });
});

describe("mt_validate gap checks on an alloc tree", () => {
  let t: MapleTree;
  beforeEach(() => {
    t = makeTree(MT_FLAGS_ALLOC_RANGE);
  });

  it("a parent gap that disagrees with the child: mas_validate_gaps", () => {
    const r = root(t);
    writeGap(t.mem, r, 1, readGap(t.mem, r, 1) + 1n);
    const v = keys(kernelViolations(mtValidateImpl(t)));
    expect(v).toContain("BUG:mas_validate_gaps:7399");
  });

  it("a metadata gap offset that does not name the largest gap: mas_validate_gaps", () => {
    const r = root(t);
    const end = readMetaEnd(t.mem, r);
    // Point the gap offset past the data.
    writeMeta(t.mem, r, end + 1, end);
    const v = keys(kernelViolations(mtValidateImpl(t)));
    expect(v).toContain("BUG:mas_validate_gaps:7372");
  });

  it("a gap recorded past the data end: mas_validate_gaps", () => {
    const r = root(t);
    const end = readMetaEnd(t.mem, r);
    writeGap(t.mem, r, end + 1, 3n);
    expect(keys(kernelViolations(mtValidateImpl(t)))).toEqual(["BUG:mas_validate_gaps:7385"]);
  });
});

it("a cycle of nodes ends validation with a fault instead of hanging", () => {
  const t = makeTree(0);
  // The root's first child becomes the root itself.
  writeSlot(t.mem, root(t), 0, root(t));
  const all = mtValidateImpl(t);
  expect(all).toHaveLength(1);
  expect(all[0]).toMatchObject({ kind: "EXTRA", check: "mt_validate" });
  expect(all[0]?.detail).toMatch(/cycle/);
});

it("an empty tree and a root entry are valid", () => {
  const t = new MapleTree();
  expect(mtValidateImpl(t)).toEqual([]);
  expect(mtreeStoreRange(t, 0n, 0n, 5n)).toBe(0);
  expect(mtValidateImpl(t)).toEqual([]);
});
