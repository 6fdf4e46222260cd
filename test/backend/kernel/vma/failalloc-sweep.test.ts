/**
 * The allocation-failure sweep: for each operation below, on the same starting address space,
 * the k-th allocation fails for k = 1, 2, ... until the operation makes no more; after each,
 * the address space must be the model's (the operation whole, or not at all: MAP_FIXED may
 * leave its range unmapped, as 6.12's abort path does), validate_mm clean. On the TypeScript
 * mm layer always, and on the tree's own mm/vma.c when a 6.12 tree is at hand.
 */
import { afterAll, describe, expect, it } from "vitest";
import { buildVmaRunner } from "../../../../src/backend/kernel/vma/build-vma-runner.js";
import { VmaMmBackend, VmaRunner } from "../../../../src/backend/kernel/vma/vma-mm-backend.js";
import { mmPairFor } from "../../../../src/checker/mm/check-mm-sequential.js";
import type { MmBackendFactory } from "../../../../src/checker/mm/mm-backend.js";
import { parseMmCommand } from "../../../../src/checker/mm/mm-command.js";
import { MmSequentialSpec } from "../../../../src/checker/mm/mm-spec.js";
import { kernelTreeForTests } from "../kernel-tree-for-tests.js";

const dir = kernelTreeForTests("6.12");

const spec = MmSequentialSpec.parse({
  mms: 1,
  prefix: [
    "mmap 0 0x2000-0x6000 rw- fixed anon",
    "mmap 0 0x8000-0xa000 r-- fixed file1@0x8",
    "mmap 0 0xb000-0xd000 rw- fixed anon",
  ],
});

const OPERATIONS = [
  "mmap 0 0x3000-0x4000 r-- fixed anon",
  "mmap 0 0x6000-0x7000 rw- fixed anon",
  "mmap 0 0xa000-0xb000 r-- fixed file1@0xa",
  "mmap 0 0x5000-0x9000 rw- fixed anon",
  "mmap 0 0x0-0x2000 rw- hint anon",
  "mmap 0 0x10000-0x12000 r-- noreplace file2@0x0",
  "munmap 0 0x3000-0x4000",
  "munmap 0 0x5000-0xc000",
  "mprotect 0 0x3000-0x4000 r--",
  "mprotect 0 0x2000-0x6000 r--",
  "mprotect 0 0x5000-0x9000 r--",
];

/** The k of every allocation the operation makes, each failed once: how many gave up. */
function sweep(op: string, layer?: MmBackendFactory): number {
  let gaveUp = 0;
  for (let k = 1; k <= 64; k++) {
    const pair = mmPairFor(spec, undefined, layer);
    pair.run(parseMmCommand(`failalloc 0 ${k}`, 1));
    pair.run(parseMmCommand(op, 1));
    if (pair.failed) gaveUp++;
    // A failure that fired leaves the countdown spent; one that did not means k is past the end.
    else if (!hitLast(pair)) return gaveUp;
  }
  throw new Error(`${op}: more than 64 allocations`);
}

/** Whether the last command still made its k-th allocation (the pair then said failed or survived). */
function hitLast(pair: ReturnType<typeof mmPairFor>): boolean {
  return pair.lastAllocHit;
}

describe("failing each allocation in turn, on the TypeScript mm layer", () => {
  for (const op of OPERATIONS)
    it(op, () => {
      expect(() => sweep(op)).not.toThrow();
    });
  it("makes mmap, munmap and mprotect give up somewhere", () => {
    expect(sweep(OPERATIONS[0])).toBeGreaterThan(0);
    expect(sweep(OPERATIONS[6])).toBeGreaterThan(0);
    expect(sweep(OPERATIONS[8])).toBeGreaterThan(0);
  });
});

describe.skipIf(dir === undefined)("failing each allocation in turn, on 6.12's mm/vma.c", () => {
  let runner: VmaRunner | undefined;
  const layer: MmBackendFactory = () => {
    runner ??= new VmaRunner(buildVmaRunner(dir as string).binary);
    return new VmaMmBackend(runner, { taskPages: 32, guardPages: 2, startBrk: 8 });
  };
  afterAll(() => runner?.close());
  for (const op of OPERATIONS)
    it(op, () => {
      expect(() => sweep(op, layer)).not.toThrow();
    }, 600_000);
  it("makes mmap, munmap and mprotect give up somewhere", () => {
    expect(sweep(OPERATIONS[0], layer)).toBeGreaterThan(0);
    expect(sweep(OPERATIONS[6], layer)).toBeGreaterThan(0);
    expect(sweep(OPERATIONS[8], layer)).toBeGreaterThan(0);
  });
});
