/**
 * Merging, as 6.12's mm/vma.c does it: a merge state (struct vma_merge_struct) describes a
 * range with its would-be flags, file and offset and its neighbours; vma_merge_new_range
 * merges a range not yet mapped (mmap, brk), vma_merge_existing_range a part of an existing
 * VMA whose flags change (vma_modify_flags, for mprotect), and vma_expand grows a VMA over
 * the merged range.
 */
import type { MmStruct } from "./mm-struct.js";
import { mmapAssertWriteLocked, vmaStartWrite } from "./mmap-lock.js";
import { splitVma } from "./split-vma.js";
import { type VmAreaStruct, vmaPages } from "./vma.js";
import { vmaIterPrealloc, vmaIterStore } from "./vma-iter.js";

export interface VmaMergeStruct {
  start: number;
  end: number;
  flags: number;
  file: number | null;
  /** The file is a device: its mappings have a close hook (part of the file's identity). */
  closeHook?: boolean;
  /** The range's anon_vma (vma_modify: the modified VMA's; a new range: none). */
  anonVma?: number | null;
  pgoff: number;
  prev: VmAreaStruct | undefined;
  next: VmAreaStruct | undefined;
  /** The VMA being modified (vma_merge_existing_range), or the one expanded. */
  vma?: VmAreaStruct;
}

/** is_mergeable_vma: same flags and file. */
function isMergeableVma(vmg: VmaMergeStruct, v: VmAreaStruct): boolean {
  return v.vmFlags === vmg.flags && v.vmFile === vmg.file && !v.vmCloseHook === !vmg.closeHook;
}

/**
 * is_mergeable_anon_vma: one side without an anon_vma merges when the existing VMA v has a
 * singular anon_vma_chain (it has an anon_vma and no fork made its chain longer: the layer
 * has no chains, so: it has one); else both must be the same.
 */
function isMergeableAnonVma(a: number | null | undefined, v: VmAreaStruct): boolean {
  const mine = a ?? null;
  const b = v.anonVma ?? null;
  if ((mine === null || b === null) && b !== null) return true;
  return mine === b;
}

/** are_anon_vmas_compatible: the two neighbours of a merge of both sides. */
function areAnonVmasCompatible(a: VmAreaStruct, b: VmAreaStruct): boolean {
  return (a.anonVma ?? null) === null || (b.anonVma ?? null) === null || a.anonVma === b.anonVma;
}

/** can_merge_remove_vma: a VMA with a close hook is never removed by a merge. */
function canMergeRemoveVma(v: VmAreaStruct): boolean {
  return !v.vmCloseHook;
}

/** dup_anon_vma: dst, expanded over src's pages, takes src's anon_vma when it has none. */
function dupAnonVma(dst: VmAreaStruct, src: VmAreaStruct | undefined): void {
  if (src !== undefined && (dst.anonVma ?? null) === null && (src.anonVma ?? null) !== null)
    dst.anonVma = src.anonVma;
}

/** can_vma_merge_after: the range continues prev (same memory, offsets in line). */
function canVmaMergeLeft(vmg: VmaMergeStruct): boolean {
  const prev = vmg.prev;
  return (
    prev !== undefined &&
    prev.vmEnd === vmg.start &&
    isMergeableVma(vmg, prev) &&
    isMergeableAnonVma(vmg.anonVma, prev) &&
    prev.vmPgoff + vmaPages(prev) === vmg.pgoff
  );
}

/** can_vma_merge_before: next continues the range. */
function canVmaMergeRight(vmg: VmaMergeStruct): boolean {
  const next = vmg.next;
  return (
    next !== undefined &&
    next.vmStart === vmg.end &&
    isMergeableVma(vmg, next) &&
    isMergeableAnonVma(vmg.anonVma, next) &&
    vmg.pgoff + (vmg.end - vmg.start) === next.vmPgoff
  );
}

/** vma_complete's bookkeeping for a VMA the merge removed: out of the table, detached. */
function removeVma(mm: MmStruct, v: VmAreaStruct): void {
  v.detached = true;
  mm.vmas.delete(v.id);
}

/**
 * vma_expand: vmg.vma grows to [vmg.start, vmg.end) with vmg.pgoff; a `next` it now covers
 * entirely is removed. One store of the grown VMA.
 */
export function vmaExpand(mm: MmStruct, vmg: VmaMergeStruct): VmAreaStruct {
  mmapAssertWriteLocked(mm);
  const vma = vmg.vma as VmAreaStruct;
  vmaIterPrealloc(mm);
  vmaStartWrite(mm, vma);
  const next = vmg.next;
  const removeNext = next !== undefined && next !== vma && vmg.end === next.vmEnd;
  if (removeNext) {
    vmaStartWrite(mm, next);
    dupAnonVma(vma, next);
  }
  vma.vmStart = vmg.start;
  vma.vmEnd = vmg.end;
  vma.vmPgoff = vmg.pgoff;
  vmaIterStore(mm, vma);
  if (removeNext) removeVma(mm, next);
  return vma;
}

/** vma_merge_new_range: the new range [start, end) merged into prev and/or next, or undefined. */
export function vmaMergeNewRange(mm: MmStruct, vmg: VmaMergeStruct): VmAreaStruct | undefined {
  mmapAssertWriteLocked(mm);
  if (vmg.prev === undefined && vmg.next === undefined) return undefined;
  const left = canVmaMergeLeft(vmg);
  const right =
    canVmaMergeRight(vmg) &&
    (!left || areAnonVmasCompatible(vmg.prev as VmAreaStruct, vmg.next as VmAreaStruct));
  const merged: VmaMergeStruct = { ...vmg };
  if (right) {
    const next = vmg.next as VmAreaStruct;
    merged.end = next.vmEnd;
    merged.vma = next;
    // Fault #43: the merge rewrite stopped moving next's file offset down with its start.
    merged.pgoff = mm.ctx.faults.has("merge-next-keeps-old-pgoff")
      ? next.vmPgoff
      : next.vmPgoff - (vmg.end - vmg.start);
  }
  if (left) {
    const prev = vmg.prev as VmAreaStruct;
    merged.start = prev.vmStart;
    merged.vma = prev;
    merged.pgoff = prev.vmPgoff;
    // next may not be removed: only the merge with prev.
    if (right && !canMergeRemoveVma(vmg.next as VmAreaStruct)) merged.end = vmg.end;
  }
  return merged.vma === undefined ? undefined : vmaExpand(mm, merged);
}

/**
 * vma_merge_existing_range: the part [start, end) of vmg.vma, with new flags, merged with
 * prev where it starts at the VMA's start and with next where it ends at the VMA's end.
 * The VMA keeps what the merge does not take; it is removed when nothing is left.
 */
export function vmaMergeExistingRange(mm: MmStruct, vmg: VmaMergeStruct): VmAreaStruct | undefined {
  mmapAssertWriteLocked(mm);
  const vma = vmg.vma as VmAreaStruct;
  const leftSide = vmg.start === vma.vmStart;
  const rightSide = vmg.end === vma.vmEnd;
  const mergeLeft = leftSide && canVmaMergeLeft(vmg);
  let mergeRight =
    rightSide &&
    canVmaMergeRight(vmg) &&
    (!mergeLeft || areAnonVmasCompatible(vmg.prev as VmAreaStruct, vmg.next as VmAreaStruct));
  if (!mergeLeft && !mergeRight) return undefined;
  // A merge that would remove vma, a VMA with a close hook: none.
  if (leftSide && rightSide && !canMergeRemoveVma(vma)) return undefined;
  if (mergeLeft && mergeRight && !canMergeRemoveVma(vmg.next as VmAreaStruct)) mergeRight = false;
  vmaIterPrealloc(mm);
  vmaStartWrite(mm, vma);
  const prev = vmg.prev as VmAreaStruct;
  const next = vmg.next as VmAreaStruct;
  if (mergeLeft && mergeRight) {
    vmaStartWrite(mm, prev);
    vmaStartWrite(mm, next);
    dupAnonVma(prev, (next.anonVma ?? null) !== null ? next : vma);
    prev.vmEnd = next.vmEnd;
    vmaIterStore(mm, prev);
    removeVma(mm, vma);
    removeVma(mm, next);
    return prev;
  }
  if (mergeLeft) {
    vmaStartWrite(mm, prev);
    dupAnonVma(prev, vma);
    prev.vmEnd = vmg.end;
    vmaIterStore(mm, prev);
    if (rightSide) removeVma(mm, vma);
    else {
      vma.vmPgoff += vmg.end - vma.vmStart;
      vma.vmStart = vmg.end;
    }
    return prev;
  }
  vmaStartWrite(mm, next);
  dupAnonVma(next, vma);
  next.vmPgoff -= next.vmStart - vmg.start;
  next.vmStart = vmg.start;
  vmaIterStore(mm, next);
  if (leftSide) removeVma(mm, vma);
  else vma.vmEnd = vmg.start;
  return next;
}

/**
 * vma_modify_flags: [start, end) of vma gets `flags`: merged with a neighbour when it can,
 * else split out of vma (below, then above) and given the flags.
 */
export function vmaModifyFlags(
  mm: MmStruct,
  prev: VmAreaStruct | undefined,
  vma: VmAreaStruct,
  start: number,
  end: number,
  flags: number,
  next: VmAreaStruct | undefined,
): VmAreaStruct {
  const vmg: VmaMergeStruct = {
    start,
    end,
    flags,
    file: vma.vmFile,
    closeHook: vma.vmCloseHook,
    anonVma: vma.anonVma,
    pgoff: vma.vmPgoff + (start - vma.vmStart),
    prev,
    next,
    vma,
  };
  const merged = vmaMergeExistingRange(mm, vmg);
  if (merged !== undefined) return merged;
  if (vma.vmStart < start) splitVma(mm, vma, start, true);
  if (vma.vmEnd > end) splitVma(mm, vma, end, false);
  vmaStartWrite(mm, vma);
  vma.vmFlags = flags;
  return vma;
}
