/**
 * The address-space model and the mm layer side by side, over a few process slots. Each
 * command runs on both; the answers must be equal, then every slot's mappings and break,
 * then every mm must pass validate_mm (the tree's validation and the mm's invariants). The
 * first difference is an MmMismatch.
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
import * as model from "../../model/address-space/index.js";
import { formatMmCommand, hexAddr, type MmCommand } from "./mm-command.js";
import { splitLikeLayer } from "./unchanged-after-nomem.js";
import { mappingLine, vmaLine } from "./vma-text.js";

export class MmMismatch extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MmMismatch";
  }
}

export interface MmPairOptions {
  backend: TreeBackend;
  geometry: Geometry;
  config: model.SpaceConfig;
  flavour: MmFlavour;
  mms: number;
  /** mm-layer faults switched on (the model has none). */
  faults?: readonly (MmFault | MmSelfTestFault)[];
}

function errText(ret: number): string {
  return ret < 0 ? `-${ERRNO_NAME[ret] ?? ret}` : String(ret);
}

function modelRetText(ret: model.Ret): string {
  if (ret.kind === "err") return `-${ret.errno}`;
  if (ret.kind === "brk") return hexAddr(ret.brk);
  return ret.addr === undefined ? "0" : hexAddr(ret.addr);
}

/** The commands whose allocations failalloc makes fail. */
const ALLOCATING = new Set([
  "mmap",
  "munmap",
  "mprotect",
  "brk",
  "expand_downwards",
  "expand_upwards",
  "fork",
]);

export class MmPair {
  private readonly ctx: MmContext;
  /** failalloc's pending failure: the slot whose next allocating command it hits. */
  private failAlloc: { mm: number; k: number } | undefined;
  readonly mms: MmStruct[];
  spaces: model.AddressSpace[];
  private readonly config: model.SpaceConfig;

  constructor(o: MmPairOptions) {
    this.config = o.config;
    this.ctx = new MmContext(o.backend, o.geometry, o.config, o.flavour, new Set(o.faults));
    this.mms = Array.from({ length: o.mms }, () => new MmStruct(this.ctx));
    this.spaces = Array.from({ length: o.mms }, () => model.emptySpace(o.config));
  }

  /** Runs one command on both sides and checks everything after it. */
  run(c: MmCommand): void {
    const line = formatMmCommand(c);
    const fail = this.failAlloc;
    const armed = fail !== undefined && fail.mm === c.mm && ALLOCATING.has(c.op);
    if (armed) {
      this.failAlloc = undefined;
      this.ctx.allocFailure.arm(fail.k);
    }
    let got: string;
    try {
      got = this.runLayer(c);
    } catch (e) {
      throw new MmMismatch(`mm layer failed at \`${line}\`: ${(e as Error).message}`);
    } finally {
      // Still armed: the command took fewer allocations than k and ran as usual.
      this.failed = armed && !this.ctx.allocFailure.armed;
      this.ctx.allocFailure.disarm();
    }
    // An allocation failed: the model says nothing changed.
    const want = this.failed ? this.unchangedAnswer(c) : this.runModel(c);
    if (got !== want)
      throw new MmMismatch(`answer differs after \`${line}\`: mm says ${got}; model says ${want}`);
    if (this.failed) {
      const split = splitLikeLayer(this.spacesAfterFailure(c), procMaps(this.mms[c.mm]));
      if (typeof split === "string")
        throw new MmMismatch(`\`${line}\` failed its allocation but changed mm ${c.mm}: ${split}`);
      this.spaces[c.mm] = { ...this.spaces[c.mm], mappings: split };
      // A failed fork made no child: the slot's old process had exited, nothing replaced it.
      if (c.op === "fork") this.spaces[c.child] = model.exit(this.spaces[c.child], this.config);
    }
    this.mms.forEach((mm, i) => {
      const layer = procMaps(mm).map(vmaLine).join(", ");
      const expected = this.spaces[i].mappings.map(mappingLine).join(", ");
      if (layer !== expected)
        throw new MmMismatch(
          `mappings of mm ${i} differ after \`${line}\`: mm has [${layer}]; model has [${expected}]`,
        );
      if (mm.brk !== this.spaces[i].brk)
        throw new MmMismatch(
          `brk of mm ${i} differs after \`${line}\`: mm has ${hexAddr(mm.brk)}; model has ${hexAddr(this.spaces[i].brk)}`,
        );
      const problem = validateMm(mm);
      if (problem !== undefined)
        throw new MmMismatch(`validate_mm of mm ${i} after \`${line}\`: ${problem}`);
    });
  }

  /** The last command hit its failing allocation. */
  failed = false;

  /**
   * What a command may leave when an allocation fails: the space as it was; for mprotect,
   * which changes VMA after VMA and undoes none (do_mprotect_pkey), also the range changed up
   * to any boundary the layer now has inside it.
   */
  private spacesAfterFailure(c: MmCommand): (readonly model.Mapping[])[] {
    const s = this.spaces[c.mm];
    if (c.op !== "mprotect") return [s.mappings];
    const cuts = procMaps(this.mms[c.mm])
      .map((v) => v.vmStart)
      .filter((p) => c.start < p && p < c.end);
    return [s.mappings, ...cuts.map((p) => model.mprotect(s, c.start, p, c.prot).space.mappings)];
  }

  private unchangedAnswer(c: MmCommand): string {
    return c.op === "brk" ? hexAddr(this.spaces[c.mm].brk) : "-ENOMEM";
  }

  private runLayer(c: MmCommand): string {
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
      case "maps":
        return procMaps(mm).map(vmaLine).join(", ");
      case "failalloc":
        this.failAlloc = { mm: c.mm, k: c.k };
        return "ok";
    }
  }

  private runModel(c: MmCommand): string {
    const s = this.spaces[c.mm];
    const cfg = this.config;
    const apply = (o: model.Outcome): string => {
      this.spaces[c.mm] = o.space;
      return modelRetText(o.ret);
    };
    switch (c.op) {
      case "mmap": {
        const backing: model.Backing = c.file === null ? model.ANON : { kind: "file", ...c.file };
        return apply(
          model.mmap(s, cfg, {
            addr: c.start,
            len: c.end - c.start,
            prot: c.prot,
            mode: c.mode,
            backing,
            grows: c.grows,
          }),
        );
      }
      case "munmap":
        return apply(model.munmap(s, cfg, c.start, c.end));
      case "mprotect":
        return apply(model.mprotect(s, c.start, c.end, c.prot));
      case "brk":
        return apply(model.brk(s, cfg, c.addr));
      case "expand_downwards":
        return apply(model.expandDownwards(s, cfg, c.addr));
      case "expand_upwards":
        return apply(model.expandUpwards(s, cfg, c.addr));
      case "fork":
        this.spaces[c.child] = model.fork(s);
        return "ok";
      case "exit":
        this.spaces[c.mm] = model.exit(s, cfg);
        return "ok";
      case "find_vma":
        return mappingLine(model.findVma(s, c.addr));
      case "find_vma_prev": {
        const r = model.findVmaPrev(s, c.addr);
        return `${mappingLine(r.vma)} / ${mappingLine(r.prev)}`;
      }
      case "lock_vma_under_rcu":
        return mappingLine(model.lookupFault(s, c.addr));
      case "maps":
        return model.maps(s).map(mappingLine).join(", ");
      case "failalloc":
        return "ok";
    }
  }
}
