/**
 * Known bug #43 (a range merged into the next VMA keeps the next VMA's old vm_pgoff) put back
 * by hand into a private copy of 6.12's mm/vma.c (specs/kernel-faults/
 * vma-merge-next-keeps-old-pgoff.patch): `run mm-seq-vma --kernel COPY` must exit 1 with a
 * shrunk counterexample whose kernel token replays on the copy (exit 1) and is refused
 * without --kernel (exit 4). The clean tree passes the same spec (the kernel job runs it).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { patchedTree } from "../../../../src/backend/kernel/patched-tree.js";
import { cli as runCli } from "../../../cli/run/helpers.js";
import { kernelTreeForTests } from "../kernel-tree-for-tests.js";

const dir = kernelTreeForTests("6.12");
const root = join(import.meta.dirname, "../../../..");

describe.skipIf(dir === undefined)("bug #43 in a copy of 6.12's mm/vma.c", () => {
  const work = mkdtempSync(join(tmpdir(), "maple-check-vmafault-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("run mm-seq-vma --kernel COPY exits 1 with a shrunk counterexample that replays", async () => {
    const copy = patchedTree(
      dir as string,
      join(root, "specs/kernel-faults/vma-merge-next-keeps-old-pgoff.patch"),
      join(work, "tree"),
    );
    const run = await runCli(
      ...["run", "mm-seq-vma", "--kernel", copy, "--no-progress", "--no-times"],
    );
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/mappings of mm 0 differ after `mmap/);
    const token = /replay: maple-check replay --kernel DIR (kernel:seq:mm-seq-vma@\S+)/.exec(
      run.out,
    )?.[1];
    expect(token).toBeDefined();
    const commands = Number(/minimized counterexample \((\d+) commands\)/.exec(run.out)?.[1]);
    expect(commands).toBeLessThanOrEqual(6);
    const replay = await runCli("replay", token as string, "--kernel", copy, "--no-times");
    expect(replay.code).toBe(1);
    const onTs = await runCli("replay", token as string);
    expect(onTs.code).toBe(4);
    expect(onTs.err).toMatch(/found on the kernel's C tree: replay it with --kernel DIR/);
  }, 600_000);
});
