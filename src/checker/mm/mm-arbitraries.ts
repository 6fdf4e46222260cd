/**
 * fast-check arbitraries for mm commands over a small address space: addresses a little past
 * TASK_SIZE (so the limits are hit), short lengths (so mappings meet and merge), two files,
 * stacks in both directions, brk around start_brk, a small share of devices' mappings (a
 * close hook) and write faults (anon_vmas). Each has a default weight in the mix. About half
 * the mmaps, mprotects and munmaps and most faults are placed relative to the mappings of the
 * moment (mm-relative.ts): random addresses alone seldom fill a gap exactly or meet a VMA's
 * boundary, where merges decide things.
 */
import fc from "fast-check";
import type { MmAddrOp, MmCommand } from "./mm-command.js";
import {
  MMAP_PLACES,
  type MmIntent,
  RANGE_PLACES,
  type RelativeBacking,
  type RelativeCommand,
} from "./mm-relative.js";

export interface MmUniverse {
  taskPages: number;
  startBrk: number;
  mms: number;
}

export function mmArbitraries(
  u: MmUniverse,
): Record<string, { weight: number; arb: fc.Arbitrary<MmIntent> }> {
  const mm = fc.nat(u.mms - 1);
  const addr = fc.nat(u.taskPages + 2);
  const len = fc.oneof(
    { weight: 9, arbitrary: fc.integer({ min: 1, max: 8 }) },
    { weight: 1, arbitrary: fc.constant(0) },
  );
  const span = fc.tuple(addr, len).map(([start, n]) => ({ start, end: start + n }));
  const prot = fc.constantFrom(0, 1, 3, 3, 5, 7);
  const file = fc.oneof(
    { weight: 3, arbitrary: fc.constant(null) },
    // Mostly file page = address page, so neighbouring file mappings line up and merge.
    {
      weight: 2,
      arbitrary: fc.record({
        file: fc.constantFrom(1, 2),
        // A small share: a device's mapping (a close hook).
        close: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, fc.constant(true)),
        shift: fc.oneof(
          { weight: 3, arbitrary: fc.constant(0) },
          { weight: 1, arbitrary: fc.nat(12) },
        ),
      }),
    },
  );
  const grows = fc.constantFrom("none", "none", "down", "up") as fc.Arbitrary<
    "none" | "down" | "up"
  >;
  const mmap: fc.Arbitrary<MmCommand> = fc
    .record({
      mm,
      span,
      prot,
      mode: fc.constantFrom("fixed", "fixed", "noreplace", "hint"),
      file,
      grows,
    })
    .map(({ mm, span, prot, mode, file, grows }) => ({
      op: "mmap" as const,
      mm,
      ...span,
      // A hint of 0 asks for any address.
      ...(mode === "hint" && span.start % 3 === 0 ? { start: 0, end: span.end - span.start } : {}),
      prot,
      mode: mode as "fixed",
      file:
        file === null
          ? null
          : file.close
            ? { file: file.file, pgoff: span.start + file.shift, close: true }
            : { file: file.file, pgoff: span.start + file.shift },
      grows: file === null ? grows : "none",
    }));
  const at = (op: MmAddrOp, a = addr) =>
    fc.record({ mm, addr: a }).map((r): MmCommand => ({ op, ...r }));
  const munmap = fc
    .record({ mm, span })
    .map(({ mm, span }): MmCommand => ({ op: "munmap", mm, ...span }));
  const mprotect = fc
    .record({ mm, span, prot })
    .map(({ mm, span, prot }): MmCommand => ({ op: "mprotect", mm, ...span, prot }));
  // Relative intents: which mapping (taken modulo their number), which shape, how far.
  const at_ = fc.nat(15);
  const relBacking: fc.Arbitrary<RelativeBacking> = fc.oneof(
    { weight: 4, arbitrary: fc.constant({ like: true as const }) },
    file.map(
      (f): RelativeBacking => ({
        like: false,
        file: f === null ? null : { file: f.file, shift: f.shift, ...(f.close && { close: true }) },
      }),
    ),
  );
  const mmapRel = fc
    .record({
      at: at_,
      // Filling a gap exactly is where merges decide most: the most frequent.
      place: fc.oneof(
        { weight: 3, arbitrary: fc.constant("gap" as const) },
        // Leaving a gap beside a copy of a mapping: a gap between two alike, to fill later.
        { weight: 2, arbitrary: fc.constant("apart" as const) },
        {
          weight: 5,
          arbitrary: fc.constantFrom(...MMAP_PLACES.filter((p) => p !== "gap" && p !== "apart")),
        },
      ),
      n: fc.integer({ min: 1, max: 4 }),
      k: fc.integer({ min: 1, max: 4 }),
      prot: fc.oneof({ weight: 4, arbitrary: fc.constant("like" as const) }, prot),
      backing: relBacking,
      mode: fc.constantFrom("fixed", "fixed", "fixed", "noreplace") as fc.Arbitrary<
        "fixed" | "noreplace"
      >,
    })
    .chain((relative) =>
      fc
        .tuple(mm, mmap)
        .map(([m, fallback]): RelativeCommand => ({ op: "mmap", mm: m, relative, fallback })),
    );
  const rangeRel = (op: "mprotect" | "munmap", fallback: fc.Arbitrary<MmCommand>) =>
    fc
      .record({
        mm,
        relative: fc.record({
          at: at_,
          place: fc.constantFrom(...RANGE_PLACES),
          k: fc.nat(7),
          prot: fc.oneof(fc.constant("like" as const), prot),
        }),
        fallback,
      })
      .map((r): RelativeCommand => ({ op, ...r }));
  const faultRel = fc
    .record({ mm, relative: fc.record({ at: at_, k: fc.nat(7) }), fallback: at("fault") })
    .map((r): RelativeCommand => ({ op: "fault", ...r }));
  const either = (absolute: fc.Arbitrary<MmIntent>, relative: fc.Arbitrary<MmIntent>, w = 1) =>
    fc.oneof({ weight: 1, arbitrary: absolute }, { weight: w, arbitrary: relative });
  return {
    mmap: { weight: 6, arb: either(mmap, mmapRel, 2) },
    munmap: { weight: 2, arb: either(munmap, rangeRel("munmap", munmap)) },
    mprotect: { weight: 3, arb: either(mprotect, rangeRel("mprotect", mprotect)) },
    brk: {
      weight: 1,
      arb: at("brk", fc.integer({ min: Math.max(0, u.startBrk - 2), max: u.startBrk + 12 })),
    },
    expand_downwards: { weight: 1, arb: at("expand_downwards") },
    expand_upwards: { weight: 1, arb: at("expand_upwards") },
    fork: {
      weight: u.mms > 1 ? 0.3 : 0,
      arb: fc
        .tuple(mm, fc.nat(Math.max(0, u.mms - 2)))
        .map(([src, k]): MmCommand => ({ op: "fork", mm: src, child: k >= src ? k + 1 : k })),
    },
    exit: { weight: 0.2, arb: mm.map((m): MmCommand => ({ op: "exit", mm: m })) },
    find_vma: { weight: 1, arb: at("find_vma") },
    find_vma_prev: { weight: 1, arb: at("find_vma_prev") },
    lock_vma_under_rcu: { weight: 1, arb: at("lock_vma_under_rcu") },
    // A write fault: the VMA gets its anon_vma, which decides later merges.
    fault: { weight: 1, arb: either(at("fault"), faultRel, 3) },
    maps: { weight: 0.5, arb: mm.map((m): MmCommand => ({ op: "maps", mm: m })) },
    // A small share: the next write of the slot fails at one of its first allocations.
    failalloc: {
      weight: 0.3,
      arb: fc
        .record({ mm, k: fc.integer({ min: 1, max: 4 }) })
        .map((r): MmCommand => ({ op: "failalloc", ...r })),
    },
  };
}
