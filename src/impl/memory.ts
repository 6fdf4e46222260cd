import type { StoreType } from "./constants.js";
import type { MapleNode, Word } from "./node.js";

/**
 * The one path to tree memory. Every read and write of a node word and of the root pointer
 * goes through a NodeMemory, so that a checker can turn each one into a scheduling point,
 * record which words a reader saw, and replay a writer's stores one at a time. With
 * DIRECT_MEMORY (nothing watching) each call is a plain array access.
 */
export interface NodeMemory {
  read(node: MapleNode, word: number): Word;
  write(node: MapleNode, word: number, value: Word): void;
  readRoot(root: RootCell): Word;
  writeRoot(root: RootCell, value: Word): void;
}

/** The tree's ma_root word, a cell of its own so that it can be watched like a node word. */
export interface RootCell {
  value: Word;
}

/** Thrown when a reader reads beyond a node's words: the analogue of a wild read. */
export class WildReadError extends Error {
  constructor(node: MapleNode, word: number) {
    super(`wild read: word ${word} of node #${node.id} (${node.words.length} words)`);
    this.name = "WildReadError";
  }
}

export const DIRECT_MEMORY: NodeMemory = {
  read(node, word) {
    const v = node.words[word];
    if (v === undefined) throw new WildReadError(node, word);
    return v;
  },
  write(node, word, value) {
    if (word < 0 || word >= node.words.length) throw new WildReadError(node, word);
    node.words[word] = value;
  },
  readRoot(root) {
    return root.value;
  },
  writeRoot(root, value) {
    root.value = value;
  },
};

/** Where a new node was made reachable. */
export type PublishSite = { kind: "root" } | { kind: "slot"; parent: MapleNode; slot: number };

/**
 * What the tree reports about itself. All hooks are optional; a checker installs the ones it
 * needs. None of them may touch the tree.
 */
export interface TreeObserver {
  /** The store type the write path chose (mas_wr_store_type). */
  storeType?(type: StoreType): void;
  /** A node was allocated (before it is filled). */
  allocated?(node: MapleNode): void;
  /** A node was made reachable with one pointer store. */
  published?(node: MapleNode, site: PublishSite): void;
  /** A node was marked dead (parent = self). */
  markedDead?(node: MapleNode): void;
  /** A dead node was queued to be freed after an RCU grace period. */
  retired?(node: MapleNode): void;
  /** A node was freed (its words are poisoned from now on). */
  freed?(node: MapleNode): void;
  /**
   * A whole-node copy over a live node starts (the non-RCU node store's memcpy). C gives no
   * order to the word stores between copyBegin and copyEnd; a checker may permute them.
   */
  copyBegin?(node: MapleNode): void;
  /** The copy announced by copyBegin is complete. */
  copyEnd?(node: MapleNode): void;
}

/**
 * Grace periods. In RCU mode a retired node is freed only after a grace period; callRcu
 * queues the free. The default domain (SYNCHRONOUS_RCU) has no concurrent readers, so a grace
 * period ends at the end of every write operation (the tree calls quiesce()). A checker
 * installs a domain that makes grace periods explicit steps of a schedule.
 */
export interface RcuDomain {
  callRcu(callback: () => void): void;
  /** Called by the tree when a write operation has finished. */
  quiesce(): void;
}

export function synchronousRcu(): RcuDomain {
  let pending: Array<() => void> = [];
  return {
    callRcu(callback) {
      pending.push(callback);
    },
    quiesce() {
      while (pending.length > 0) {
        const run = pending;
        pending = [];
        for (const cb of run) cb();
      }
    },
  };
}
