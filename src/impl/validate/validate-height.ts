import { isLeafType, isNode, type MapleNode } from "../node.js";
import { dataEnd, readPivot, readRoot, readSlot } from "../node-access.js";
import type { MapleTree } from "../tree.js";
import { ULONG_MAX } from "../u64.js";
import type { ViolationReport } from "./report.js";

/**
 * maple-check's own check (the kernel's mt_validate has none): every leaf sits at depth
 * mt_height, and a tree whose root is not a node has height 0.
 */
export function validateHeight(tree: MapleTree, r: ViolationReport, nodeLimit: number): void {
  const mem = tree.mem;
  const height = tree.height;
  const root = readRoot(tree);
  if (!isNode(root)) {
    if (height !== 0) r.extra("mt_height", `root is not a node but the height is ${height}`);
    return;
  }
  const depths = new Set<number>();
  let visited = 0;
  const visit = (n: MapleNode, max: bigint, depth: number): void => {
    if (++visited > nodeLimit)
      throw new RangeError(`mt_height: more than ${nodeLimit} nodes (a cycle?)`);
    if (isLeafType(n.type)) {
      depths.add(depth);
      return;
    }
    const end = Math.min(dataEnd(mem, n, max), n.layout.slots - 1);
    for (let i = 0; i <= end; i++) {
      const child = readSlot(mem, n, i);
      if (!isNode(child)) continue;
      visit(child, i < n.layout.pivots ? readPivot(mem, n, i) : max, depth + 1);
    }
  };
  visit(root, ULONG_MAX, 1);
  for (const d of [...depths].sort()) {
    if (d !== height)
      r.extra("mt_height", `a leaf at depth ${d}, but the tree height is ${height}`);
  }
}
