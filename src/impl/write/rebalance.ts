/**
 * mas_rebalance: a non-root node would be left with too little data. Its big node is merged
 * with the right sibling (or, at the right edge, the left sibling) and the pair is rebuilt by
 * mas_spanning_rebalance, which keeps climbing while levels stay under-filled.
 */
import type { MaState } from "../ma-state.js";
import type { MapleNode } from "../node.js";
import { masDataEnd } from "../node-access.js";
import { type BigNode, mabShiftRight, slotsOf } from "./big-node.js";
import { masMabCp } from "./big-node-copy.js";
import { freshState, type SubtreeState } from "./big-node-subtree.js";
import { masSpanningRebalance } from "./spanning-rebalance.js";
import { masNextSibling, masPrevSibling } from "./spanning-siblings.js";

/** mas_rebalance */
export function masRebalance(mas: MaState, b: BigNode): void {
  const emptyCount = mas.tree.height;
  const bEnd = ++b.bEnd;
  const lMas = mas.clone();
  const rMas = mas.clone();
  const mast: SubtreeState = {
    origL: lMas,
    origR: rMas,
    l: freshState(mas),
    m: freshState(mas),
    r: freshState(mas),
    bn: b,
  };
  b.type = (mas.node as MapleNode).type;
  if (masNextSibling(rMas)) {
    masMabCp(rMas, 0, slotsOf(mas.tree, (rMas.node as MapleNode).type), b, bEnd);
    rMas.last = rMas.max;
    rMas.index = rMas.max;
  } else {
    masPrevSibling(lMas);
    const shift = masDataEnd(lMas) + 1;
    mabShiftRight(b, shift);
    mas.offset += shift;
    masMabCp(lMas, 0, shift - 1, b, 0);
    b.bEnd = shift + bEnd;
    lMas.index = lMas.min;
    lMas.last = lMas.min;
  }
  masSpanningRebalance(mas, mast, emptyCount);
}
