import type { NodeType } from "../constants.js";
import type { MaybeEntry } from "../entry.js";
import type { MaState } from "../ma-state.js";
import type { MapleNode, Word } from "../node.js";
import type { Index } from "../u64.js";

/**
 * struct ma_wr_state: the writer's view of the node being written. Pivots and slots are not
 * cached as arrays: they are read through the tree's memory, word by word.
 */
export class MaWrState {
  node: MapleNode | null = null;
  rMin: Index = 0n;
  rMax: Index = 0n;
  type: NodeType = 1 as NodeType;
  offsetEnd = 0;
  endPiv: Index = 0n;
  /** The existing entry at mas.offset. */
  content: Word = null;

  constructor(
    readonly mas: MaState,
    public entry: MaybeEntry,
  ) {}
}
