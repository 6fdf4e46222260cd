import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkMmSequential, mmPairFor } from "../../src/checker/mm/check-mm-sequential.js";
import { mmArbitraries } from "../../src/checker/mm/mm-arbitraries.js";
import {
  formatMmCommand,
  type MmCommand,
  parseMmCommand,
} from "../../src/checker/mm/mm-command.js";
import {
  isRelative,
  type MmIntent,
  type RelativeCommand,
  resolveIntent,
} from "../../src/checker/mm/mm-relative.js";
import { MmSequentialSpec } from "../../src/checker/mm/mm-spec.js";

const spec = (extra: object = {}) => MmSequentialSpec.parse({ mms: 1, ...extra });
/** The model's space after `lines`. */
const spaceAfter = (lines: string[]) => mmPairFor(spec({ prefix: lines })).spaces[0];
const fallback = parseMmCommand("mmap 0 0x9000-0xa000 r-- fixed anon", 1);
const line = (c: MmCommand) => formatMmCommand(c);

const mmapAt = (relative: Partial<Extract<RelativeCommand, { op: "mmap" }>["relative"]>) =>
  ({
    op: "mmap",
    mm: 0,
    relative: {
      at: 0,
      place: "gap",
      n: 1,
      k: 1,
      prot: "like",
      backing: { like: true },
      mode: "fixed",
      ...relative,
    },
    fallback,
  }) as RelativeCommand;

describe("commands relative to the current mappings", () => {
  const two = spaceAfter([
    "mmap 0 0x1000-0x3000 rw- fixed anon",
    "mmap 0 0x5000-0x7000 r-- fixed file1@0x5",
    "fault 0 0x1000",
  ]);

  it("fills the gap between two mappings exactly, and touches, covers or replaces one", () => {
    expect(line(resolveIntent(mmapAt({ place: "gap" }), two))).toBe(
      "mmap 0 0x3000-0x5000 rw- fixed anon",
    );
    // From the last mapping on there is no gap between two: it touches the last one's end.
    expect(line(resolveIntent(mmapAt({ at: 1, place: "gap", n: 2 }), two))).toBe(
      "mmap 0 0x7000-0x9000 r-- fixed file1@0x7",
    );
    expect(line(resolveIntent(mmapAt({ at: 1, place: "before", n: 1 }), two))).toBe(
      "mmap 0 0x4000-0x5000 r-- fixed file1@0x4",
    );
    expect(line(resolveIntent(mmapAt({ place: "tail", k: 1, n: 1 }), two))).toBe(
      "mmap 0 0x2000-0x4000 rw- fixed anon",
    );
    expect(line(resolveIntent(mmapAt({ at: 3, place: "head", k: 1, n: 3 }), two))).toBe(
      "mmap 0 0x2000-0x6000 r-- fixed file1@0x2",
    );
    expect(
      line(
        resolveIntent(
          mmapAt({
            place: "over",
            prot: 7,
            backing: { like: false, file: { file: 2, shift: 0, close: true } },
          }),
          two,
        ),
      ),
    ).toBe("mmap 0 0x1000-0x3000 rwx fixed dev2@0x1");
  });

  it("puts mprotect and munmap on a VMA's boundaries or across two, and faults inside one", () => {
    const three = spaceAfter([
      "mmap 0 0x1000-0x4000 rw- fixed anon",
      "mmap 0 0x4000-0x6000 r-- fixed file1@0x0",
    ]);
    const range = (op: "mprotect" | "munmap", r: object): RelativeCommand =>
      ({
        op,
        mm: 0,
        relative: { at: 0, place: "whole", k: 0, prot: 1, ...r },
        fallback,
      }) as RelativeCommand;
    expect(line(resolveIntent(range("mprotect", { place: "pair" }), three))).toBe(
      "mprotect 0 0x1000-0x6000 r--",
    );
    // The tail of the first takes the prot of the one it touches from outside: a merge.
    expect(
      line(resolveIntent(range("mprotect", { place: "tail", k: 0, prot: "like" }), three)),
    ).toBe("mprotect 0 0x3000-0x4000 r--");
    expect(line(resolveIntent(range("munmap", { place: "head", k: 0 }), three))).toBe(
      "munmap 0 0x1000-0x2000",
    );
    expect(line(resolveIntent(range("munmap", { place: "middle", k: 0 }), three))).toBe(
      "munmap 0 0x2000-0x3000",
    );
    const fault: RelativeCommand = { op: "fault", mm: 0, relative: { at: 3, k: 5 }, fallback };
    // A fault goes into a writable mapping: the only one here is the first.
    expect(line(resolveIntent(fault, three))).toBe("fault 0 0x3000");
  });

  it("is its fallback with no mapping, and a concrete command is itself", () => {
    expect(resolveIntent(mmapAt({}), spaceAfter([]))).toBe(fallback);
    expect(resolveIntent(fallback, two)).toBe(fallback);
  });

  it("makes up a large share of the generated mmaps, mprotects, munmaps and faults", () => {
    const arbs = mmArbitraries({ taskPages: 32, startBrk: 8, mms: 1 });
    for (const op of ["mmap", "mprotect", "munmap", "fault"]) {
      const sample = fc.sample(arbs[op].arb as fc.Arbitrary<MmIntent>, { numRuns: 200, seed: 1 });
      const relative = sample.filter(isRelative).length;
      expect(relative).toBeGreaterThan(60);
      expect(relative).toBeLessThan(200);
    }
  });

  it("prints a shrunk counterexample as concrete lines that replay to the same violation", () => {
    const s = spec({ runs: 100, seed: 2, faults: ["merge-next-keeps-old-pgoff"] });
    const out = checkMmSequential(s);
    expect(out.verdict).toBe("violation");
    const lines = out.counterexample?.lines ?? [];
    expect(lines.every((l) => formatMmCommand(parseMmCommand(l, 1)) === l)).toBe(true);
    expect(checkMmSequential({ ...s, runs: 1, prefix: lines }).counterexample?.lines).toEqual(
      lines,
    );
    // Deterministic: the same seed gives the same counterexample.
    expect(checkMmSequential(s).counterexample?.lines).toEqual(lines);
  });
});
