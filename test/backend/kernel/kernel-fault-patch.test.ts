/**
 * A user's broken patch: a historic sequential bug reverted in a private copy of 6.12's
 * lib/maple_tree.c. `run --kernel COPY` must exit 1 with a shrunk counterexample whose
 * token replays on the C tree, and the clean tree must pass the same spec.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { patchedTree } from "../../../src/backend/kernel/patched-tree.js";
import { cli as runCli } from "../../cli/run/helpers.js";
import { kernelTreeForTests } from "./kernel-tree-for-tests.js";

const dir = kernelTreeForTests("6.12");
const root = join(import.meta.dirname, "../../..");

describe.skipIf(dir === undefined)("a kernel fault patch on linux 6.12", () => {
  const work = mkdtempSync(join(tmpdir(), "maple-check-kfault-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("run --kernel COPY exits 1 with a shrunk kernel counterexample that replays", async () => {
    const copy = patchedTree(
      dir as string,
      join(root, "specs/kernel-faults/store-null-expands-root.patch"),
      join(work, "tree"),
    );
    const run = await runCli(
      ...["run", "seq-kernel-plain", "--kernel", copy, "--no-progress", "--no-times"],
    );
    expect(run.code).toBe(1);
    const token = /replay: maple-check replay --kernel DIR (kernel:seq:\S+)/.exec(run.out)?.[1];
    expect(token).toBeDefined();
    expect(run.out).toMatch(/tree: linux 6\.12/);
    const commands = Number(/minimized counterexample \((\d+) commands\)/.exec(run.out)?.[1]);
    expect(commands).toBeLessThanOrEqual(4);
    const replay = await runCli("replay", token as string, "--kernel", copy, "--no-times");
    expect(replay.code).toBe(1);
    const onTs = await runCli("replay", token as string);
    expect(onTs.code).toBe(4);
  }, 600_000);
});
