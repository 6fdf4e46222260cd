import { MAPLE_HEIGHT_MAX } from "../constants.js";
import type { MaState } from "../ma-state.js";
import { isLeafType, type MapleNode } from "../node.js";
import { masDescend } from "../read/walk.js";

/**
 * Descend through slot 0 to the leftmost leaf, as mt_validate starts. A tree deeper than
 * MAPLE_HEIGHT_MAX can only be a cycle of nodes; the kernel would never get out of it.
 */
export function descendLeftmost(mas: MaState): void {
  for (let depth = 1; !isLeafType((mas.node as MapleNode).type); depth++) {
    if (depth > MAPLE_HEIGHT_MAX)
      throw new RangeError(`deeper than ${MAPLE_HEIGHT_MAX} levels (a cycle of nodes?)`);
    mas.offset = 0;
    masDescend(mas);
  }
}
