/**
 * The readers: find_vma and find_vma_prev under the mmap lock, the lockless page-fault lookup
 * (lock_vma_under_rcu), and the /proc/PID/maps walk.
 */
import type { MmStruct } from "./mm-struct.js";
import { mmapAssertLocked, withMmapReadLock } from "./mmap-lock.js";
import type { VmAreaStruct } from "./vma.js";
import { forEachVma, vmaFind, vmaIterLoad, vmaPrevFrom } from "./vma-iter.js";

/** find_vma: the first VMA that ends above page addr. */
export function findVma(mm: MmStruct, addr: number): VmAreaStruct | undefined {
  mmapAssertLocked(mm);
  return vmaFind(mm, addr);
}

/** find_vma_prev: find_vma's VMA and the one before it. */
export function findVmaPrev(
  mm: MmStruct,
  addr: number,
): { vma: VmAreaStruct | undefined; prev: VmAreaStruct | undefined } {
  mmapAssertLocked(mm);
  const vma = vmaFind(mm, addr);
  return { vma, prev: vmaPrevFrom(mm, vma === undefined ? "max" : vma.vmStart) };
}

/**
 * lock_vma_under_rcu: a walk of the tree with no mmap lock, then the VMA's own checks (not
 * write-locked, not detached, the address inside it). undefined: the caller falls back to
 * the mmap lock.
 */
export function lockVmaUnderRcu(mm: MmStruct, addr: number): VmAreaStruct | undefined {
  const vma = vmaIterLoad(mm, addr);
  if (vma === undefined) return undefined;
  if (vma.vmLockSeq === mm.mmLockSeq) return undefined;
  if (vma.detached) return undefined;
  if (addr < vma.vmStart || addr >= vma.vmEnd) return undefined;
  return vma;
}

/** show_map's walk: every VMA in order under the mmap read lock. */
export function procMaps(mm: MmStruct): VmAreaStruct[] {
  return withMmapReadLock(mm, () => forEachVma(mm));
}
