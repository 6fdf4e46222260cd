/**
 * do_vmi_munmap and its halves as 6.12 has them (struct vma_munmap_struct): gathering splits
 * the VMAs at the ends of [start, end) and moves every VMA inside into a side tree
 * (mt_detach, keys 0, 1, 2, ...; created with the mm tree's lock flags only, so never in RCU
 * mode); completing frees them. munmap clears the range in between; mmap instead stores the
 * new VMA over it, so the range is never seen empty.
 */
import { MT_FLAGS_LOCK_EXTERN } from "../impl/constants.js";
import { orNoMem } from "./alloc-failure.js";
import type { MmStruct } from "./mm-struct.js";
import { mmapAssertWriteLocked, vmaStartWrite } from "./mmap-lock.js";
import { splitVma } from "./split-vma.js";
import { EINVAL, ENOMEM } from "./vm-flags.js";
import type { VmAreaStruct } from "./vma.js";
import { vmaFind, vmaIterClear, vmaIterPrealloc, vmaPrevFrom } from "./vma-iter.js";
import { MmTreeError, type VmaTree } from "./vma-tree.js";

export interface VmaMunmapStruct {
  start: number;
  end: number;
  /** The VMAs detached, in address order. */
  detached: VmAreaStruct[];
  mtDetach: VmaTree;
  /** The VMAs around the range after the splits. */
  prev: VmAreaStruct | undefined;
  next: VmAreaStruct | undefined;
}

/** vms_gather_munmap_vmas, from `vma`, the first VMA that intersects [start, end). */
export function vmsGatherMunmapVmas(
  mm: MmStruct,
  vma: VmAreaStruct,
  start: number,
  end: number,
): VmaMunmapStruct {
  mmapAssertWriteLocked(mm);
  // mt_init_flags(&mt_detach, tree->ma_flags & MT_FLAGS_LOCK_MASK): no RCU, no alloc.
  const mtDetach = mm.ctx.openTree(MT_FLAGS_LOCK_EXTERN, "0");
  if (vma.vmStart < start) splitVma(mm, vma, start, true);
  const vms: VmaMunmapStruct = {
    start,
    end,
    detached: [],
    mtDetach,
    prev: vmaPrevFrom(mm, start),
    next: undefined,
  };
  try {
    for (
      let next = vmaFind(mm, start, end);
      next !== undefined;
      next = vmaFind(mm, next.vmEnd, end)
    ) {
      if (next.vmEnd > end) splitVma(mm, next, end, false);
      vmaStartWrite(mm, next);
      // mas_store_gfp into the side tree allocates.
      mm.ctx.allocFailure.allocate();
      mtDetach.store(BigInt(vms.detached.length), BigInt(vms.detached.length), next.id);
      next.detached = true;
      vms.detached.push(next);
      if (next.vmEnd >= end) break;
    }
  } catch (e) {
    // end_split_failed / munmap_gather_failed: reattach_vmas; the splits made stay.
    vmsAbortMunmapVmas(vms);
    throw e;
  }
  vms.next = vmaFind(mm, end);
  return vms;
}

/** vms_abort_munmap_vmas (reattach_vmas): the gathered VMAs are the tree's again. */
export function vmsAbortMunmapVmas(vms: VmaMunmapStruct): void {
  for (const v of vms.detached) v.detached = false;
  vms.detached.length = 0;
  vms.mtDetach.destroy();
}

/** vms_complete_munmap_vmas: free what the side tree holds, then destroy it. */
export function vmsCompleteMunmapVmas(mm: MmStruct, vms: VmaMunmapStruct): void {
  vms.detached.forEach((v, i) => {
    const r = vms.mtDetach.walk(BigInt(i));
    if (r.id !== v.id) throw new MmTreeError(`mt_detach[${i}] holds ${r.id}, not VMA ${v.id}`);
    mm.vmas.delete(v.id);
  });
  vms.mtDetach.destroy();
}

/** do_vmi_munmap: 0, or -EINVAL for a range that is empty or leaves TASK_SIZE. */
export function doVmiMunmap(mm: MmStruct, start: number, len: number): number {
  mmapAssertWriteLocked(mm);
  const task = mm.layout.taskPages;
  if (start > task || len > task - start || len <= 0) return EINVAL;
  const end = start + len;
  const vma = vmaFind(mm, start, end);
  if (vma === undefined) return 0;
  return orNoMem(
    () => {
      const vms = vmsGatherMunmapVmas(mm, vma, start, end);
      try {
        // vma_iter_clear_gfp allocates; clear_tree_failed reattaches.
        vmaIterPrealloc(mm);
      } catch (e) {
        vmsAbortMunmapVmas(vms);
        throw e;
      }
      vmaIterClear(mm, start, end);
      vmsCompleteMunmapVmas(mm, vms);
      return 0;
    },
    () => ENOMEM,
  );
}
