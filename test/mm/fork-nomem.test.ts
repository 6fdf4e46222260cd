/**
 * A fork whose k-th allocation fails (__mt_dup's nodes, then vm_area_dup per VMA): -ENOMEM,
 * the half-made child torn down (no child process: the slot is empty), the parent unchanged.
 */
import { describe, expect, it } from "vitest";
import { mmPairFor } from "../../src/checker/mm/check-mm-sequential.js";
import { parseMmCommand } from "../../src/checker/mm/mm-command.js";
import { MmSequentialSpec } from "../../src/checker/mm/mm-spec.js";
import { vmaLine } from "../../src/checker/mm/vma-text.js";
import { type MmFlavour, procMaps } from "../../src/mm/index.js";

const PARENT = [
  "mmap 0 0x1000-0x2000 rw- fixed anon",
  "mmap 0 0x3000-0x5000 r-- fixed file1@0x3",
  "mmap 0 0x6000-0x8000 rw- fixed anon growsdown",
];

function forkFailing(flavour: MmFlavour, k: number) {
  // Slot 1 holds a process of its own first: the fork replaces it.
  const pair = mmPairFor(
    MmSequentialSpec.parse({
      mms: 2,
      flavour,
      prefix: [...PARENT, "mmap 1 0x9000-0xa000 rw- fixed anon"],
    }),
  );
  const parent = procMaps(pair.mms[0]).map(vmaLine);
  pair.run(parseMmCommand(`failalloc 0 ${k}`, 2));
  // The pair checks the answer, both slots against the model and validate_mm of each.
  pair.run(parseMmCommand("fork 0 1", 2));
  return { pair, parent };
}

describe("fork with a failing allocation", () => {
  it.each(["6.12", "pre-seed"] as const)(
    "%s: every allocation fails in turn, then none",
    (flavour) => {
      // One for __mt_dup, one per VMA: k = 1..4 fail, k = 5 is past the last.
      for (let k = 1; k <= 4; k++) {
        const { pair, parent } = forkFailing(flavour, k);
        expect(pair.failed).toBe(true);
        expect(procMaps(pair.mms[0]).map(vmaLine)).toEqual(parent);
        expect(procMaps(pair.mms[1])).toEqual([]);
      }
      const { pair, parent } = forkFailing(flavour, 5);
      expect(pair.failed).toBe(false);
      expect(procMaps(pair.mms[1]).map(vmaLine)).toEqual(parent);
    },
  );
});
