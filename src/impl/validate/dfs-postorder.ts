import type { MaState } from "../ma-state.js";
import type { MapleNode } from "../node.js";
import { isRootNode, masAscend } from "../node-access.js";
import { masNextNode } from "../read/next.js";
import { masPrevNode } from "../read/prev.js";
import type { Index } from "../u64.js";

/**
 * mas_dfs_postorder: the next node mt_validate visits. The next node on the same level; after
 * the last one, the leftmost node one level up; overflow after the root.
 */
export function masDfsPostorder(mas: MaState, max: Index, stepLimit: number): void {
  const mn = mas.node as MapleNode;
  masNextNode(mas, mn, max);
  if (!mas.isOverflow()) return;
  if (isRootNode(mas.tree.mem, mn)) return;
  mas.node = mn;
  masAscend(mas);
  let p: MapleNode;
  let pMin: Index;
  let pMax: Index;
  let steps = 0;
  do {
    if (++steps > stepLimit)
      throw new RangeError(`mas_dfs_postorder: more than ${stepLimit} steps (a cycle?)`);
    p = mas.node as MapleNode;
    pMin = mas.min;
    pMax = mas.max;
    masPrevNode(mas, 0n);
  } while (!mas.isUnderflow());
  mas.node = p;
  mas.max = pMax;
  mas.min = pMin;
}
