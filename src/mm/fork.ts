/**
 * dup_mmap: the child's tree is first a copy of the parent's (__mt_dup), taken out of RCU
 * mode while the copy's entries are replaced one by one with the child's own VMAs
 * (vma_iter_bulk_store, an exact-fit store each), and put back in RCU mode on success, as
 * the seed fix has it (6.12); the pre-seed mm has no RCU mode to toggle. Both mms are
 * write-locked throughout.
 *
 * __mt_dup copies the parent's nodes; the tree seam has no such operation yet, so the copy
 * is made here by storing the parent's entries in address order into the child's tree.
 */
import { ULONG_MAX } from "../impl/u64.js";
import type { MmStruct } from "./mm-struct.js";
import { withMmapWriteLock } from "./mmap-lock.js";
import { forEachVma, vmaIterStore } from "./vma-iter.js";

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

/** dup_mmap(mm, oldmm): `child` is a fresh mm (mm_init). */
export function dupMmap(oldmm: MmStruct, child: MmStruct): void {
  withMmapWriteLock(oldmm, () =>
    withMmapWriteLock(child, () => {
      const rcu = child.ctx.flavour === "6.12";
      mtDup(oldmm, child);
      if (rcu) child.mmMt.clearInRcu();
      for (const mpnt of forEachVma(oldmm)) {
        const tmp = child.ctx.vmAreaAlloc({
          vmStart: mpnt.vmStart,
          vmEnd: mpnt.vmEnd,
          vmFlags: mpnt.vmFlags,
          vmFile: mpnt.vmFile,
          vmPgoff: mpnt.vmPgoff,
        });
        child.vmas.set(tmp.id, tmp);
        vmaIterStore(child, tmp);
      }
      child.brk = oldmm.brk;
      if (rcu) child.mmMt.setInRcu();
    }),
  );
}
