/**
 * The VMA-layer bugs of known-bugs.md (class S+V) as faults of the mm layer (src/mm/mm-faults.ts):
 * an "mm" fault is switched on through the mm spec's mm.faults, and its spec is mm-sequential,
 * judged by the address-space model.
 */
import type { CatalogEntry } from "./catalog.js";

const mmSpec = (fault: string): CatalogEntry["specs"] => [
  { file: `faults/mm-${fault}.json`, expect: "violation" },
];

export const MM_FAULT_CATALOG: readonly CatalogEntry[] = [
  {
    fault: "unmapped-area-no-guard-gap-retry",
    kind: "mm",
    bug: 31,
    title: "unmapped-area-ignores-guard-gap",
    class: "S+V",
    specs: mmSpec("unmapped-area-no-guard-gap-retry"),
  },
  {
    fault: "mprotect-end-check-uses-iterator-end",
    kind: "mm",
    bug: 36,
    title: "mprotect-hole-result",
    class: "S+V",
    specs: mmSpec("mprotect-end-check-uses-iterator-end"),
    note: "Re-creates the second fix (a trailing hole passes the end check); the first (the error overwritten by -ENOMEM) needs an mprotect_fixup that can fail, which the layer has not.",
  },
  {
    fault: "brk-expand-without-adjacency-check",
    kind: "mm",
    bug: 37,
    title: "brk-expands-nonadjacent-vma",
    class: "S+V",
    specs: mmSpec("brk-expand-without-adjacency-check"),
    note: "The fault expands the VMA below the break directly (vma_expand), as 6.1-rc did: through vma_merge_new_range the merge code's own adjacency test would mask it.",
  },
  {
    fault: "merge-next-keeps-old-pgoff",
    kind: "mm",
    bug: 43,
    title: "merge-next-keeps-old-pgoff",
    class: "S+V",
    specs: mmSpec("merge-next-keeps-old-pgoff"),
  },
];
