/**
 * The known-bug corpus (docs: known-bugs.md) as switchable faults: for each historic maple tree
 * bug the fault that re-creates it in src/impl, its detection class, and the specs that must
 * catch it (run with the fault switched on) with the verdict each must give.
 *
 * A "tree" fault is switched on through the spec's tree.faults (TreeOptions.faults). A
 * "protocol" fault is not a mistake in the tree's code but in how its users lock it: it lives
 * in the spec itself (e.g. a reader kind), and its fixed protocol is a spec of its own that
 * must pass. An "mm" fault lives in the mm layer (src/mm) and is switched on through an mm
 * spec's mm.faults (mm-catalog.ts).
 */
import { MM_FAULT_CATALOG } from "./mm-catalog.js";
import { SEED_FAULT_CATALOG } from "./seed-catalog.js";

/** Detection classes of known-bugs.md. */
export type FaultClass = "S" | "S+A" | "S+V" | "I" | "I+L" | "W" | "N";

export interface FaultSpecRef {
  /** Spec file under specs/. */
  file: string;
  /** The verdict with the fault switched on: "violation" (caught) or "pass" (masked). */
  expect: "pass" | "violation";
}

export interface CatalogEntry {
  /** The fault's name (src/impl/faults.ts), or the protocol fault's name. */
  fault: string;
  kind: "tree" | "protocol" | "mm" | "seed-hunk";
  /** Entry number and title in known-bugs.md. */
  bug: number;
  title: string;
  class: FaultClass;
  /** Further faults switched on together with this one (a fault that hides or unmasks it). */
  with?: string[];
  /** Empty: no spec reaches the fault (`masked` or the note says why). */
  specs: FaultSpecRef[];
  /**
   * Set when 6.12's code cannot reach the fault: why (the argument from the code) and what
   * shows it (a test, or the search that was made). Such a fault is listed, never counted
   * among the reachable ones the kill rate is taken over.
   */
  masked?: { why: string; shown: string };
  /** Protocol faults: the spec of the fixed protocol, which must pass. */
  control?: string;
  note?: string;
}

const v = (file: string): FaultSpecRef => ({ file, expect: "violation" });

export const FAULT_CATALOG: readonly CatalogEntry[] = [
  {
    fault: "node-store-in-place-in-rcu",
    kind: "tree",
    bug: 1,
    title: "stack-expand-rewrites-node",
    class: "I",
    specs: [v("explore-fault-node-store-in-place.json")],
    note: "known-bugs.md calls it inplace-node-store-under-readers; explore-seed-bug-rcu-off.json is the same bug with RCU mode off.",
  },
  {
    fault: "stack-expand-under-read-lock",
    kind: "protocol",
    bug: 2,
    title: "stackrot-free-under-read-lock (CVE-2023-3269)",
    class: "I+L",
    specs: [v("explore-fault-stackrot.json")],
    control: "explore-fault-stackrot-fixed.json",
    note: "The reader holds only the mmap read lock (reader kind none) while the writer replaces the leaf; the fixed protocol is explore-fault-stackrot-fixed.json (must pass).",
  },
  {
    fault: "spanning-store-copy-right-by-offset",
    kind: "tree",
    bug: 3,
    title: "spanning-store-dup-right (CVE-2024-50200)",
    class: "S",
    specs: [v("faults/fault-spanning-store-copy-right-by-offset.json")],
  },
  {
    fault: "skip-dead-check-in-reader-walk:first-entry",
    kind: "tree",
    bug: 4,
    title: "reader-ignores-dead-node (first entry)",
    class: "I+L",
    specs: [v("explore-fault-dead-first-entry.json")],
  },
  {
    fault: "skip-dead-check-in-reader-walk:next-entry",
    kind: "tree",
    bug: 4,
    title: "reader-ignores-dead-node (next entry)",
    class: "I+L",
    specs: [v("explore-fault-dead-next-entry.json")],
  },
  {
    fault: "skip-dead-check-in-reader-walk:prev-node",
    kind: "tree",
    bug: 4,
    title: "reader-ignores-dead-node (previous node)",
    class: "I+L",
    specs: [v("explore-fault-dead-prev-node.json")],
  },
  {
    fault: "skip-dead-check-in-reader-walk:next-node",
    kind: "tree",
    bug: 4,
    title: "reader-ignores-dead-node (next node)",
    class: "I+L",
    specs: [],
    masked: {
      why: "In 6.12's mas_next_node the parent is reached through mas_ascend, which keeps its own dead check, and mas_next_slot re-walks on a dead leaf before it moves on: the check the fault removes is never the one that sees the dead node.",
      shown:
        "the main job keeps it so with specs/explore-masked-next-parent-dies-rcu.json (forward readers out of a leaf whose split kills the root: the removed checks see the dead root, the answers stay right)",
    },
  },
  {
    fault: "skip-dead-check-at-walk-start",
    kind: "tree",
    bug: 5,
    title: "dead-root-at-walk-start",
    class: "I+L",
    with: ["skip-dead-check-in-reader-walk:first-entry"],
    specs: [v("explore-fault-dead-root-at-start.json")],
    note: "Alone it is hidden by mtree_range_walk's own dead check; paired with the first-entry fault.",
  },
  {
    fault: "append-in-rcu",
    kind: "tree",
    bug: 11,
    title: "append-in-place-under-rcu",
    class: "I",
    specs: [v("explore-fault-append-in-rcu.json")],
    note: "Judged per reader thread: in one real-time order across all readers the scenario fails without the fault too, as RCU readers may disagree on when a new node was published.",
  },
  {
    fault: "no-dead-mark-on-root-leaf-destroy",
    kind: "tree",
    bug: 12,
    title: "destroy-root-leaf-not-dead",
    class: "I+L",
    specs: [
      v("explore-fault-root-leaf-not-dead.json"),
      v("explore-fault-root-leaf-not-dead-type-word.json"),
    ],
    note: "6.12 still has mas_walk's always-restart status test (the masking bug, known-bugs.md #12): a cursor that walks again after the overwrite has finished restarts from the root and never sees the missing dead mark (test/checker/faults shows it at operation granularity); mas_next from the retained cursor, or any walk overlapping the write at word granularity, does see it.",
  },
  {
    fault: "root-test-and-instead-of-or",
    kind: "tree",
    bug: 13,
    title: "spanning-rebalance-insufficient-data",
    class: "S",
    specs: [v("faults/fault-root-test-and-instead-of-or.json")],
  },
  {
    fault: "split-advance-for-min-span",
    kind: "tree",
    bug: 14,
    title: "split-leaves-deficient-node",
    class: "S",
    specs: [v("faults/fault-split-advance-for-min-span.json")],
  },
  {
    fault: "store-null-expands-root",
    kind: "tree",
    bug: 15,
    title: "store-null-into-empty-root",
    class: "S",
    specs: [v("faults/fault-store-null-expands-root.json")],
  },
  {
    fault: "prev-exhausted-sets-pause-not-none",
    kind: "tree",
    bug: 17,
    title: "prev-at-start-leaves-bad-state",
    class: "S",
    specs: [v("faults/fault-prev-exhausted-sets-pause-not-none.json")],
  },
  {
    fault: "store-setup-ignores-pause",
    kind: "tree",
    bug: 19,
    title: "write-through-paused-cursor",
    class: "S",
    specs: [v("faults/fault-store-setup-ignores-pause.json")],
  },
  {
    fault: "rev-gap-ignores-lower-bound",
    kind: "tree",
    bug: 21,
    title: "rev-gap-below-min",
    class: "S",
    specs: [v("faults/fault-rev-gap-ignores-lower-bound.json")],
  },
  {
    fault: "skip-node-uses-capacity-not-data-end",
    kind: "tree",
    bug: 22,
    title: "skip-node-wrong-end",
    class: "S",
    specs: [
      v("faults/fault-skip-node-uses-capacity-not-data-end.json"),
      v("faults/fault-skip-node-uses-capacity-not-data-end-kernel.json"),
    ],
  },
  {
    fault: "awalk-loop-to-capacity-raw-pivot",
    kind: "tree",
    bug: 23,
    title: "awalk-skips-last-slot",
    class: "S",
    specs: [],
    masked: {
      why: "It needs a non-root leftmost node whose last range has no stored pivot (a zero raw pivot inside the data); 6.12 builds none since the limit-pivot fix (#24), and even the root leaf #24 leaves without its limit pivot ends the loop as found, at the root.",
      shown:
        "test/checker/faults/masking.test.ts (both cases, on built trees); the main job keeps it so with specs/seq-masked-awalk-raw-pivot.json",
    },
  },
  {
    fault: "root-expand-omits-limit-pivot",
    kind: "tree",
    bug: 24,
    title: "root-missing-limit-pivot",
    class: "S",
    specs: [v("faults/fault-root-expand-omits-limit-pivot.json")],
  },
  {
    fault: "rev-gap-reads-end-before-empty-check",
    kind: "tree",
    bug: 26,
    title: "empty-area-rev-empty-tree (CVE-2024-36891)",
    class: "S",
    specs: [v("faults/fault-rev-gap-reads-end-before-empty-check.json")],
  },
  ...MM_FAULT_CATALOG,
  ...SEED_FAULT_CATALOG,
];

/** Specs that must pass with no fault switched on (no false alarm). */
export const NO_FAULT_SPECS: readonly string[] = [
  "explore-fault-stackrot-fixed.json",
  "explore-seed-bug-rcu-on.json",
  "seq-small-plain.json",
];
