/**
 * struct vm_area_struct, as much of it as the layer needs. Addresses are in pages; `vmPgoff`
 * is the file page of vmStart (for private anonymous memory, vmStart itself, as do_mmap sets
 * it). The tree stores the VMA's id over [vmStart, vmEnd) in bytes; the mm's table maps ids
 * back to VMAs, as the kernel's tree holds pointers.
 */
import { VM_ACCESS_FLAGS, VM_GROWSDOWN, VM_GROWSUP } from "./vm-flags.js";

export interface VmAreaStruct {
  readonly id: number;
  vmStart: number;
  vmEnd: number;
  vmFlags: number;
  /** The backing file's number, or null for anonymous memory. */
  vmFile: number | null;
  vmPgoff: number;
  /** vm_ops has a close hook: the file is a device (device N is not file N). */
  vmCloseHook?: boolean;
  /** vma->anon_vma's number (the mm numbers them from 1); null or undefined: none yet. */
  anonVma?: number | null;
  /** vm_lock_seq: equal to the mm's mm_lock_seq while the VMA is write-locked. */
  vmLockSeq: number;
  /** Taken out of the tree (munmap's side tree, or freed). */
  detached: boolean;
}

export function vmaPages(v: VmAreaStruct): number {
  return v.vmEnd - v.vmStart;
}

/** vma_is_accessible */
export function vmaIsAccessible(v: VmAreaStruct): boolean {
  return (v.vmFlags & VM_ACCESS_FLAGS) !== 0;
}

/** vm_start_gap */
export function vmStartGap(v: VmAreaStruct, guardPages: number): number {
  return v.vmFlags & VM_GROWSDOWN ? Math.max(0, v.vmStart - guardPages) : v.vmStart;
}

/** vm_end_gap */
export function vmEndGap(v: VmAreaStruct, guardPages: number, taskPages: number): number {
  return v.vmFlags & VM_GROWSUP ? Math.min(taskPages, v.vmEnd + guardPages) : v.vmEnd;
}
