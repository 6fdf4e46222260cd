/**
 * do_mprotect_pkey (with mprotect_fixup): every VMA in [start, end) whose flags change gets the
 * new protection through vma_modify_flags (merge or split); a VMA whose flags stay the same
 * is left alone (compared before VM_ACCOUNT is adjusted, as the kernel does). A hole stops
 * the walk with -ENOMEM, after the VMAs below it were changed.
 */
import { orNoMem } from "./alloc-failure.js";
import type { MmStruct } from "./mm-struct.js";
import { mmapAssertWriteLocked } from "./mmap-lock.js";
import { ENOMEM, VM_ACCESS_FLAGS, VM_ACCOUNT, VM_WRITE } from "./vm-flags.js";
import type { VmAreaStruct } from "./vma.js";
import { vmaFind, vmaPrevFrom } from "./vma-iter.js";
import { vmaModifyFlags } from "./vma-merge.js";

export function doMprotectPkey(mm: MmStruct, start: number, len: number, prot: number): number {
  mmapAssertWriteLocked(mm);
  return orNoMem(
    () => mprotectRange(mm, start, len, prot),
    () => ENOMEM,
  );
}

function mprotectRange(mm: MmStruct, start: number, len: number, prot: number): number {
  if (len === 0) return 0;
  const end = start + len;
  let p = start;
  while (p < end) {
    const vma = vmaFind(mm, p, end);
    // Fault #36: the loop ends on a trailing hole and the final check compares the iterator's
    // end, which the hole reaches past `end`: no error.
    if (vma === undefined && mm.ctx.faults.has("mprotect-end-check-uses-iterator-end")) return 0;
    if (vma === undefined || vma.vmStart > p) return ENOMEM;
    const partEnd = Math.min(end, vma.vmEnd);
    const newflags = (vma.vmFlags & ~VM_ACCESS_FLAGS) | prot;
    if (newflags !== vma.vmFlags)
      vmaModifyFlags(
        mm,
        vmaPrevFrom(mm, vma.vmStart),
        vma,
        p,
        partEnd,
        accountedFlags(vma, newflags),
        vmaFind(mm, vma.vmEnd),
      );
    p = partEnd;
  }
  return 0;
}

/**
 * mprotect_fixup's VM_ACCOUNT: a private mapping made writable is charged; one made
 * unwritable keeps its charge unless it is anonymous with no anon_vma yet (6.12 gives that
 * charge back; nothing was written, so nothing private needs the commit).
 */
function accountedFlags(vma: VmAreaStruct, newflags: number): number {
  if (newflags & VM_WRITE)
    return vma.vmFlags & (VM_ACCOUNT | VM_WRITE) ? newflags : newflags | VM_ACCOUNT;
  if (vma.vmFlags & VM_ACCOUNT && vma.vmFile === null && (vma.anonVma ?? null) === null)
    return newflags & ~VM_ACCOUNT;
  return newflags;
}
