import { describe, expect, it } from "vitest";
import type { VmaFacts } from "../../src/checker/mm/mm-backend.js";
import { splitLikeLayer } from "../../src/checker/mm/unchanged-after-nomem.js";
import { ANON, type Mapping } from "../../src/model/address-space/index.js";

// VM_READ | VM_WRITE | VM_EXEC | VM_ACCOUNT (0x100000): what `rwx anon acct` is.
const RWX_ACCT = 7 | 0x100000;
const merged: Mapping = {
  start: 0,
  end: 2,
  prot: 7,
  grows: "none",
  backing: ANON,
  accounted: true,
  anonVma: 1,
};
const vma = (vmStart: number, vmEnd: number, anonVma: number | null): VmaFacts => ({
  vmStart,
  vmEnd,
  vmFlags: RWX_ACCT,
  vmFile: null,
  vmPgoff: vmStart,
  anonVma,
});

describe("the judge of an mmap that went on past a failed merge", () => {
  const layer = [vma(0, 1, 1), vma(1, 2, null)];

  it("takes the new VMA beside the neighbour it did not join without its anon_vma", () => {
    const out = splitLikeLayer([[merged]], layer, { start: 1, end: 2 });
    expect(out).toEqual([
      { ...merged, end: 1 },
      { start: 1, end: 2, prot: 7, grows: "none", backing: ANON, accounted: true },
    ]);
  });

  it("takes the neighbour the new VMA did not join without the merged anon_vma", () => {
    expect(
      typeof splitLikeLayer([[merged]], [vma(0, 1, null), vma(1, 2, 1)], { start: 1, end: 2 }),
    ).not.toBe("string");
  });

  it("still reports a VMA outside the merged mapping that lost its anon_vma", () => {
    expect(typeof splitLikeLayer([[merged]], layer)).toBe("string");
    const apart = { ...merged, start: 2, end: 3 };
    expect(
      typeof splitLikeLayer([[merged, apart]], [vma(0, 1, 1), vma(1, 2, 1), vma(2, 3, null)], {
        start: 1,
        end: 2,
      }),
    ).toBe("string");
  });
});
