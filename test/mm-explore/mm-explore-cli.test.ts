import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../cli/run/helpers.js";

const GOOD = {
  prefix: ["mmap 0 0x1000-0x2000 rw- fixed anon"],
  writer: "munmap 0 0x1000-0x2000",
  readers: [{ kind: "lockless", addr: "0x1000" }],
};

function specWith(block: object, expect = "pass"): string {
  const dir = mkdtempSync(join(tmpdir(), "maple-check-mmx-"));
  const spec = { name: "mmx", mode: "mm-explore", expect, mmExplore: { ...GOOD, ...block } };
  writeFileSync(join(dir, "mmx.json"), JSON.stringify(spec));
  return dir;
}

describe("maple-check run: mm-explore specs", () => {
  it.each([
    [{ writer: "find_vma 0 0x1000" }, /mmExplore\.writer: .*a writer is one of/],
    [{ readers: [{ kind: "lockless", addr: "0x1800" }] }, /not page-aligned/],
    [{ readers: [{ kind: "rcu", addr: "0x1000" }] }, /mmExplore\.readers/],
    [{ withoutSeedHunks: ["dup_mmap-restores-rcu"], flavour: "pre-seed" }, /6\.12 flavour/],
  ])("bad input %j is one line and exit 4", async (block, pattern) => {
    const r = await cli("run", "--specs", specWith(block), "--no-progress");
    expect(r.code).toBe(4);
    const lines = r.err.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
  });

  it("runs a good one to a pass: munmap under lockless faults on 6.12", async () => {
    const r = await cli("run", "--specs", specWith({}), "--no-progress");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/mmx\s+mm-explore\s+1\s/);
  });
});
