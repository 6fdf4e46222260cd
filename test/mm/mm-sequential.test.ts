import { describe, expect, it } from "vitest";
import { checkMmSequential, mmPairFor } from "../../src/checker/mm/check-mm-sequential.js";
import { parseMmCommand } from "../../src/checker/mm/mm-command.js";
import { MmMismatch } from "../../src/checker/mm/mm-pair.js";
import { MmSequentialSpec } from "../../src/checker/mm/mm-spec.js";
import { runSpec } from "../../src/checker/run/run-spec.js";
import { parseSpec } from "../../src/checker/spec/load-spec.js";
import { SpecError } from "../../src/checker/spec/spec-error.js";

const spec = (extra: object = {}) => MmSequentialSpec.parse({ runs: 15, seed: 4, ...extra });

describe("mm-level sequential checking", () => {
  it("passes the layer against the model on both flavours, the same way twice", () => {
    for (const flavour of ["6.12", "pre-seed"] as const) {
      const a = checkMmSequential(spec({ flavour }));
      expect(a.verdict).toBe("pass");
      expect(a.commands).toBeGreaterThan(100);
      expect(checkMmSequential(spec({ flavour })).commands).toBe(a.commands);
    }
  });

  it("numbers a forked child's new anon_vma after the ones it copied", () => {
    const prefix = [
      "mmap 1 0x0-0x1000 rwx fixed anon",
      "mmap 1 0x1000-0x2000 rw- fixed anon growsup",
      "fault 1 0x1000",
      "fork 1 0",
      "fault 0 0x0",
      "maps 0",
    ];
    expect(checkMmSequential(spec({ prefix, runs: 1 })).verdict).toBe("pass");
  });

  it("reports a layer that keeps the wrong file offset, as the answer of the next lookup", () => {
    const pair = mmPairFor(spec({ prefix: ["mmap 0 0x3000-0x5000 rw- fixed file1@0x3"] }));
    const vma = [...pair.mms[0].vmas.values()][0];
    vma.vmPgoff = 7;
    expect(() => pair.run(parseMmCommand("find_vma 0 0x3000", 2))).toThrow(MmMismatch);
  });

  it("reports a prefix the layer fails as a violation whose counterexample is the prefix up to it", () => {
    const prefix = [
      "mmap 0 0x3000-0x5000 rw- fixed file1@0x3",
      "mmap 0 0x1000-0x3000 rw- fixed file1@0x1",
      "maps 0",
    ];
    const out = checkMmSequential(spec({ prefix, faults: ["merge-next-keeps-old-pgoff"] }));
    expect(out.verdict).toBe("violation");
    expect(out.counterexample?.lines).toEqual(prefix.slice(0, 2));
    expect(out.counterexample?.error).toMatch(/mappings of mm 0 differ/);
  });

  it("reports a VMA table that no longer matches the tree", () => {
    const pair = mmPairFor(spec({ prefix: ["mmap 1 0x3000-0x5000 rw- fixed anon"] }));
    const vma = [...pair.mms[1].vmas.values()][0];
    pair.spaces[1] = {
      ...pair.spaces[1],
      mappings: [{ ...pair.spaces[1].mappings[0], end: 6 }],
    };
    vma.vmEnd = 6;
    expect(() => pair.run(parseMmCommand("maps 1", 2))).toThrow(/is stored as/);
  });

  it("runs mm-seq specs through runSpec, and rejects a bad prefix line at load time", () => {
    const s = parseSpec(
      JSON.stringify({ name: "mm-inline", mode: "mm-sequential", expect: "pass", mm: { runs: 5 } }),
      "inline",
    );
    const o = runSpec(s);
    expect([o.mode, o.verdict, o.scenarios]).toEqual(["mm-sequential", "pass", 5]);
    expect(() =>
      parseSpec(
        JSON.stringify({
          name: "mm-bad",
          mode: "mm-sequential",
          expect: "pass",
          mm: { prefix: ["mmap 0 0x1800-0x2000 rw- fixed anon"] },
        }),
        "inline",
      ),
    ).toThrow(SpecError);
  });
});

describe("mm-sequential specs in a sharded job", () => {
  it("two shards run disjoint blocks of the runs that add up to the whole", async () => {
    const { runAll } = await import("../../src/checker/run/run-all.js");
    const s = parseSpec(
      JSON.stringify({ name: "mm-shard", mode: "mm-sequential", expect: "pass", mm: { runs: 7 } }),
      "inline",
    );
    const parts = [1, 2].map((index) => runAll([s], { shard: { index, count: 2 } }).outcomes[0]);
    expect(parts.map((o) => [o.part?.from, o.part?.to, o.scenarios])).toEqual([
      [0, 3, 3],
      [3, 7, 4],
    ]);
    expect(parts.every((o) => o.verdict === "pass")).toBe(true);
  });
});
