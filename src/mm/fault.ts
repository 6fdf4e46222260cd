/**
 * A write fault's anon_vma_prepare: the VMA holding the address gets an anon_vma if it has
 * none, a neighbour's when find_mergeable_anon_vma finds one it can reuse (next first, then
 * prev: adjacent, same file and offsets in line, flags equal but for the access bits, and
 * that neighbour has an anon_vma), else a new one numbered by the mm. Only the anon_vma:
 * no page tables here.
 */
import type { MmStruct } from "./mm-struct.js";
import { withMmapReadLock } from "./mmap-lock.js";
import { EFAULT, VM_ACCESS_FLAGS, VM_WRITE } from "./vm-flags.js";
import type { VmAreaStruct } from "./vma.js";
import { vmaFind, vmaPrevFrom } from "./vma-iter.js";

/** anon_vma_compatible(a, b): b continues a in everything but the access bits. */
function anonVmaCompatible(a: VmAreaStruct, b: VmAreaStruct): boolean {
  return (
    a.vmEnd === b.vmStart &&
    a.vmFile === b.vmFile &&
    !a.vmCloseHook === !b.vmCloseHook &&
    ((a.vmFlags ^ b.vmFlags) & ~VM_ACCESS_FLAGS) === 0 &&
    b.vmPgoff === a.vmPgoff + (b.vmStart - a.vmStart)
  );
}

function findMergeableAnonVma(mm: MmStruct, vma: VmAreaStruct): number | null {
  const next = vmaFind(mm, vma.vmEnd);
  if (next !== undefined && anonVmaCompatible(vma, next) && (next.anonVma ?? null) !== null)
    return next.anonVma as number;
  const prev = vmaPrevFrom(mm, vma.vmStart);
  if (prev !== undefined && anonVmaCompatible(prev, vma) && (prev.anonVma ?? null) !== null)
    return prev.anonVma as number;
  return null;
}

/** A write fault at page addr: 0, or EFAULT (no VMA holds it, or it is not writable). */
export function handleWriteFault(mm: MmStruct, addr: number): number {
  return withMmapReadLock(mm, () => {
    const vma = vmaFind(mm, addr);
    if (vma === undefined || vma.vmStart > addr || (vma.vmFlags & VM_WRITE) === 0) return EFAULT;
    if ((vma.anonVma ?? null) === null)
      vma.anonVma = findMergeableAnonVma(mm, vma) ?? ++mm.anonVmas;
    return 0;
  });
}
