/**
 * split_vma (__split_vma): one VMA becomes two at page `addr`. The new VMA is the part below
 * `addr` when `newBelow`, else the part above; it is stored over its span, which takes that
 * part out of the old VMA's range in the tree in the same store.
 */
import type { MmStruct } from "./mm-struct.js";
import { mmapAssertWriteLocked, vmaStartWrite } from "./mmap-lock.js";
import type { VmAreaStruct } from "./vma.js";
import { vmaIterPrealloc, vmaIterStore } from "./vma-iter.js";

export function splitVma(
  mm: MmStruct,
  vma: VmAreaStruct,
  addr: number,
  newBelow: boolean,
): VmAreaStruct {
  mmapAssertWriteLocked(mm);
  if (addr <= vma.vmStart || addr >= vma.vmEnd)
    throw new Error(`split_vma at page ${addr} outside VMA ${vma.id}`);
  const shift = addr - vma.vmStart;
  const created = mm.ctx.vmAreaAlloc({
    vmStart: newBelow ? vma.vmStart : addr,
    vmEnd: newBelow ? addr : vma.vmEnd,
    vmFlags: vma.vmFlags,
    vmFile: vma.vmFile,
    vmPgoff: newBelow ? vma.vmPgoff : vma.vmPgoff + shift,
    // vm_area_dup copies vm_ops; anon_vma_clone gives the new VMA the same anon_vma.
    vmCloseHook: vma.vmCloseHook,
    anonVma: vma.anonVma,
  });
  vmaIterPrealloc(mm);
  if (!mm.ctx.faults.has("split-skips-vma-start-write")) vmaStartWrite(mm, vma);
  if (newBelow) {
    vma.vmStart = addr;
    vma.vmPgoff += shift;
  } else {
    vma.vmEnd = addr;
  }
  mm.vmas.set(created.id, created);
  vmaIterStore(mm, created);
  return created;
}
