/**
 * Races of the kernel's own lockless readers that specs of their own already keep (each found
 * by the explorer, on the TypeScript tree and the kernel's C tree alike). A generated scenario
 * that would only find one of them again is not explored, and the run counts it under the
 * finding's spec name: the generator stays wide, and what it leaves out is said, not hidden.
 * The scenario's facts are its sequential run on the TypeScript tree (coverage.ts).
 */
import type { ScenarioFacts } from "./coverage.js";

/** mas_prev and friends: they read ma_root again in mas_prev_setup, or step back over a
 * replaced parent. */
const PREV_OPS = new Set(["prev", "mprev", "mprevr", "mfindr"]);
/** Operations that report the range they found, not only the entry: all but mtree_load. */
const RANGE_OPS = {
  has: (op: string): boolean => op !== "load",
};
/** Reads that go forward from their index through mas_next_slot. */
const FORWARD_OPS = new Set(["next", "mnext", "mnextr", "mfind"]);
/** Store types that replace the leaf (in RCU mode) rather than change it in place. */
const REPLACING_STORES = new Set([
  "wr_node_store",
  "wr_split_store",
  "wr_spanning_store",
  "wr_rebalance",
  "wr_exact_fit",
  "wr_append",
  "wr_new_root",
]);

interface KnownFinding {
  spec: string;
  applies(f: ScenarioFacts): boolean;
}

export const KNOWN_FINDINGS: readonly KnownFinding[] = [
  {
    // Without RCU mode a writer rewrites and frees live nodes under lockless readers: they
    // race by design (explore-seed-bug-rcu-off, explore-slot-store-both-sides-rcu-off). An
    // RCU-off scenario is judged only when its writer never changes a node the readers may
    // be in: the root goes from empty or a root entry to a fresh node, an entry or empty.
    spec: "explore-seed-bug-rcu-off",
    applies: (f) => !f.rcu && f.rootForms.some((r) => r.startsWith("node->")),
  },
  {
    // Root expansion (entry -> node) and collapse (node -> entry / empty) under a reader going
    // back: it sees the root entry, then the node, or walks again into an empty tree.
    spec: "explore-root-expansion-prev, explore-prev-emptied-tree",
    applies: (f) =>
      f.readerOps.some((op) => PREV_OPS.has(op)) &&
      f.rootForms.some((r) => r !== "node->node" && r !== "empty->empty" && r !== "entry->entry"),
  },
  {
    // The tree emptied (or collapsed to a root entry) under a reader going forward: the
    // reader finds its leaf dead, walks again from a root that is no node, and dereferences
    // NULL in mas_next_slot (a crash on 6.12's C tree too).
    spec: "explore-next-emptied-tree",
    applies: (f) =>
      f.readerOps.some((op) => FORWARD_OPS.has(op)) &&
      f.rootForms.some((r) => r === "node->empty" || r === "node->entry"),
  },
  {
    // A split (or a rebalance) publishes a new parent before it re-points the reused children
    // at it: mas_prev (or mas_next/mas_find) going up from such a child walks again and again
    // until the writer goes on; under a schedule that keeps the writer preempted that is
    // reported as a livelock.
    spec: "explore-prev-waits-for-parent-update",
    applies: (f) =>
      f.readerOps.some((op) => PREV_OPS.has(op) || FORWARD_OPS.has(op)) &&
      f.storeTypes.some((t) => t === "wr_split_store" || t === "wr_rebalance"),
  },
  {
    // A cursor that already stepped in a leaf a node store then replaces goes on in the dead
    // leaf: its next forward step answers the old leaf's next range, after the writer ended.
    spec: "triage/explore-find-continues-in-dead-leaf-rcu",
    applies: (f) =>
      f.cursorSteps.some((n) => n >= 2) && f.storeTypes.some((t) => REPLACING_STORES.has(t)),
  },
  {
    // A store over [0, max] replaces the whole tree: a cursor step in an old node answers
    // NULL over [0, max], which no state holds.
    spec: "triage/explore-find-across-new-root-rcu",
    applies: (f) =>
      f.readerOps.some((op) => FORWARD_OPS.has(op) || PREV_OPS.has(op)) && f.storesEverything,
  },
  {
    // A spanning store publishes a new parent before it adopts the children, whose parent slot
    // may be stale: mas_prev ascends with it and answers underflow (docs/findings.md, 1).
    spec: "explore-finding-prev-spanning-null-rcu",
    applies: (f) =>
      f.readerOps.some((op) => PREV_OPS.has(op)) && f.storeTypes.includes("wr_spanning_store"),
  },
  {
    // A slot store changes the live leaf in place (slot, then pivot) even in RCU mode: the
    // range a reader reports may mix the two.
    spec: "explore-rcu-slot-store-walk-range",
    applies: (f) =>
      f.readerOps.some((op) => RANGE_OPS.has(op)) && f.storeTypes.includes("wr_slot_store"),
  },
  {
    // mas_find / mas_next (and the reverse steps) in a leaf that a node-replacing store kills:
    // they walk again and answer NULL with the cursor past the limit, a position no state
    // explains. Only a step
    // that finds nothing up to its limit in some state can answer so.
    spec: "triage/explore-find-after-dead-leaf-rcu",
    applies: (f) =>
      f.nullAnswers.some((op) => FORWARD_OPS.has(op) || PREV_OPS.has(op)) &&
      f.storeTypes.some((t) => REPLACING_STORES.has(t)),
  },
];

/** The known finding the scenario would repeat, or undefined. */
export function knownFindingOf(f: ScenarioFacts): string | undefined {
  return KNOWN_FINDINGS.find((k) => k.applies(f))?.spec;
}
