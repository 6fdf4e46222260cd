/**
 * The address-space model and the mm layer side by side, over a few process slots. Each
 * command runs on both; the answers must be equal, then every slot's mappings and break,
 * then every mm must pass validate_mm (the tree's validation and the mm's invariants). The
 * first difference is an MmMismatch.
 */
import type { TreeBackend } from "../../backend/backend.js";
import type { Geometry } from "../../impl/geometry.js";
import type { MmFault, MmFlavour, MmSelfTestFault, MmStruct } from "../../mm/index.js";
import * as model from "../../model/address-space/index.js";
import type { MmBackend } from "./mm-backend.js";
import {
  formatMmCommand,
  hexAddr,
  MAX_FAILALLOC,
  MM_WRITER_OPS,
  type MmCommand,
} from "./mm-command.js";
import { TsMmBackend } from "./ts-mm-backend.js";
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
  /** What answers beside the model (default: the TypeScript mm layer on `backend`). */
  layer?: MmBackend;
  /**
   * The allocation-failure sweep: before each allocating command, the state so far is rebuilt
   * on a fresh layer from this factory once for every k, and the command run with its k-th
   * allocation failing, until it makes no k-th allocation; then it runs as usual.
   */
  sweep?: () => MmBackend;
}

function modelRetText(ret: model.Ret): string {
  if (ret.kind === "err") return `-${ret.errno}`;
  if (ret.kind === "brk") return hexAddr(ret.brk);
  return ret.addr === undefined ? "0" : hexAddr(ret.addr);
}

/** The commands whose allocations failalloc makes fail. */
const ALLOCATING = new Set<string>([...MM_WRITER_OPS, "fork"]);

export class MmPair {
  /** failalloc's pending failure: the slot whose next allocating command it hits. */
  private failAlloc: { mm: number; k: number } | undefined;
  layer: MmBackend;
  spaces: model.AddressSpace[];
  private readonly config: model.SpaceConfig;
  private readonly slots: number;
  private readonly sweep: (() => MmBackend) | undefined;
  /** The commands run so far (the sweep rebuilds the state from them). */
  private readonly history: MmCommand[] = [];
  private replaying = false;

  constructor(o: MmPairOptions) {
    this.config = o.config;
    this.slots = o.mms;
    this.layer = o.layer ?? new TsMmBackend(o);
    this.spaces = Array.from({ length: o.mms }, () => model.emptySpace(o.config));
    this.sweep = o.sweep;
  }

  /** The model and a fresh layer brought to the state after `history`. */
  private rebuild(): void {
    this.layer = (this.sweep as () => MmBackend)();
    this.spaces = this.spaces.map(() => model.emptySpace(this.config));
    this.failAlloc = undefined;
    this.replaying = true;
    try {
      for (const h of this.history) this.runChecked(h);
    } finally {
      this.replaying = false;
    }
  }

  /** Fails each allocation of `c` in turn, each on the state before it, then restores that state. */
  private sweepAllocations(c: MmCommand): void {
    const line = formatMmCommand(c);
    for (let k = 1; k <= MAX_FAILALLOC; k++) {
      this.rebuild();
      try {
        this.replaying = true;
        this.runChecked({ op: "failalloc", mm: c.mm, k });
        this.runChecked(c);
      } catch (e) {
        if (e instanceof MmMismatch)
          throw new MmMismatch(
            `allocation sweep, \`failalloc ${c.mm} ${k}\` before \`${line}\`: ${e.message}`,
          );
        throw e;
      } finally {
        this.replaying = false;
      }
      if (!this.lastAllocHit) break;
    }
    this.rebuild();
  }

  /** The TypeScript layer's mms (only when it is the layer under test). */
  get mms(): MmStruct[] {
    if (!(this.layer instanceof TsMmBackend)) throw new Error("the layer is not the TypeScript mm");
    return this.layer.mms;
  }

  /** Runs one command on both sides and checks everything after it. */
  run(c: MmCommand): void {
    if (
      this.sweep !== undefined &&
      !this.replaying &&
      this.failAlloc === undefined &&
      ALLOCATING.has(c.op)
    )
      this.sweepAllocations(c);
    this.runChecked(c);
    if (!this.replaying) this.history.push(c);
  }

  private runChecked(c: MmCommand): void {
    const line = formatMmCommand(c);
    if (c.op === "failalloc") {
      this.failAlloc = { mm: c.mm, k: c.k };
      this.failed = false;
      this.checkAll(line);
      return;
    }
    const fail = this.failAlloc;
    const armed = fail !== undefined && fail.mm === c.mm && ALLOCATING.has(c.op);
    if (armed) this.failAlloc = undefined;
    this.lastAllocHit = false;
    let got: string;
    let survived = false;
    try {
      const r = this.layer.run(c, armed ? fail.k : undefined);
      got = r.answer;
      this.failed = r.allocFailed;
      survived = r.allocSurvived === true;
      this.lastAllocHit = this.failed || survived;
    } catch (e) {
      this.failed = false;
      throw new MmMismatch(`mm layer failed at \`${line}\`: ${(e as Error).message}`);
    }
    // An allocation failed: the model says nothing changed.
    const want = this.failed ? this.unchangedAnswer(c) : this.runModel(c);
    if (got !== want)
      throw new MmMismatch(`answer differs after \`${line}\`: mm says ${got}; model says ${want}`);
    if (this.failed || survived) {
      const candidates = this.failed ? this.spacesAfterFailure(c) : [this.spaces[c.mm].mappings];
      const fresh =
        survived && c.op === "mmap" && c.mode !== "hint"
          ? { start: c.start, end: c.end }
          : undefined;
      const split = splitLikeLayer(candidates, this.layer.maps(c.mm), fresh);
      if (typeof split === "string")
        throw new MmMismatch(
          this.failed
            ? `\`${line}\` failed its allocation but changed mm ${c.mm}: ${split}`
            : `\`${line}\` went on past its failed allocation but left mm ${c.mm} unlike the model: ${split}`,
        );
      this.spaces[c.mm] = { ...this.spaces[c.mm], mappings: split };
      // A failed fork made no child: the slot's old process had exited, nothing replaced it.
      if (this.failed && c.op === "fork")
        this.spaces[c.child] = model.exit(this.spaces[c.child], this.config);
    }
    this.checkAll(line);
  }

  /** Every slot's mappings and break equal to the model's, and validate_mm clean. */
  private checkAll(line: string): void {
    for (let i = 0; i < this.slots; i++) {
      let vmas: string;
      let problem: string | undefined;
      let brk: number | undefined;
      try {
        vmas = this.layer.maps(i).map(vmaLine).join(", ");
        brk = this.layer.brk(i);
        problem = this.layer.validate(i);
      } catch (e) {
        throw new MmMismatch(`mm layer failed after \`${line}\`: ${(e as Error).message}`);
      }
      const expected = this.spaces[i].mappings.map(mappingLine).join(", ");
      if (vmas !== expected)
        throw new MmMismatch(
          `mappings of mm ${i} differ after \`${line}\`: mm has [${vmas}]; model has [${expected}]`,
        );
      if (brk !== undefined && brk !== this.spaces[i].brk)
        throw new MmMismatch(
          `brk of mm ${i} differs after \`${line}\`: mm has ${hexAddr(brk)}; model has ${hexAddr(this.spaces[i].brk)}`,
        );
      if (problem !== undefined)
        throw new MmMismatch(`validate_mm of mm ${i} after \`${line}\`: ${problem}`);
    }
  }

  /** The last command hit its failing allocation. */
  failed = false;
  /** The last command's armed failure fired (it gave up, or went on past it). */
  lastAllocHit = false;

  /**
   * What a command may leave when an allocation fails: the space as it was; for mprotect,
   * which changes VMA after VMA and undoes none (do_mprotect_pkey), also the range changed up
   * to any boundary the layer now has inside it.
   */
  private spacesAfterFailure(c: MmCommand): (readonly model.Mapping[])[] {
    const s = this.spaces[c.mm];
    // 6.12's __mmap_region, failing after it cleared the old range, cannot undo that: it
    // leaves the range unmapped ("the old failure method of leaving a gap", vms_abort_munmap_vmas).
    if (c.op === "mmap" && c.mode === "fixed")
      return [s.mappings, model.munmap(s, this.config, c.start, c.end).space.mappings];
    if (c.op !== "mprotect") return [s.mappings];
    const cuts = this.layer
      .maps(c.mm)
      .map((v) => v.vmStart)
      .filter((p) => c.start < p && p < c.end);
    return [s.mappings, ...cuts.map((p) => model.mprotect(s, c.start, p, c.prot).space.mappings)];
  }

  private unchangedAnswer(c: MmCommand): string {
    return c.op === "brk" ? hexAddr(this.spaces[c.mm].brk) : "-ENOMEM";
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
        const backing: model.Backing =
          c.file === null
            ? model.ANON
            : c.file.close
              ? { kind: "file", ...c.file, close: true }
              : { kind: "file", file: c.file.file, pgoff: c.file.pgoff };
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
      case "fault":
        return apply(model.fault(s, c.addr));
      case "maps":
        return model.maps(s).map(mappingLine).join(", ");
      case "failalloc":
        return "ok";
    }
  }
}
