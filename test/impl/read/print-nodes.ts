/** Prints our tree as the oracle's `nodes` operation does, for comparing structures. */

import type { MaybeEntry } from "../../../src/impl/entry.js";
import { isLeafType, isNode, type MapleNode } from "../../../src/impl/node.js";
import { dataEnd, readGap, readPivot, readRoot, readSlot } from "../../../src/impl/node-access.js";
import type { MapleTree } from "../../../src/impl/tree.js";
import { ULONG_MAX } from "../../../src/impl/u64.js";
import { entryStr } from "./oracle-tree.js";

const NAMES = ["dense", "leaf", "range", "arange"];

export function printNodes(tree: MapleTree): string {
  const root = readRoot(tree);
  if (root === null) return "empty";
  if (!isNode(root)) return `entry:${entryStr(root as MaybeEntry)}`;
  return node(tree, root, 0n, ULONG_MAX);
}

function node(tree: MapleTree, n: MapleNode, min: bigint, max: bigint): string {
  const mem = tree.mem;
  const l = n.layout;
  const end = dataEnd(mem, n, max);
  let s = `(${NAMES[n.type]} ${min}-${max}`;
  let first = min;
  for (let i = 0; i <= end && i < l.slots; i++) {
    const last = i < l.pivots ? readPivot(mem, n, i) : max;
    const e = readSlot(mem, n, i);
    s += ` ${last}:`;
    if (isLeafType(n.type)) s += entryStr(e as MaybeEntry);
    else {
      if (l.gapBase >= 0) s += `g${readGap(mem, n, i)}`;
      s += isNode(e) ? node(tree, e, first, last) : "(none)";
    }
    first = last + 1n;
  }
  return `${s})`;
}
