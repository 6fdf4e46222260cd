/**
 * mm-explore specs whose writer is the kernel's mm/vma.c (`"source": "vma.c"`): their lines
 * are vma-runner's, checked at load time; without --kernel they are not applicable, saying why
 * (the kernel side is test/backend/kernel/vma/vma-explore.test.ts).
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runSpec } from "../../src/checker/run/run-spec.js";
import { loadSpecFile, parseSpec } from "../../src/checker/spec/load-spec.js";

const SPECS = join(import.meta.dirname, "../../specs");

function vmaSpec(mmExplore: Record<string, unknown>): string {
  return JSON.stringify({
    name: "t",
    mode: "mm-explore",
    expect: "pass",
    mmExplore: {
      source: "vma.c",
      prefix: ["vma_link 0x1000 0x2000 0x73"],
      writer: "split 0x1000",
      readers: [{ kind: "lockless", addr: "0x1000" }],
      ...mmExplore,
    },
  });
}

describe("mm-explore specs with a vma.c writer", () => {
  it("take vma-runner lines and lockless readers", () => {
    const s = parseSpec(vmaSpec({}), "t.json");
    expect(s.mmExplore?.source).toBe("vma.c");
  });

  it.each([
    [{ writer: "mmap 0 0x1000-0x2000 rw- fixed anon" }, /writer.*not one of vma_link, merge_new/],
    [{ prefix: ["vma_link 0x1000 0x2000"] }, /prefix\.0.*vma_link takes 3-4 numbers/],
    [{ writer: "munmap 0x1000 zz" }, /"zz" is not a number/],
    [{ readers: [{ kind: "locked", addr: "0x1000" }] }, /lockless or iterate readers only/],
    [{ readers: [{ kind: "lockless", addr: "0x1001" }] }, /not page-aligned/],
    [{ withoutSeedHunks: ["dup_mmap-restores-rcu"] }, /vma\.c has none/],
    [
      { writer: undefined, writers: ["split 0x1000", "split 0x1000"] },
      /one `writer` \(no `writers`/,
    ],
    [{ allocFailure: "explore" }, /one `writer` \(no `writers`, no `allocFailure`\)/],
  ])("refuse a bad block with one error naming it: %j", (block, message) => {
    expect(() => parseSpec(vmaSpec(block), "t.json")).toThrow(message);
  });

  it("mm-layer specs keep their hash: `source` is absent unless written", () => {
    const s = loadSpecFile(join(SPECS, "mm-explore-seed-612.json"));
    expect(s.mmExplore?.source).toBeUndefined();
    expect(JSON.stringify(s)).not.toContain("source");
  });

  it("without --kernel every vma.c spec of specs/ is not applicable, with the reason", () => {
    const names = readdirSync(SPECS).filter((f) => f.startsWith("mm-explore-vma-"));
    expect(names.length).toBeGreaterThanOrEqual(8);
    for (const f of names) {
      const o = runSpec(loadSpecFile(join(SPECS, f)));
      expect(o.verdict).toBe("not-applicable");
      expect(o.notApplicable).toMatch(/mm\/vma\.c: it runs with --kernel DIR/);
    }
  });
});
