/**
 * Switchable faults of the mm layer: each re-creates one historic VMA-layer bug of
 * known-bugs.md (class S+V) at the place the historic code went wrong. All are off unless an
 * mm spec names them in mm.faults.
 */
export const MM_FAULTS = [
  /** #31: unmapped_area_topdown takes the tree's hole as is, no retry for a guard gap. */
  "unmapped-area-no-guard-gap-retry",
  /** #36: do_mprotect_pkey's final check compares the iterator's end, which a trailing hole passes. */
  "mprotect-end-check-uses-iterator-end",
  /** #37: do_brk_flags expands the VMA below the break without checking it ends there. */
  "brk-expand-without-adjacency-check",
  /** #43: a new range merged into the next VMA leaves next's old vm_pgoff. */
  "merge-next-keeps-old-pgoff",
] as const;

export type MmFault = (typeof MM_FAULTS)[number];

/**
 * Faults that test the checker, not historic bugs (never in the fault gate): each breaks the
 * layer in a way only one of the checker's dimensions can see.
 */
export const MM_SELF_TEST_FAULTS = [
  /**
   * expand_downwards stores the grown VMA before its preallocation and undoes the store when
   * that fails: the space ends as it was (sequentially right), but a reader in between sees a
   * stack that never grew (the half-done write an explored allocation failure must catch).
   */
  "expand-stores-before-prealloc",
  /**
   * __split_vma moves the old VMA's bound without vma_start_write: sequentially right (no
   * lookup runs inside the writer), but a lockless fault whose walk found the old VMA
   * range-checks it on its moved range (what only a judge of the per-VMA lock can see).
   */
  "split-skips-vma-start-write",
] as const;

export type MmSelfTestFault = (typeof MM_SELF_TEST_FAULTS)[number];
