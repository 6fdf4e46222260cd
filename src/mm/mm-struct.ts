/**
 * struct mm_struct: the VMA tree (mm_mt, created with MM_MT_FLAGS), the table of VMAs the
 * tree's entries name, the mmap lock and mm_lock_seq, and the program break. An MmContext
 * is what all mms of one run share: the tree backend, the layout and the VMA allocator.
 */
import type { TreeBackend } from "../backend/backend.js";
import { MT_FLAGS_ALLOC_RANGE, MT_FLAGS_LOCK_EXTERN, MT_FLAGS_USE_RCU } from "../impl/constants.js";
import type { Geometry } from "../impl/geometry.js";
import { AllocFailure } from "./alloc-failure.js";
import type { MmFault, MmSelfTestFault } from "./mm-faults.js";
import { MmapLock } from "./mmap-lock.js";
import type { VmAreaStruct } from "./vma.js";
import { VmaTree } from "./vma-tree.js";

/**
 * Which mm the layer is: "6.12" (MM_MT_FLAGS with MT_FLAGS_USE_RCU, dup_mmap and exit_mmap
 * toggling RCU mode), or "pre-seed", 6.1's MM_MT_FLAGS without RCU mode and no toggles.
 */
export type MmFlavour = "6.12" | "pre-seed";

export function mmMtFlags(flavour: MmFlavour): number {
  const flags = MT_FLAGS_ALLOC_RANGE | MT_FLAGS_LOCK_EXTERN;
  return flavour === "6.12" ? flags | MT_FLAGS_USE_RCU : flags;
}

/** The protocol's init text for MM_MT_FLAGS (the external lock is not the tree's concern). */
function mmMtFlagsText(flavour: MmFlavour): string {
  return flavour === "6.12" ? "alloc|rcu" : "alloc";
}

export interface MmLayout {
  /** TASK_SIZE in pages (also mmap_base). */
  taskPages: number;
  /** stack_guard_gap in pages. */
  guardPages: number;
  /** mm->start_brk in pages. */
  startBrk: number;
}

export class MmContext {
  private nextId = 1;
  /** The armed allocation failure (failalloc). */
  readonly allocFailure = new AllocFailure();

  constructor(
    readonly backend: TreeBackend,
    readonly geometry: Geometry,
    readonly layout: MmLayout,
    readonly flavour: MmFlavour,
    /** The historic bugs (and self-test faults) switched on (src/mm/mm-faults.ts). */
    readonly faults: ReadonlySet<MmFault | MmSelfTestFault> = new Set(),
  ) {}

  /** vm_area_alloc: a fresh VMA with a new id. */
  vmAreaAlloc(fields: Omit<VmAreaStruct, "id" | "vmLockSeq" | "detached">): VmAreaStruct {
    this.allocFailure.allocate();
    return { ...fields, id: this.nextId++, vmLockSeq: -1, detached: false };
  }

  /** A tree with the given flags (munmap's side tree). */
  openTree(flags: number, flagsText: string): VmaTree {
    return new VmaTree(this.backend, this.geometry, flags, flagsText);
  }
}

export class MmStruct {
  readonly mmMt: VmaTree;
  readonly vmas = new Map<number, VmAreaStruct>();
  readonly mmapLock = new MmapLock();
  /** mm_lock_seq: advanced when the mmap write lock is released (vma_end_write_all). */
  mmLockSeq = 0;
  brk: number;
  readonly startBrk: number;
  /** The anon_vmas this mm has made (anon_vma_prepare numbers the next one more). */
  anonVmas = 0;

  /** mm_init: an empty mm whose tree has MM_MT_FLAGS. */
  constructor(readonly ctx: MmContext) {
    this.mmMt = ctx.openTree(mmMtFlags(ctx.flavour), mmMtFlagsText(ctx.flavour));
    this.startBrk = ctx.layout.startBrk;
    this.brk = this.startBrk;
  }

  get layout(): MmLayout {
    return this.ctx.layout;
  }

  /** The VMA an entry of the tree names; an unknown id is a corrupted tree. */
  vmaOf(id: number): VmAreaStruct {
    const v = this.vmas.get(id);
    if (v === undefined) throw new Error(`the tree names VMA ${id}, which this mm does not have`);
    return v;
  }
}
