/**
 * dup_mmap: the child's tree is first a copy of the parent's (__mt_dup), taken out of RCU
 * mode while the copy's entries are replaced one by one with the child's own VMAs
 * (vma_iter_bulk_store, an exact-fit store each), and put back in RCU mode on success, as
 * the seed fix has it (6.12); the pre-seed mm has no RCU mode to toggle. Both mms are
 * write-locked throughout.
 *
 * __mt_dup copies the parent's nodes; the tree seam has no such operation yet, so the copy
 * is made here by storing the parent's entries in address order into the child's tree.
 *
 * Allocations: __mt_dup's nodes (one, taken before anything is copied) and vm_area_dup for
 * each VMA. When one fails dup_mmap returns -ENOMEM and the caller (copy_mm) tears the child
 * down with exit_mmap: no child process exists, the parent is unchanged.
 */
import { ULONG_MAX } from "../impl/u64.js";
import { MmNoMem } from "./alloc-failure.js";
import type { MmStruct } from "./mm-struct.js";
import { withMmapWriteLock } from "./mmap-lock.js";
import { ENOMEM } from "./vm-flags.js";
import { forEachVma, vmaIterClear, vmaIterStore } from "./vma-iter.js";

/** __mt_dup, through the seam: every entry of `from` stored at the same range in `to`. */
function mtDup(from: MmStruct, to: MmStruct): void {
  let index = 0n;
  for (;;) {
    const r = from.mmMt.find(index);
    if (r === null) return;
    to.mmMt.store(r.index, r.last, r.id);
    if (r.last === ULONG_MAX) return;
    index = r.last + 1n;
  }
}

/** An allocation's result; undefined when it fails (MmNoMem). */
function allocated<T>(alloc: () => T): T | undefined {
  try {
    return alloc();
  } catch (e) {
    if (e instanceof MmNoMem) return undefined;
    throw e;
  }
}

/** dup_mmap(mm, oldmm): `child` is a fresh mm (mm_init). 0, or -ENOMEM. */
export function dupMmap(oldmm: MmStruct, child: MmStruct): number {
  return withMmapWriteLock(oldmm, () =>
    withMmapWriteLock(child, () => {
      const rcu = child.ctx.flavour === "6.12";
      // __mt_dup: its nodes are allocated before anything is copied.
      const nodes = allocated(() => {
        child.ctx.allocFailure.allocate();
        return true;
      });
      if (nodes === undefined) return ENOMEM;
      mtDup(oldmm, child);
      if (rcu) child.mmMt.clearInRcu();
      for (const mpnt of forEachVma(oldmm)) {
        const tmp = allocated(() =>
          child.ctx.vmAreaAlloc({
            vmStart: mpnt.vmStart,
            vmEnd: mpnt.vmEnd,
            vmFlags: mpnt.vmFlags,
            vmFile: mpnt.vmFile,
            vmPgoff: mpnt.vmPgoff,
            // Not the kernel's anon_vma_fork (the child's own anon_vma, a chain of two):
            // the child keeps the parent's numbers (the model's subset).
            vmCloseHook: mpnt.vmCloseHook,
            anonVma: mpnt.anonVma,
          }),
        );
        if (tmp === undefined) {
          // fail_nomem: the kernel marks the failure point with XA_ZERO_ENTRY and exit_mmap
          // stops there, before the parent's VMAs the copy still names. The seam stores no
          // XA_ZERO_ENTRY: NULL from the failure point up stands for it. RCU mode stays off.
          vmaIterClear(child, mpnt.vmStart, child.layout.taskPages);
          return ENOMEM;
        }
        child.vmas.set(tmp.id, tmp);
        vmaIterStore(child, tmp);
      }
      child.brk = oldmm.brk;
      // The child keeps the parent's anon_vma numbers, so its own new ones go on after them
      // (as the model's copied space does): one number never names two anon_vmas.
      child.anonVmas = oldmm.anonVmas;
      if (rcu) child.mmMt.setInRcu();
      return 0;
    }),
  );
}
