/**
 * exit_mmap: unmapping runs under the read lock (no tree change); then, under the write
 * lock, the tree leaves RCU mode (6.12: nothing can read it any more, so its nodes are freed
 * at once), every VMA is removed and the tree destroyed.
 */
import type { MmStruct } from "./mm-struct.js";
import { withMmapReadLock, withMmapWriteLock } from "./mmap-lock.js";
import { forEachVma } from "./vma-iter.js";

/** The number of VMAs removed. */
export function exitMmap(mm: MmStruct): number {
  withMmapReadLock(mm, () => forEachVma(mm));
  return withMmapWriteLock(mm, () => {
    if (mm.ctx.flavour === "6.12") mm.mmMt.clearInRcu();
    const all = forEachVma(mm);
    if (all.length !== mm.vmas.size)
      throw new Error(`exit_mmap: the tree holds ${all.length} VMAs, the mm ${mm.vmas.size}`);
    for (const v of all) {
      v.detached = true;
      mm.vmas.delete(v.id);
    }
    mm.mmMt.destroy();
    return all.length;
  });
}
