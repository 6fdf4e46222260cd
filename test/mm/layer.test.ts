import { describe, expect, it } from "vitest";
import { TsBackend } from "../../src/backend/ts/ts-backend.js";
import { KERNEL_GEOMETRY } from "../../src/impl/geometry.js";
import {
  doMmap,
  doMprotectPkey,
  doVmiMunmap,
  dupMmap,
  EEXIST,
  ENOMEM,
  exitMmap,
  faultExpandDown,
  findVmaPrev,
  lockVmaUnderRcu,
  type MmapArgs,
  MmContext,
  type MmFlavour,
  MmStruct,
  procMaps,
  sysBrk,
  validateMm,
  withMmapReadLock,
  withMmapWriteLock,
} from "../../src/mm/index.js";

function ctx(flavour: MmFlavour = "6.12"): MmContext {
  return new MmContext(
    new TsBackend(),
    KERNEL_GEOMETRY,
    { taskPages: 64, guardPages: 4, startBrk: 8 },
    flavour,
  );
}

function args(addr: number, len: number, extra: Partial<MmapArgs> = {}): MmapArgs {
  return { addr, len, prot: 3, mode: "fixed", file: null, grows: "none", ...extra };
}

const spans = (mm: MmStruct) => procMaps(mm).map((v) => [v.vmStart, v.vmEnd, v.vmPgoff]);

describe("mm layer", () => {
  it("maps, merges, splits and unmaps, and stays valid", () => {
    const mm = new MmStruct(ctx());
    withMmapWriteLock(mm, () => {
      doMmap(mm, args(10, 2));
      doMmap(mm, args(14, 2));
      doMmap(mm, args(12, 2));
    });
    expect(spans(mm)).toEqual([[10, 16, 10]]);
    withMmapWriteLock(mm, () => doMprotectPkey(mm, 12, 2, 1));
    expect(spans(mm)).toEqual([
      [10, 12, 10],
      [12, 14, 12],
      [14, 16, 14],
    ]);
    withMmapWriteLock(mm, () => doMprotectPkey(mm, 12, 2, 3));
    expect(spans(mm)).toEqual([[10, 16, 10]]);
    withMmapWriteLock(mm, () => doVmiMunmap(mm, 11, 3));
    expect(spans(mm)).toEqual([
      [10, 11, 10],
      [14, 16, 14],
    ]);
    expect(validateMm(mm)).toBeUndefined();
  });

  it("keeps a file's offsets when the new range merges into the next VMA", () => {
    const mm = new MmStruct(ctx());
    withMmapWriteLock(mm, () => {
      doMmap(mm, args(3, 2, { file: { file: 1, pgoff: 3 } }));
      doMmap(mm, args(1, 2, { file: { file: 1, pgoff: 1 } }));
    });
    expect(spans(mm)).toEqual([[1, 5, 1]]);
  });

  it("answers EEXIST and ENOMEM without changing anything", () => {
    const mm = new MmStruct(ctx());
    withMmapWriteLock(mm, () => doMmap(mm, args(10, 2)));
    expect(withMmapWriteLock(mm, () => doMmap(mm, args(11, 2, { mode: "noreplace" })))).toBe(
      EEXIST,
    );
    expect(withMmapWriteLock(mm, () => doMmap(mm, args(63, 2)))).toBe(ENOMEM);
    expect(spans(mm)).toEqual([[10, 12, 10]]);
  });

  it("finds a top-down area clear of a grows-down VMA's guard gap", () => {
    const mm = new MmStruct(ctx());
    withMmapWriteLock(mm, () => doMmap(mm, args(60, 4, { grows: "down" })));
    expect(withMmapWriteLock(mm, () => doMmap(mm, args(0, 4, { mode: "hint" })))).toBe(52);
  });

  it("grows a stack down to a grows-down neighbour, and looks VMAs up", () => {
    const mm = new MmStruct(ctx());
    withMmapWriteLock(mm, () => {
      doMmap(mm, args(16, 2, { grows: "down" }));
      doMmap(mm, args(20, 2, { grows: "down" }));
    });
    expect(faultExpandDown(mm, 18)).toBe(0);
    expect(spans(mm)).toEqual([
      [16, 18, 16],
      [18, 22, 18],
    ]);
    expect(lockVmaUnderRcu(mm, 18)?.vmStart).toBe(18);
    const r = withMmapReadLock(mm, () => findVmaPrev(mm, 30));
    expect([r.vma, r.prev?.vmStart]).toEqual([undefined, 18]);
    expect(validateMm(mm)).toBeUndefined();
  });

  it("brk grows a new heap VMA, then expands it, then shrinks", () => {
    const mm = new MmStruct(ctx());
    expect(withMmapWriteLock(mm, () => sysBrk(mm, 10))).toBe(10);
    expect(withMmapWriteLock(mm, () => sysBrk(mm, 12))).toBe(12);
    expect(spans(mm)).toEqual([[8, 12, 8]]);
    expect(withMmapWriteLock(mm, () => sysBrk(mm, 9))).toBe(9);
    expect(spans(mm)).toEqual([[8, 9, 8]]);
  });

  it("fork copies the VMAs into a tree back in RCU mode; exit leaves nothing", () => {
    const c = ctx();
    const parent = new MmStruct(c);
    withMmapWriteLock(parent, () => {
      doMmap(parent, args(2, 2));
      doMmap(parent, args(6, 3, { prot: 1 }));
    });
    const child = new MmStruct(c);
    dupMmap(parent, child);
    expect(spans(child)).toEqual(spans(parent));
    expect(procMaps(child)[0].id).not.toBe(procMaps(parent)[0].id);
    expect(validateMm(child)).toBeUndefined();
    expect(exitMmap(child)).toBe(2);
    expect(child.vmas.size).toBe(0);
  });

  it("the pre-seed mm's tree is not in RCU mode", () => {
    const mm = new MmStruct(ctx("pre-seed"));
    expect(mm.mmMt.inRcu()).toBe(false);
    expect(validateMm(mm)).toBeUndefined();
  });
});
