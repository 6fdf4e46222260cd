/**
 * Stack growth from a page fault (6.12: always under the mmap write lock). expand_downwards
 * lowers a grows-down VMA's start to the faulting page, expand_upwards raises a grows-up
 * VMA's end past it; each refuses (-ENOMEM) when an accessible neighbour that does not grow
 * the same way is within stack_guard_gap. The VMA is stored again over its new span.
 */
import { orNoMem } from "./alloc-failure.js";
import type { MmStruct } from "./mm-struct.js";
import {
  mmapAssertWriteLocked,
  vmaStartWrite,
  withMmapReadLock,
  withMmapWriteLock,
} from "./mmap-lock.js";
import { EFAULT, ENOMEM, VM_GROWSDOWN, VM_GROWSUP } from "./vm-flags.js";
import { type VmAreaStruct, vmaIsAccessible } from "./vma.js";
import { vmaFind, vmaIterClear, vmaIterPrealloc, vmaIterStore, vmaPrevFrom } from "./vma-iter.js";

export function expandDownwards(mm: MmStruct, vma: VmAreaStruct, address: number): number {
  mmapAssertWriteLocked(mm);
  if (!(vma.vmFlags & VM_GROWSDOWN)) return EFAULT;
  const prev = vmaPrevFrom(mm, vma.vmStart);
  if (
    prev !== undefined &&
    !(prev.vmFlags & VM_GROWSDOWN) &&
    vmaIsAccessible(prev) &&
    address - prev.vmEnd < mm.layout.guardPages
  )
    return ENOMEM;
  if (address < vma.vmStart) {
    if (mm.ctx.faults.has("expand-stores-before-prealloc"))
      return expandDownwardsStoreFirst(mm, vma, address);
    vmaIterPrealloc(mm);
    vmaStartWrite(mm, vma);
    vma.vmPgoff -= vma.vmStart - address;
    vma.vmStart = address;
    vmaIterStore(mm, vma);
  }
  return 0;
}

/** The self-test fault: the grown VMA stored first, the store undone when preallocation fails. */
function expandDownwardsStoreFirst(mm: MmStruct, vma: VmAreaStruct, address: number): number {
  const { vmStart, vmPgoff } = vma;
  vmaStartWrite(mm, vma);
  vma.vmPgoff -= vma.vmStart - address;
  vma.vmStart = address;
  vmaIterStore(mm, vma);
  try {
    vmaIterPrealloc(mm);
  } catch (e) {
    vma.vmStart = vmStart;
    vma.vmPgoff = vmPgoff;
    vmaIterClear(mm, address, vmStart);
    throw e;
  }
  return 0;
}

export function expandUpwards(mm: MmStruct, vma: VmAreaStruct, address: number): number {
  mmapAssertWriteLocked(mm);
  if (!(vma.vmFlags & VM_GROWSUP)) return EFAULT;
  const { taskPages, guardPages } = mm.layout;
  if (address >= taskPages) return ENOMEM;
  const newEnd = address + 1;
  const gapAddr = Math.min(taskPages, newEnd + guardPages);
  const next = vmaFind(mm, vma.vmEnd, gapAddr);
  if (next !== undefined && vmaIsAccessible(next) && !(next.vmFlags & VM_GROWSUP)) return ENOMEM;
  if (newEnd > vma.vmEnd) {
    vmaIterPrealloc(mm);
    vmaStartWrite(mm, vma);
    vma.vmEnd = newEnd;
    vmaIterStore(mm, vma);
  }
  return 0;
}

/**
 * The fault path for a grows-down stack (lock_mm_and_find_vma): find_vma under the read
 * lock; a page inside a VMA needs nothing; below a grows-down VMA, the lock is taken for
 * write, the VMA looked up again and expanded. 0 or a negative errno.
 */
export function faultExpandDown(mm: MmStruct, address: number): number {
  const found = withMmapReadLock(mm, () => vmaFind(mm, address));
  if (found === undefined) return EFAULT;
  if (found.vmStart <= address) return 0;
  if (!(found.vmFlags & VM_GROWSDOWN)) return EFAULT;
  return withMmapWriteLock(mm, () => {
    const vma = vmaFind(mm, address);
    if (vma === undefined) return EFAULT;
    if (vma.vmStart <= address) return 0;
    return orNoMem(
      () => expandDownwards(mm, vma, address),
      () => ENOMEM,
    );
  });
}

/** The same for a grows-up stack (find_vma_prev; the VMA below the page expands). */
export function faultExpandUp(mm: MmStruct, address: number): number {
  return withMmapWriteLock(mm, () => {
    const vma = vmaFind(mm, address);
    if (vma !== undefined && vma.vmStart <= address) return 0;
    const prev = vma === undefined ? vmaPrevFrom(mm, "max") : vmaPrevFrom(mm, vma.vmStart);
    if (prev === undefined) return EFAULT;
    return orNoMem(
      () => expandUpwards(mm, prev, address),
      () => ENOMEM,
    );
  });
}
