/**
 * The seed fix's own hunks (known-bugs.md #1, "mm: enable maple tree RCU mode by default") as
 * faults of the mm level: each one taken back is switched off in an mm-explore spec that passes
 * with 6.12's code, and must make it fail. The two hunks no reader can observe are listed with
 * why, never counted among the reachable faults.
 */
import type { CatalogEntry } from "./catalog.js";

/** The hunk of each seed fault, as the mm-explore spec switches it off. */
export const SEED_HUNKS = {
  /** MM_MT_FLAGS gains MT_FLAGS_USE_RCU: without it the tree runs as before the fix. */
  "mm-mt-flags-without-rcu": "flavour:pre-seed",
  /** dup_mmap puts the child's tree back in RCU mode after copying it. */
  "dup-mmap-leaves-rcu-off": "dup_mmap-restores-rcu",
} as const;

const seed = (fault: string, rest: Partial<CatalogEntry>): CatalogEntry => ({
  fault,
  kind: "seed-hunk",
  bug: 1,
  title: "stack-expand-rewrites-node",
  class: "I",
  specs: [],
  ...rest,
});

export const SEED_FAULT_CATALOG: readonly CatalogEntry[] = [
  seed("mm-mt-flags-without-rcu", {
    specs: [{ file: "mm-explore-seed-pre-seed.json", expect: "violation" }],
    note: "MM_MT_FLAGS without MT_FLAGS_USE_RCU: the stack growth that eats the whole gap rewrites the leaf in place under lockless faults (the syzbot scenario at mm level).",
  }),
  seed("dup-mmap-leaves-rcu-off", {
    specs: [{ file: "mm-explore-dup-mmap-rcu-off.json", expect: "violation" }],
    note: "dup_mmap leaves the child's tree out of RCU mode: the same growth in the forked child rewrites its leaf in place.",
  }),
  seed("exit-mmap-stays-in-rcu", {
    masked: {
      why: "exit_mmap runs when no thread of the mm is left to fault, so no lookup can race the teardown; without the hunk nodes are freed after a grace period instead of at once (memory, not answers).",
      shown: "README, Address spaces: the seed's other hunks",
    },
  }),
  seed("detach-tree-own-lock-flags", {
    masked: {
      why: "the munmap side tree (mt_detach) is private to munmap and never read locklessly; the hunk keeps lockdep's lock assertions right, and no tree here has lockdep.",
      shown: "README, Address spaces: the seed's other hunks",
    },
  }),
];
