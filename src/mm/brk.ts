/**
 * brk(2) as sys_brk and do_brk_flags do it: shrinking unmaps; growing checks the limits and
 * that a page stays free below the next VMA's guard gap, then expands the heap VMA that ends
 * at the old break (one above start_brk that can take the flags) or maps a new one.
 */
import { orNoMem } from "./alloc-failure.js";
import type { MmStruct } from "./mm-struct.js";
import { mmapAssertWriteLocked } from "./mmap-lock.js";
import { doVmiMunmap } from "./munmap.js";
import { VM_BRK_FLAGS } from "./vm-flags.js";
import { vmStartGap } from "./vma.js";
import { vmaFind, vmaIterPrealloc, vmaIterStore, vmaPrevFrom } from "./vma-iter.js";
import { vmaExpand, vmaMergeNewRange } from "./vma-merge.js";

/** sys_brk: the break after the call (the old one when it fails), in pages. */
export function sysBrk(mm: MmStruct, brk: number): number {
  mmapAssertWriteLocked(mm);
  const oldbrk = mm.brk;
  if (brk < mm.startBrk) return oldbrk;
  if (brk === oldbrk) return oldbrk;
  if (brk < oldbrk) {
    mm.brk = brk;
    if (doVmiMunmap(mm, brk, oldbrk - brk) !== 0) mm.brk = oldbrk;
    return mm.brk;
  }
  // check_brk_limits: get_unmapped_area(MAP_FIXED) fails past TASK_SIZE.
  if (brk > mm.layout.taskPages) return oldbrk;
  const next = vmaFind(mm, oldbrk, brk + 1 + mm.layout.guardPages);
  if (next !== undefined && brk + 1 > vmStartGap(next, mm.layout.guardPages)) return oldbrk;
  // vma_prev_limit(&vmi, mm->start_brk): the heap VMA, if one ends above start_brk.
  const below = vmaPrevFrom(mm, oldbrk);
  const brkvma = below !== undefined && below.vmEnd > mm.startBrk ? below : undefined;
  return orNoMem(
    () => {
      doBrkFlags(mm, brkvma, oldbrk, brk - oldbrk);
      mm.brk = brk;
      return brk;
    },
    () => oldbrk,
  );
}

/** do_brk_flags: expand vma when it ends at addr and can take the flags, else a new VMA. */
function doBrkFlags(
  mm: MmStruct,
  vma: ReturnType<typeof vmaFind>,
  addr: number,
  len: number,
): void {
  const flags = VM_BRK_FLAGS;
  // Fault #37: 6.1-rc expanded the VMA below the break when its flags matched, without
  // asking whether it ends at the old break; the merge code's own test would mask that.
  if (
    vma !== undefined &&
    mm.ctx.faults.has("brk-expand-without-adjacency-check") &&
    vma.vmFlags === flags &&
    vma.vmFile === null
  ) {
    vmaExpand(mm, {
      start: vma.vmStart,
      end: addr + len,
      flags,
      file: null,
      pgoff: vma.vmPgoff,
      prev: undefined,
      next: undefined,
      vma,
    });
    return;
  }
  if (vma !== undefined && vma.vmEnd === addr) {
    const merged = vmaMergeNewRange(mm, {
      start: addr,
      end: addr + len,
      flags,
      file: null,
      pgoff: addr,
      prev: vma,
      next: undefined,
    });
    if (merged !== undefined) return;
  }
  const created = mm.ctx.vmAreaAlloc({
    vmStart: addr,
    vmEnd: addr + len,
    vmFlags: flags,
    vmFile: null,
    vmPgoff: addr,
  });
  // vma_iter_store_gfp: a failure frees the new VMA, nothing else changed.
  vmaIterPrealloc(mm);
  mm.vmas.set(created.id, created);
  vmaIterStore(mm, created);
}
