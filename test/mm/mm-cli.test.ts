import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../cli/run/helpers.js";

function specWith(mm: object): string {
  const dir = mkdtempSync(join(tmpdir(), "maple-check-mm-"));
  const spec = { name: "mm-bad", mode: "mm-sequential", expect: "pass", mm };
  writeFileSync(join(dir, "mm-bad.json"), JSON.stringify(spec));
  return dir;
}

describe("maple-check run: bad mm-level input is one line and exit 4", () => {
  it.each([
    [{ prefix: ["mmap 0 0x1800-0x3000 rw- fixed anon"] }, /mm\.prefix\.0: .*not page-aligned/],
    [{ prefix: ["munmap 1 0x5000-0x1000"] }, /mm\.prefix\.0: .*start is above end/],
    [{ prefix: ["mmap 0 0x1000-0x3000 rw- fixed anon huge"] }, /not growsdown or growsup/],
    [{ prefix: ["mprotect 0 0x0-0x20000000000000000 r--"] }, /past the 64-bit address space/],
    [{ mix: { mremap: 1 } }, /mm\.mix/],
    [{ faults: ["no-such-fault"] }, /mm\.faults\.0/],
    [{ prefix: ["failalloc 0 0"] }, /mm\.prefix\.0: .*not one of 1\.\.64/],
    [{ startBrk: 40, taskPages: 32 }, /start_brk must be below TASK_SIZE/],
  ])("%j", async (mm, pattern) => {
    const r = await cli("run", "--specs", specWith(mm), "--no-progress");
    expect(r.code).toBe(4);
    const lines = r.err.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
  });

  it("runs a good mm spec to a pass", async () => {
    const r = await cli("run", "--specs", specWith({ runs: 3 }), "--no-progress");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/mm-bad\s+mm-sequential\s+3\s/);
  });
});
