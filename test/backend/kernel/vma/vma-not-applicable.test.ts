/**
 * Which mm-sequential specs mm/vma.c's runner can run: one process slot, no mm-layer faults,
 * and none of brk, stack growth, fork or exit (mm/mmap.c, kernel/fork.c) in the mix or the
 * prefix. The reason names exactly what the spec needs.
 */
import { describe, expect, it } from "vitest";
import { vmaNotApplicable } from "../../../../src/backend/kernel/vma/vma-mm-backend.js";
import { MmSequentialSpec } from "../../../../src/checker/mm/mm-spec.js";
import { loadSpecFile } from "../../../../src/checker/spec/load-spec.js";

const OFF = { brk: 0, expand_downwards: 0, expand_upwards: 0, fork: 0, exit: 0 };

describe("mm specs on mm/vma.c", () => {
  it("runs mm-seq-vma and mm-seq-vma-failalloc", () => {
    for (const name of ["mm-seq-vma", "mm-seq-vma-failalloc"]) {
      const mm = loadSpecFile(`specs/${name}.json`).mm;
      expect(mm && vmaNotApplicable(mm), name).toBeUndefined();
    }
  });

  it("says mm-seq-612 needs two slots and the commands of mm/mmap.c and kernel/fork.c", () => {
    const mm = loadSpecFile("specs/mm-seq-612.json").mm;
    expect(mm && vmaNotApplicable(mm)).toBe(
      "mm/vma.c's runner cannot run it: needs 2 process slots (the runner holds one mm); brk, expand_downwards, expand_upwards, fork, exit (mm/mmap.c, kernel/fork.c, not mm/vma.c)",
    );
  });

  it("names one command left on, in the mix or in the prefix, and mm-layer faults", () => {
    const one = (extra: object) => vmaNotApplicable(MmSequentialSpec.parse({ mms: 1, ...extra }));
    expect(one({ mix: { ...OFF, brk: 1 } })).toMatch(/needs brk \(mm\/mmap\.c, not mm\/vma\.c\)$/);
    expect(one({ mix: OFF, prefix: ["exit 0"] })).toMatch(/needs exit \(mm\/mmap\.c/);
    expect(one({ mix: OFF, faults: ["merge-next-keeps-old-pgoff"] })).toMatch(/mm-layer faults/);
    expect(one({ mix: OFF })).toBeUndefined();
  });
});
