/**
 * failalloc: the k-th allocation of a slot's next allocating command fails. The command must
 * answer -ENOMEM (brk: the old break) and leave the address space as it was (a split may stay;
 * mprotect keeps what it changed below the failing VMA), as the pair's judge checks.
 */
import { describe, expect, it } from "vitest";
import { mmPairFor } from "../../src/checker/mm/check-mm-sequential.js";
import {
  formatMmCommand,
  MmCommandError,
  parseMmCommand,
} from "../../src/checker/mm/mm-command.js";
import { MmSequentialSpec } from "../../src/checker/mm/mm-spec.js";
import { splitLikeLayer } from "../../src/checker/mm/unchanged-after-nomem.js";
import { vmaLine } from "../../src/checker/mm/vma-text.js";
import { procMaps, VM_ACCOUNT } from "../../src/mm/index.js";
import { ANON, type Mapping } from "../../src/model/address-space/index.js";

const CASES: Array<{ setup: string[]; op: string }> = [
  { setup: [], op: "mmap 0 0x1000-0x3000 rw- fixed anon" },
  { setup: ["mmap 0 0x0-0x8000 rw- fixed anon"], op: "mmap 0 0x2000-0x4000 r-- fixed anon" },
  {
    setup: ["mmap 0 0x3000-0x5000 r-- fixed file1@0x3"],
    op: "mmap 0 0x1000-0x3000 r-- fixed file1@0x1",
  },
  { setup: ["mmap 0 0x0-0x8000 rw- fixed anon"], op: "munmap 0 0x2000-0x4000" },
  {
    setup: ["mmap 0 0x0-0x2000 r-- fixed anon", "mmap 0 0x2000-0x4000 rw- fixed anon"],
    op: "mprotect 0 0x1000-0x3000 ---",
  },
  { setup: [], op: "brk 0 0xa000" },
  { setup: ["brk 0 0xa000"], op: "brk 0 0x9000" },
  { setup: ["mmap 0 0x10000-0x12000 rw- fixed anon growsdown"], op: "expand_downwards 0 0xf000" },
];

function runWith(setup: string[], op: string, k: number) {
  const pair = mmPairFor(MmSequentialSpec.parse({ mms: 1, prefix: setup }));
  const before = procMaps(pair.mms[0]).map(vmaLine);
  pair.run(parseMmCommand(`failalloc 0 ${k}`, 1));
  pair.run(parseMmCommand(op, 1));
  return {
    failed: pair.failed,
    hit: pair.lastAllocHit,
    before,
    after: procMaps(pair.mms[0]).map(vmaLine),
  };
}

describe("failalloc", () => {
  it("parses and prints, and refuses a K outside 1..64", () => {
    const c = parseMmCommand("failalloc 1 3", 2);
    expect(c).toEqual({ op: "failalloc", mm: 1, k: 3 });
    expect(formatMmCommand(c)).toBe("failalloc 1 3");
    for (const bad of ["failalloc 0 0", "failalloc 0 65", "failalloc 0 x", "failalloc 0"])
      expect(() => parseMmCommand(bad, 2), bad).toThrow(MmCommandError);
  });

  it.each(CASES)("$op fails at each allocation and changes nothing", ({ setup, op }) => {
    const fired: number[] = [];
    for (let k = 1; k <= 8; k++) if (runWith(setup, op, k).hit) fired.push(k);
    // Allocations 1..n fail, one at a time (the pair judged each); past the command's last
    // one it runs as usual. Most give up; an mmap goes on past a merge that could not allocate.
    expect(fired.length, op).toBeGreaterThan(0);
    expect(fired).toEqual(fired.map((_, i) => i + 1));
  });

  it("an mmap whose merge cannot allocate goes on with a VMA of its own, as 6.12's does", () => {
    const r = runWith(
      ["mmap 0 0x3000-0x5000 r-- fixed file1@0x3"],
      "mmap 0 0x1000-0x3000 r-- fixed file1@0x1",
      1,
    );
    expect(r.hit).toBe(true);
    expect(r.failed).toBe(false);
    expect(r.after).toEqual(["0x1000-0x3000 r-- file1@0x1", "0x3000-0x5000 r-- file1@0x3"]);
  });

  it("a failed munmap leaves its split and nothing else", () => {
    const r = runWith(["mmap 0 0x0-0x8000 rw- fixed anon"], "munmap 0 0x2000-0x4000", 3);
    expect(r.failed).toBe(true);
    expect(r.before).toEqual(["0x0-0x8000 rw- anon acct"]);
    expect(r.after).toEqual(["0x0-0x2000 rw- anon acct", "0x2000-0x8000 rw- anon acct"]);
  });

  it("the judge refuses a changed page and a lost one, and takes a split", () => {
    const m: Mapping = { start: 0, end: 4, prot: 3, grows: "none", backing: ANON, accounted: true };
    const vma = (vmStart: number, vmEnd: number, vmFlags: number) => ({
      id: vmStart + 1,
      vmStart,
      vmEnd,
      vmFlags,
      vmFile: null,
      vmPgoff: vmStart,
      vmLockSeq: -1,
      detached: false,
    });
    const acct = 3 | VM_ACCOUNT;
    expect(splitLikeLayer([[m]], [vma(0, 2, acct), vma(2, 4, 1 | VM_ACCOUNT)])).toMatch(/r-- anon/);
    expect(splitLikeLayer([[m]], [vma(0, 2, acct)])).toMatch(/cover 2 pages; the space had 4/);
    expect(splitLikeLayer([[m]], [vma(0, 2, acct), vma(2, 4, acct)])).toHaveLength(2);
  });
});
