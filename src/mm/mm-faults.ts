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
