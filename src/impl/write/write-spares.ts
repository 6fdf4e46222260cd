/**
 * The write path's spare objects, one set per tree, kept on the tree itself (tree.writeSpares)
 * so that taking one is a field load: a WeakMap keyed by the tree costs a hash lookup on every
 * write. The kernel keeps all of these on the stack; reusing them keeps them away from the
 * garbage collector. Each user takes its spare (the field becomes null) and gives it back
 * when its write is done, so a nested or failed write simply allocates a new one.
 */
import type { MaState } from "../ma-state.js";
import type { MapleNode } from "../node.js";
import type { MapleTree } from "../tree.js";
import type { BigNode } from "./big-node.js";
import type { CopyOrder } from "./node-image.js";

export class WriteSpares {
  /** The big node of a split, rebalance or spanning store (big-node.ts). */
  bigNode: BigNode | null = null;
  /** State sets of the subtree builders, by StatePool slot (big-node-subtree.ts). */
  readonly stateSets: Array<MaState[] | null> = [null, null];
  /** The two level lists of mas_topiary_replace (topiary.ts). */
  topiaryStates: [MaState[], MaState[]] | null = null;
  /** Scratch nodes of the non-RCU node store, by node type (node-image.ts). */
  readonly scratchNodes: Array<MapleNode | null> = [null, null, null, null];
  /** The word order of in-place node-image copies; null is forward (node-image.ts). */
  copyOrder: CopyOrder | null = null;
}

/** The tree's spares, made on first use. */
export function writeSpares(tree: MapleTree): WriteSpares {
  let spares = tree.writeSpares as WriteSpares | null;
  if (spares === null) {
    spares = new WriteSpares();
    tree.writeSpares = spares;
  }
  return spares;
}
