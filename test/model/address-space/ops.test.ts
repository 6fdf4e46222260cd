import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AddressSpace,
  ANON,
  brk,
  emptySpace,
  expandDownwards,
  expandUpwards,
  fault,
  findVmaPrev,
  type Mapping,
  type MmapRequest,
  mmap,
  mprotect,
  munmap,
  type SpaceConfig,
} from "../../../src/model/address-space/index.js";
import { mappingText } from "./mapping-text.js";

const cfg: SpaceConfig = { taskPages: 64, guardPages: 4, startBrk: 8 };
const RW = 3;
const R = 1;

function req(addr: number, len: number, extra: Partial<MmapRequest> = {}): MmapRequest {
  return { addr, len, prot: RW, mode: "fixed", backing: ANON, grows: "none", ...extra };
}

function texts(s: AddressSpace): string[] {
  return s.mappings.map(mappingText);
}

function run(...steps: Array<(s: AddressSpace) => AddressSpace>): AddressSpace {
  return steps.reduce((s, f) => f(s), emptySpace(cfg));
}

const map = (r: MmapRequest) => (s: AddressSpace) => mmap(s, cfg, r).space;

describe("address-space model", () => {
  it("merges a new anonymous mapping with compatible neighbours on both sides", () => {
    const s = run(map(req(10, 2)), map(req(14, 2)), map(req(12, 2)));
    expect(texts(s)).toEqual(["0xa-0x10 rw- anon acct"]);
  });

  it("keeps every address at its file page across a merge into the next mapping", () => {
    const file = (pgoff: number) => ({ kind: "file" as const, file: 1, pgoff });
    const s = run(map(req(3, 2, { backing: file(3) })), map(req(1, 2, { backing: file(1) })));
    expect(texts(s)).toEqual(["0x1-0x5 rw- file1@0x1 acct"]);
    const t = run(map(req(3, 2, { backing: file(3) })), map(req(1, 2, { backing: file(2) })));
    expect(t.mappings).toHaveLength(2);
  });

  it("splits on munmap and keeps the right part's file offset", () => {
    const s = run(map(req(10, 6, { backing: { kind: "file", file: 2, pgoff: 0 } })));
    const after = munmap(s, cfg, 12, 13).space;
    expect(texts(after)).toEqual(["0xa-0xc rw- file2@0x0 acct", "0xd-0x10 rw- file2@0x3 acct"]);
  });

  it("refuses MAP_FIXED_NOREPLACE over a mapping and changes nothing", () => {
    const s = run(map(req(10, 2)));
    const out = mmap(s, cfg, req(11, 4, { mode: "noreplace" }));
    expect(out.ret).toEqual({ kind: "err", errno: "EEXIST" });
    expect(out.space).toBe(s);
  });

  it("places a hinted mapping top-down, clear of a grows-down neighbour's guard gap", () => {
    const s = run(map(req(60, 4, { grows: "down" })));
    const out = mmap(s, cfg, req(0, 4, { mode: "hint" }));
    expect(out.ret).toEqual({ kind: "ok", addr: 52 });
    const hinted = mmap(s, cfg, req(54, 4, { mode: "hint" }));
    expect(hinted.ret).toEqual({ kind: "ok", addr: 52 });
  });

  it("counts only the neighbours' guard gaps: a stack's gap behind a mapping below it does not", () => {
    // [22,23) grows down with a 4-page gap, but [22-1, 22) = [21,22) is mapped right below it:
    // the gap search looks at that neighbour only, so 8 pages fit right under 21.
    const s = run(map(req(21, 3)), map(req(22, 1, { grows: "down", prot: R })));
    const out = mmap(s, cfg, req(0, 8, { mode: "hint" }));
    expect(out.ret).toEqual({ kind: "ok", addr: 56 });
    const under = mmap(
      run(map(req(21, 3)), map(req(22, 1, { grows: "down", prot: R })), map(req(24, 40))),
      cfg,
      req(0, 8, { mode: "hint" }),
    );
    expect(under.ret).toEqual({ kind: "ok", addr: 13 });
  });

  it("mprotect over a hole changes the part below it and fails with ENOMEM", () => {
    const s = run(map(req(0, 10)));
    const out = mprotect(s, 0, 20, R);
    expect(out.ret).toEqual({ kind: "err", errno: "ENOMEM" });
    expect(texts(out.space)).toEqual(["0x0-0xa r-- anon"]);
    const hole = mprotect(s, 10, 12, R);
    expect(hole.space).toBe(s);
  });

  it("mprotect of a middle part splits in three and merging back needs the same accounting", () => {
    const s = run(map(req(10, 6)));
    const mid = mprotect(s, 12, 14, R).space;
    expect(mid.mappings).toHaveLength(3);
    expect(texts(mprotect(mid, 12, 14, RW).space)).toEqual(["0xa-0x10 rw- anon acct"]);
  });

  it("mprotect without write gives the charge back only to an anonymous mapping never written", () => {
    const s = run(
      map(req(10, 2)),
      (x) => mprotect(x, 10, 12, R).space,
      map(req(12, 2, { prot: R })),
    );
    expect(texts(s)).toEqual(["0xa-0xe r-- anon"]);
    const written = run(map(req(10, 2)), (x) => fault(x, 10).space);
    expect(texts(mprotect(written, 10, 12, R).space)).toEqual(["0xa-0xc r-- anon acct av1"]);
    const file = run(map(req(10, 2, { backing: { kind: "file", file: 1, pgoff: 0 } })));
    expect(texts(mprotect(file, 10, 12, R).space)).toEqual(["0xa-0xc r-- file1@0x0 acct"]);
  });

  it("brk does not stretch a mapping that is not adjacent to the old break", () => {
    const s = run(map(req(1, 1)));
    const out = brk(s, cfg, 10);
    expect(texts(out.space)).toEqual(["0x1-0x2 rw- anon acct", "0x8-0xa rw- anon acct"]);
    expect(out.ret).toEqual({ kind: "brk", brk: 10 });
  });

  it("brk keeps a page clear below the next mapping and refuses less", () => {
    const s = run(map(req(12, 2)));
    expect(brk(s, cfg, 11).ret).toEqual({ kind: "brk", brk: 11 });
    expect(brk(s, cfg, 12).ret).toEqual({ kind: "brk", brk: 8 });
  });

  it("a stack grows down up to another grows-down mapping but keeps the gap from others", () => {
    const stack = map(req(20, 2, { grows: "down" }));
    const below = run(map(req(16, 2, { grows: "down" })), stack);
    expect(texts(expandDownwards(below, cfg, 18).space)[1]).toBe(
      "0x12-0x16 rw- anon growsdown acct",
    );
    const plain = run(map(req(16, 2)), stack);
    expect(expandDownwards(plain, cfg, 18).ret).toEqual({ kind: "err", errno: "ENOMEM" });
    expect(expandDownwards(plain, cfg, 21).ret).toEqual({ kind: "ok" });
    const none = run(map(req(16, 2, { prot: 0 })), stack);
    expect(expandDownwards(none, cfg, 18).ret).toEqual({ kind: "ok" });
  });

  it("a grows-up mapping grows to end after the faulting page", () => {
    const s = run(map(req(10, 2, { grows: "up" })));
    expect(texts(expandUpwards(s, cfg, 14).space)).toEqual(["0xa-0xf rw- anon growsup acct"]);
    expect(expandUpwards(s, cfg, 9).ret).toEqual({ kind: "err", errno: "EFAULT" });
  });

  it("find_vma_prev gives the mapping ending above and the one before it", () => {
    const s = run(map(req(2, 2)), map(req(8, 2, { prot: R })));
    const r = findVmaPrev(s, 5);
    expect(r.vma?.start).toBe(8);
    expect(r.prev?.start).toBe(2);
  });

  it("keeps mappings sorted, disjoint and non-empty; a failed mmap or munmap changes nothing", () => {
    const step = fc.oneof(
      fc.record({
        k: fc.constant("mmap" as const),
        a: fc.nat(70),
        n: fc.nat(12),
        p: fc.nat(7),
        mode: fc.constantFrom("fixed", "noreplace", "hint"),
        g: fc.constantFrom("none", "down", "up"),
      }),
      fc.record({ k: fc.constant("munmap" as const), a: fc.nat(70), n: fc.nat(12) }),
      fc.record({
        k: fc.constant("mprotect" as const),
        a: fc.nat(70),
        n: fc.nat(12),
        p: fc.nat(7),
      }),
      fc.record({ k: fc.constant("brk" as const), a: fc.nat(70) }),
      fc.record({ k: fc.constant("down" as const), a: fc.nat(70) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        let s = emptySpace(cfg);
        for (const st of steps) {
          const before = s;
          const out =
            st.k === "mmap"
              ? mmap(
                  s,
                  cfg,
                  req(st.a, st.n, { prot: st.p, mode: st.mode as "fixed", grows: st.g as "none" }),
                )
              : st.k === "munmap"
                ? munmap(s, cfg, st.a, st.a + st.n)
                : st.k === "mprotect"
                  ? mprotect(s, st.a, st.a + st.n, st.p)
                  : st.k === "brk"
                    ? brk(s, cfg, st.a)
                    : expandDownwards(s, cfg, st.a);
          s = out.space;
          if (out.ret.kind === "err" && st.k !== "mprotect") expect(s).toBe(before);
          s.mappings.forEach((m: Mapping, i) => {
            expect(m.start).toBeLessThan(m.end);
            expect(m.end).toBeLessThanOrEqual(cfg.taskPages);
            if (i > 0) expect(s.mappings[i - 1].end).toBeLessThanOrEqual(m.start);
          });
        }
      }),
      { seed: 7, numRuns: 200 },
    );
  });
});

describe("brk at start_brk", () => {
  it("does not merge the first heap pages into a mapping that ends at start_brk", () => {
    const s = mmap(emptySpace(cfg), cfg, req(6, 2)).space;
    expect(brk(s, cfg, 9).space.mappings).toHaveLength(2);
  });
});
