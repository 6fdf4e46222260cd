/**
 * The kernel's own mm/vma.c behind vma-runner: built from the 6.12 tree and cached, then
 * driven like mprotect, mmap and munmap. Expected maps are computed by hand from the kernel's
 * rules: an mprotect of a VMA's middle splits it in three, restoring the flags merges the
 * three back, adjacent anonymous VMAs with equal flags and contiguous pgoff merge.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cacheRoot, readJson } from "../../../../src/backend/kernel/build.js";
import {
  buildVmaRunner,
  type VmaRunnerBuild,
} from "../../../../src/backend/kernel/vma/build-vma-runner.js";
import { type Vma, VmaSession } from "../../../../src/backend/kernel/vma/vma-session.js";
import { kernelTreeForTests } from "../kernel-tree-for-tests.js";

const dir = kernelTreeForTests("6.12");
/** VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE, and the same without VM_WRITE. */
const RW = 0x33n;
const RO = 0x31n;

const vma = (start: number, end: number, flags: bigint, pgoff = start >> 12): Vma => ({
  start: BigInt(start),
  end: BigInt(end),
  flags,
  pgoff: BigInt(pgoff),
});

describe.skipIf(dir === undefined)("vma-runner on linux 6.12", () => {
  let build: VmaRunnerBuild;
  let s: VmaSession;
  beforeAll(() => {
    build = buildVmaRunner(dir as string);
    s = new VmaSession(build.binary);
  }, 600_000);
  afterAll(() => s?.close());

  it("is built once, then taken from the cache", () => {
    expect(build.kernel.version).toMatch(/^6\.12\./);
    const again = buildVmaRunner(dir as string);
    expect(again.built).toBe(false);
    expect(again.hash).toBe(build.hash);
    expect(s.ask("version")).toBe(`linux-${build.kernel.version} maple-check-vma-runner`);
  });

  it("is keyed by mm/vma.c, the harness's shim, the maple tree and our C", () => {
    const trees = join(cacheRoot(), "vma-trees");
    const manifests = readdirSync(trees).map((f) =>
      readJson<{ inputs: string[]; hash: string }>(join(trees, f)),
    );
    const inputs = manifests.find((m) => m?.hash === build.hash)?.inputs ?? [];
    const k = build.kernel.dir;
    for (const f of [
      `${k}/mm/vma.c`,
      `${k}/mm/vma.h`,
      `${k}/tools/testing/vma/vma_internal.h`,
      `${k}/lib/maple_tree.c`,
      `${k}/tools/testing/shared/linux.c`,
    ])
      expect(inputs).toContain(f);
    for (const f of ["main.c", "vma-tu.c", "vma-api.h", "harness-extra.h"])
      expect(inputs.some((p) => p.endsWith(`native/vma-runner/${f}`))).toBe(true);
  });

  it("splits a VMA in three on an mprotect of its middle, and merges it back", () => {
    expect(s.ask("mm_init")).toBe("ok");
    expect(s.ask("vma_link 0x1000 0x5000 0x33")).toBe("ok");
    expect(s.ask("modify_flags 0x2000 0x3000 0x31")).toBe("ok 0x2000-0x3000:0x31:0x2");
    expect(s.maps()).toEqual([
      vma(0x1000, 0x2000, RW),
      vma(0x2000, 0x3000, RO),
      vma(0x3000, 0x5000, RW),
    ]);
    expect(s.ask("validate")).toBe("valid");
    expect(s.ask("modify_flags 0x2000 0x3000 0x33")).toBe("ok 0x1000-0x5000:0x33:0x1");
    expect(s.maps()).toEqual([vma(0x1000, 0x5000, RW)]);
    expect(s.ask("validate")).toBe("valid");
  });

  it("merges adjacent compatible VMAs, and only those", () => {
    s.send("mm_init", "vma_link 0x1000 0x5000 0x33", "vma_link 0x5000 0x6000 0x33");
    // vma_link never merges: two VMAs until one of them is modified.
    expect(s.maps()).toEqual([vma(0x1000, 0x5000, RW), vma(0x5000, 0x6000, RW)]);
    expect(s.ask("modify_flags 0x5000 0x6000 0x33")).toBe("ok 0x1000-0x6000:0x33:0x1");
    expect(s.ask("merge_new 0x6000 0x8000 0x33")).toBe("ok 0x1000-0x8000:0x33:0x1");
    // Not adjacent to anything: nothing merges, nothing is mapped.
    expect(s.ask("merge_new 0x9000 0xa000 0x33")).toBe("nomerge");
    // Adjacent but read-only: no merge.
    expect(s.ask("merge_new 0x8000 0x9000 0x31")).toBe("nomerge");
    // Adjacent, equal flags, but a pgoff that does not follow on: no merge either.
    expect(s.ask("merge_new 0x8000 0x9000 0x33 0x100")).toBe("nomerge");
    expect(s.maps()).toEqual([vma(0x1000, 0x8000, RW)]);
    expect(s.ask("validate")).toBe("valid");
  });

  it("munmaps a hole, and find_vma / find_vma_prev see it", () => {
    s.send("mm_init", "vma_link 0x1000 0x8000 0x33");
    expect(s.ask("munmap 0x3000 0x4000")).toBe("ok");
    expect(s.maps()).toEqual([vma(0x1000, 0x3000, RW), vma(0x4000, 0x8000, RW)]);
    expect(s.ask("find_vma 0x3000")).toBe("0x4000-0x8000:0x33:0x4");
    expect(s.ask("find_vma 0x2fff")).toBe("0x1000-0x3000:0x33:0x1");
    expect(s.ask("find_vma 0x8000")).toBe("none");
    expect(s.ask("find_vma_prev 0x3000")).toBe(
      "0x4000-0x8000:0x33:0x4 prev 0x1000-0x3000:0x33:0x1",
    );
    expect(s.ask("find_vma_prev 0x0")).toBe("0x1000-0x3000:0x33:0x1 prev none");
    expect(s.ask("validate")).toBe("valid");
    // Unmapping everything empties the mm; a fresh one starts empty too.
    expect(s.ask("munmap 0x0 0x100000")).toBe("ok");
    expect(s.ask("maps")).toBe("none");
    expect(s.ask("validate")).toBe("valid");
  });

  it("splits and shrinks", () => {
    s.send("mm_init", "vma_link 0x1000 0x5000 0x33");
    expect(s.ask("split 0x3000")).toBe("ok");
    expect(s.ask("split 0x3000")).toBe("err EFAULT");
    expect(s.ask("shrink 0x3000 0x4000")).toBe("ok");
    expect(s.ask("shrink 0x1000 0x3000")).toBe("err EINVAL");
    expect(s.maps()).toEqual([vma(0x1000, 0x3000, RW), vma(0x3000, 0x4000, RW)]);
    expect(s.ask("validate")).toBe("valid");
  });

  it("expands over empty space and over the next VMA when it ends the range", () => {
    s.send("mm_init", "vma_link 0x2000 0x3000 0x33");
    expect(s.ask("expand 0x1000 0x4000")).toBe("ok");
    expect(s.maps()).toEqual([vma(0x1000, 0x4000, RW)]);
    expect(s.ask("vma_link 0x5000 0x6000 0x33")).toBe("ok");
    expect(s.ask("expand 0x1000 0x6000")).toBe("ok");
    expect(s.maps()).toEqual([vma(0x1000, 0x6000, RW)]);
    s.send("vma_link 0x8000 0x9000 0x33", "vma_link 0xa000 0xc000 0x33");
    // Part of the next VMA only: vma_expand does not overwrite, the runner refuses.
    expect(s.ask("expand 0x8000 0xb000")).toBe("err EINVAL");
    expect(s.ask("expand 0x9000 0xa000")).toBe("err EFAULT");
    // Down to address 0: the pgoff moves back with the start.
    expect(s.ask("expand 0x0 0x7000")).toBe("ok");
    expect(s.maps()).toEqual([
      vma(0, 0x7000, RW),
      vma(0x8000, 0x9000, RW),
      vma(0xa000, 0xc000, RW),
    ]);
    // validate checks total_vm against the pages mapped: the expansions were counted.
    expect(s.ask("validate")).toBe("valid");
  });

  it("answers errors in one line and leaves the mm as it was", () => {
    s.send("mm_init", "vma_link 0x1000 0x3000 0x33");
    expect(s.ask("vma_link 0x2000 0x4000 0x33")).toBe("err EEXIST");
    expect(s.ask("modify_flags 0x3000 0x4000 0x31")).toBe("err EFAULT");
    expect(s.ask("vma_link 0x1001 0x4000 0x33")).toBe("err EINVAL");
    expect(s.ask("fail_prealloc 1")).toBe("ok");
    expect(s.ask("modify_flags 0x1000 0x2000 0x31")).toBe("err ENOMEM");
    expect(s.ask("vma_link 0x4000 0x5000 0x33")).toBe("err ENOMEM");
    expect(s.ask("fail_prealloc 0")).toBe("ok");
    expect(s.maps()).toEqual([vma(0x1000, 0x3000, RW)]);
    expect(s.send("bogus", "find_vma x", "maps 1")).toEqual([
      "err unknown",
      "err parse",
      "err parse",
    ]);
    expect(s.ask("validate")).toBe("valid");
  });

  it("mmaps as mmap_region: over what was there, merged with a neighbour of the same file", () => {
    s.send("mm_init");
    expect(s.ask("mmap 0x1000 0x5000 0x3 0x1 0 0")).toBe("ok");
    // A file range over the middle: the anonymous VMA is cut around it.
    expect(s.ask("mmap 0x3000 0x6000 0x1 0x3 1 0")).toBe("ok");
    expect(s.ask("mmap 0x6000 0x7000 0x1 0x6 1 0")).toBe("ok");
    expect(s.ask("maps")).toBe("0x1000-0x3000:0x3:0x1 0x3000-0x7000:0x1:0x3:f1");
    // Another file, or an offset that does not follow on, does not merge.
    expect(s.ask("mmap 0x7000 0x8000 0x1 0x7 2 0")).toBe("ok");
    expect(s.ask("mmap 0x8000 0x9000 0x1 0x9 2 0")).toBe("ok");
    expect(s.maps().map((v) => v.file)).toEqual([undefined, 1, 2, 2]);
    expect(s.ask("mmap 0x1000 0x2000 0x3 0x1 0 1")).toBe("err EEXIST");
    expect(s.ask("validate")).toBe("valid");
  });

  it("gives a write fault's VMA an anon_vma, a neighbour's when it can share it, and keeps a device's VMA from being merged away", () => {
    s.send("mm_init", "mmap 0x1000 0x3000 0x3 0x1 0 0", "mmap 0x5000 0x7000 0x3 0x5 0 0");
    expect(s.ask("fault 0x1000")).toBe("ok");
    expect(s.ask("fault 0x5000")).toBe("ok");
    expect(s.ask("fault 0x8000")).toBe("err EFAULT");
    // Between two different anon_vmas: only the left merge.
    expect(s.ask("mmap 0x3000 0x5000 0x3 0x3 0 0")).toBe("ok");
    expect(s.ask("maps")).toBe("0x1000-0x5000:0x3:0x1:a1 0x5000-0x7000:0x3:0x5:a2");
    s.send("mm_init", "mmap 0x1000 0x3000 0x3 0x1 0 0", "mmap 0x3000 0x5000 0x7 0x3 0 0");
    expect(s.ask("fault 0x1000")).toBe("ok");
    expect(s.ask("fault 0x3000")).toBe("ok");
    expect(s.maps().map((v) => v.anon)).toEqual([1, 1]);
    expect(s.ask("mprotect 0x3000 0x5000 0x3")).toBe("ok");
    expect(s.ask("maps")).toBe("0x1000-0x5000:0x3:0x1:a1");
    s.send("mm_init", "mmap 0x1000 0x3000 0x1 0x1 1 0 1", "mmap 0x5000 0x7000 0x1 0x5 1 0 1");
    expect(s.ask("mmap 0x3000 0x5000 0x1 0x3 1 0 1")).toBe("ok");
    expect(s.ask("maps")).toBe("0x1000-0x5000:0x1:0x1:d1 0x5000-0x7000:0x1:0x5:d1");
    expect(s.ask("validate")).toBe("valid");
  });

  it("mprotects VMA after VMA, stops at a hole, and charges a newly writable range", () => {
    s.send("mm_init", "mmap 0x1000 0x3000 0x1 0x1 0 0", "mmap 0x3000 0x5000 0x1 0x1 1 0");
    expect(s.ask("mprotect 0x2000 0x4000 0x3")).toBe("ok");
    expect(s.ask("maps")).toBe(
      "0x1000-0x2000:0x1:0x1 0x2000-0x3000:0x100003:0x2 0x3000-0x4000:0x100003:0x1:f1 0x4000-0x5000:0x1:0x2:f1",
    );
    expect(s.ask("mprotect 0x4000 0x7000 0x0")).toBe("err ENOMEM");
    expect(s.ask("find_vma 0x4000")).toBe("0x4000-0x5000:0:0x2:f1");
    expect(s.ask("validate")).toBe("valid");
  });

  it("gives an unfaulted anonymous VMA's charge back when mprotect takes its write bit, as 6.12's mprotect_fixup", () => {
    s.send("mm_init", "mmap 0x1000 0x3000 0x100003 0x1 0 0");
    expect(s.ask("mprotect 0x1000 0x3000 0x1")).toBe("ok");
    expect(s.ask("mmap 0x3000 0x5000 0x1 0x3 0 0")).toBe("ok");
    expect(s.ask("maps")).toBe("0x1000-0x5000:0x1:0x1");
    // Written (an anon_vma), or a file's: the charge stays, so no merge with an uncharged r--.
    s.send("mm_init", "mmap 0x1000 0x3000 0x100003 0x1 0 0", "mmap 0x5000 0x7000 0x100003 0x5 1 0");
    expect(s.ask("fault 0x1000")).toBe("ok");
    expect(s.ask("mprotect 0x1000 0x7000 0x1")).toBe("err ENOMEM");
    expect(s.ask("mprotect 0x5000 0x7000 0x1")).toBe("ok");
    expect(s.ask("maps")).toBe("0x1000-0x3000:0x100001:0x1:a1 0x5000-0x7000:0x100001:0x5:f1");
    expect(s.ask("validate")).toBe("valid");
  });

  it("finds an unmapped area top-down, clear of a stack's guard gap", () => {
    s.send("mm_init", "mmap 0x1c000 0x20000 0x103 0x1c 0 0");
    // TASK_SIZE 0x20000, gap 0x2000: the highest 0x2000 below the stack's gap.
    expect(s.ask("unmapped_area 0x2000 0 0x20000 0x2000")).toBe("ok 0x18000");
    expect(s.ask("unmapped_area 0x2000 0x4000 0x20000 0x2000")).toBe("ok 0x4000");
    expect(s.ask("unmapped_area 0x40000 0 0x20000 0x2000")).toBe("err ENOMEM");
    expect(s.ask("vma_lookup 0x1c000")).toBe("0x1c000-0x20000:0x103:0x1c");
    expect(s.ask("vma_lookup 0x1b000")).toBe("none");
  });

  it("fails the k-th allocation once and says whether it fired", () => {
    s.send("mm_init", "mmap 0x1000 0x5000 0x3 0x1 0 0");
    expect(s.send("failalloc 1", "munmap 0x2000 0x3000", "failalloc 0")).toEqual([
      "ok",
      "err ENOMEM",
      "ok hit",
    ]);
    expect(s.ask("maps")).toBe("0x1000-0x5000:0x3:0x1");
    expect(s.send("failalloc 60", "munmap 0x2000 0x3000", "failalloc 0")).toEqual([
      "ok",
      "ok",
      "ok missed",
    ]);
    expect(s.ask("validate")).toBe("valid");
  });
});
