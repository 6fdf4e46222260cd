/**
 * do_mmap and __mmap_region: choose the address (MAP_FIXED, MAP_FIXED_NOREPLACE or the
 * top-down search), gather what the new mapping replaces into the side tree, merge the range
 * with its neighbours (vma_merge_new_range) or store a new VMA over it, then free what was
 * replaced. Private mappings only; a writable one is accounted (VM_ACCOUNT).
 */
import { MmNoMem, orNoMem } from "./alloc-failure.js";
import type { MmStruct } from "./mm-struct.js";
import { mmapAssertWriteLocked } from "./mmap-lock.js";
import {
  type VmaMunmapStruct,
  vmsAbortMunmapVmas,
  vmsCompleteMunmapVmas,
  vmsGatherMunmapVmas,
} from "./munmap.js";
import { getUnmappedAreaTopdown } from "./unmapped-area.js";
import {
  EEXIST,
  EINVAL,
  ENOMEM,
  VM_ACCOUNT,
  VM_GROWSDOWN,
  VM_GROWSUP,
  VM_WRITE,
} from "./vm-flags.js";
import { vmaFind, vmaIterClear, vmaIterPrealloc, vmaIterStore, vmaPrevFrom } from "./vma-iter.js";
import { vmaMergeNewRange } from "./vma-merge.js";

export type MapMode = "fixed" | "noreplace" | "hint";

export interface MmapArgs {
  /** Pages throughout. */
  addr: number;
  len: number;
  /** PROT_* bits (the same values as VM_READ, VM_WRITE, VM_EXEC). */
  prot: number;
  mode: MapMode;
  /** A file's number and the page offset, or null for anonymous memory. */
  file: { file: number; pgoff: number; close?: boolean } | null;
  grows: "none" | "down" | "up";
}

/** do_mmap: the mapped address (a page), or a negative errno. */
export function doMmap(mm: MmStruct, a: MmapArgs): number {
  mmapAssertWriteLocked(mm);
  const task = mm.layout.taskPages;
  if (a.len <= 0) return EINVAL;
  if (a.len > task) return ENOMEM;
  let addr: number | undefined = a.addr;
  if (a.mode === "hint") addr = getUnmappedAreaTopdown(mm, a.addr, a.len);
  else if (a.addr > task - a.len) return ENOMEM;
  if (addr === undefined) return ENOMEM;
  if (a.mode === "noreplace" && vmaFind(mm, addr, addr + a.len) !== undefined) return EEXIST;
  let flags = a.prot;
  if (a.grows === "down") flags |= VM_GROWSDOWN;
  if (a.grows === "up") flags |= VM_GROWSUP;
  if (flags & VM_WRITE) flags |= VM_ACCOUNT;
  const pgoff = a.file === null ? addr : a.file.pgoff;
  const at = addr;
  return orNoMem(
    () => {
      mmapRegion(mm, a.file?.file ?? null, a.file?.close === true, at, a.len, flags, pgoff);
      return at;
    },
    () => ENOMEM,
  );
}

/** __mmap_region */
function mmapRegion(
  mm: MmStruct,
  file: number | null,
  /** The file is a device whose mmap sets vm_ops with a close hook. */
  closeHook: boolean,
  addr: number,
  len: number,
  flags: number,
  pgoff: number,
): void {
  const end = addr + len;
  const old = vmaFind(mm, addr, end);
  let vms: VmaMunmapStruct | undefined;
  let prev: ReturnType<typeof vmaPrevFrom>;
  let next: ReturnType<typeof vmaFind>;
  if (old !== undefined) {
    vms = vmsGatherMunmapVmas(mm, old, addr, end);
    prev = vms.prev;
    next = vms.next;
  } else {
    next = vmaFind(mm, end);
    prev = vmaPrevFrom(mm, addr);
  }
  try {
    // A merge that cannot get its memory is skipped (VMA_MERGE_ERROR_NOMEM, nothing changed):
    // __mmap_region goes on to a VMA of its own, as 6.12 does.
    const merged = orNoMem(
      () =>
        vmaMergeNewRange(mm, {
          start: addr,
          end,
          flags,
          file,
          closeHook,
          pgoff,
          prev,
          next,
        }),
      () => undefined,
    );
    if (merged === undefined) {
      const vma = mm.ctx.vmAreaAlloc({
        vmStart: addr,
        vmEnd: end,
        vmFlags: flags,
        vmFile: file,
        vmPgoff: pgoff,
        vmCloseHook: closeHook,
      });
      vmaIterPrealloc(mm);
      mm.vmas.set(vma.id, vma);
      vmaIterStore(mm, vma);
    }
  } catch (e) {
    // abort_munmap. Out of memory after vms_clean_up_area cleared the old range's pages,
    // 6.12's vms_abort_munmap_vmas cannot give them back: it stores NULL over the range
    // (__GFP_NOFAIL) and completes the unmap, leaving a gap. Anything else: reattach.
    if (vms !== undefined) {
      if (e instanceof MmNoMem) {
        vmaIterClear(mm, addr, end);
        vmsCompleteMunmapVmas(mm, vms);
      } else vmsAbortMunmapVmas(vms);
    }
    throw e;
  }
  if (vms !== undefined) vmsCompleteMunmapVmas(mm, vms);
}
