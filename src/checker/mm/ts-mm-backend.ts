/**
 * The TypeScript mm layer (src/mm) as an MmBackend: a few process slots, each an MmStruct on
 * the given tree backend, every command run the way its system call runs (the mmap lock
 * taken, then do_mmap, do_vmi_munmap, do_mprotect_pkey, sys_brk, a fault's stack growth,
 * dup_mmap, exit_mmap, the lookups).
 */
import type { TreeBackend } from "../../backend/backend.js";
import type { Geometry } from "../../impl/geometry.js";
import {
  doMmap,
  doMprotectPkey,
  doVmiMunmap,
  dupMmap,
  ERRNO_NAME,
  exitMmap,
  faultExpandDown,
  faultExpandUp,
  findVma,
  findVmaPrev,
  handleWriteFault,
  lockVmaUnderRcu,
  MmContext,
  type MmFault,
  type MmFlavour,
  type MmSelfTestFault,
  MmStruct,
  procMaps,
  sysBrk,
  validateMm,
  withMmapReadLock,
  withMmapWriteLock,
} from "../../mm/index.js";
import type { SpaceConfig } from "../../model/address-space/index.js";
import type { MmBackend, MmRunResult, VmaFacts } from "./mm-backend.js";
import { hexAddr, type MmCommand } from "./mm-command.js";
import { vmaLine } from "./vma-text.js";

export interface TsMmBackendOptions {
  backend: TreeBackend;
  geometry: Geometry;
  config: SpaceConfig;
  flavour: MmFlavour;
  mms: number;
  /** mm-layer faults switched on. */
  faults?: readonly (MmFault | MmSelfTestFault)[];
}

export function errText(ret: number): string {
  return ret < 0 ? `-${ERRNO_NAME[ret] ?? ret}` : String(ret);
}

export class TsMmBackend implements MmBackend {
  readonly name = "ts";
  readonly description = "the TypeScript mm layer";
  private readonly ctx: MmContext;
  readonly mms: MmStruct[];

  constructor(o: TsMmBackendOptions) {
    this.ctx = new MmContext(o.backend, o.geometry, o.config, o.flavour, new Set(o.faults));
    this.mms = Array.from({ length: o.mms }, () => new MmStruct(this.ctx));
  }

  run(c: MmCommand, failAt: number | undefined): MmRunResult {
    if (failAt !== undefined) this.ctx.allocFailure.arm(failAt);
    try {
      const answer = this.answer(c);
      // Still armed: the command took fewer allocations than failAt and ran as usual.
      const hit = failAt !== undefined && !this.ctx.allocFailure.armed;
      // brk answers its old break when it gives up; the others -ENOMEM. mmap goes on past a
      // merge that could not allocate (a VMA of its own instead).
      const gaveUp = hit && (c.op === "brk" || answer === "-ENOMEM");
      return { answer, allocFailed: gaveUp, allocSurvived: hit && !gaveUp };
    } finally {
      this.ctx.allocFailure.disarm();
    }
  }

  maps(mm: number): readonly VmaFacts[] {
    return procMaps(this.mms[mm]);
  }

  brk(mm: number): number {
    return this.mms[mm].brk;
  }

  validate(mm: number): string | undefined {
    return validateMm(this.mms[mm]);
  }

  private answer(c: MmCommand): string {
    const mm = this.mms[c.mm];
    switch (c.op) {
      case "mmap": {
        const ret = withMmapWriteLock(mm, () =>
          doMmap(mm, {
            addr: c.start,
            len: c.end - c.start,
            prot: c.prot,
            mode: c.mode,
            file: c.file,
            grows: c.grows,
          }),
        );
        return ret < 0 ? errText(ret) : hexAddr(ret);
      }
      case "munmap":
        return errText(withMmapWriteLock(mm, () => doVmiMunmap(mm, c.start, c.end - c.start)));
      case "mprotect":
        return errText(
          withMmapWriteLock(mm, () => doMprotectPkey(mm, c.start, c.end - c.start, c.prot)),
        );
      case "brk":
        return hexAddr(withMmapWriteLock(mm, () => sysBrk(mm, c.addr)));
      case "expand_downwards":
        return errText(faultExpandDown(mm, c.addr));
      case "expand_upwards":
        return errText(faultExpandUp(mm, c.addr));
      case "fork": {
        exitMmap(this.mms[c.child]);
        const child = new MmStruct(this.ctx);
        this.mms[c.child] = child;
        if (dupMmap(mm, child) < 0) {
          // copy_mm's failure: mmput tears the half-made child down; no child process.
          exitMmap(child);
          this.mms[c.child] = new MmStruct(this.ctx);
          return "-ENOMEM";
        }
        return "ok";
      }
      case "exit":
        exitMmap(mm);
        this.mms[c.mm] = new MmStruct(this.ctx);
        return "ok";
      case "find_vma":
        return vmaLine(withMmapReadLock(mm, () => findVma(mm, c.addr)));
      case "find_vma_prev": {
        const r = withMmapReadLock(mm, () => findVmaPrev(mm, c.addr));
        return `${vmaLine(r.vma)} / ${vmaLine(r.prev)}`;
      }
      case "lock_vma_under_rcu":
        return vmaLine(lockVmaUnderRcu(mm, c.addr));
      case "fault":
        return errText(handleWriteFault(mm, c.addr));
      case "maps":
        return procMaps(mm).map(vmaLine).join(", ");
      case "failalloc":
        throw new Error("failalloc is the pair's, not the backend's");
    }
  }
}
