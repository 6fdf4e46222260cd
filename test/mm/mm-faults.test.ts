/**
 * The mm layer's historic faults on known-bugs.md's minimal scenarios: with the fault the
 * pair (model as judge) stops at the scenario's last command with the bug's symptom; without
 * it the same commands pass.
 */
import { describe, expect, it } from "vitest";
import { mmPairFor } from "../../src/checker/mm/check-mm-sequential.js";
import { parseMmCommand } from "../../src/checker/mm/mm-command.js";
import { MmMismatch } from "../../src/checker/mm/mm-pair.js";
import { MmSequentialSpec } from "../../src/checker/mm/mm-spec.js";
import { MM_FAULTS, type MmFault } from "../../src/mm/mm-faults.js";

interface Scenario {
  setup: string[];
  trigger: string;
  symptom: RegExp;
}

const SCENARIOS: Record<MmFault, Scenario> = {
  // A grows-down stack at 0x10000 with a 2-page guard gap; the highest hole ends at 0x10000.
  "unmapped-area-no-guard-gap-retry": {
    setup: [
      "mmap 0 0x12000-0x20000 r-- fixed anon",
      "mmap 0 0x10000-0x12000 rw- fixed anon growsdown",
    ],
    trigger: "mmap 0 0x0-0x1000 rw- hint anon",
    symptom: /mm says 0xf000; model says 0xd000/,
  },
  // A = [0, 0xa000), a hole above: mprotect up to 0xb000 must fail.
  "mprotect-end-check-uses-iterator-end": {
    setup: ["mmap 0 0x0-0xa000 rw- fixed anon"],
    trigger: "mprotect 0 0x0-0xb000 r--",
    symptom: /mm says 0; model says -ENOMEM/,
  },
  // The heap's top page was unmapped: growing the break must not stretch the heap over it.
  "brk-expand-without-adjacency-check": {
    setup: ["brk 0 0xa000", "munmap 0 0x9000-0xa000"],
    trigger: "brk 0 0xc000",
    symptom: /mm has \[0x8000-0xc000 rw- anon acct\]/,
  },
  // N = [0x3000, 0x5000) at file page 3; a compatible range just below merges into it.
  "merge-next-keeps-old-pgoff": {
    setup: ["mmap 0 0x3000-0x5000 r-- fixed file1@0x3"],
    trigger: "mmap 0 0x1000-0x3000 r-- fixed file1@0x1",
    symptom: /mm has \[0x1000-0x5000 r-- file1@0x3\]; model has \[0x1000-0x5000 r-- file1@0x1\]/,
  },
};

function run(fault: MmFault, on: boolean): string | undefined {
  const s = SCENARIOS[fault];
  const pair = mmPairFor(
    MmSequentialSpec.parse({ prefix: s.setup, faults: on ? [fault] : [], mms: 1 }),
  );
  try {
    pair.run(parseMmCommand(s.trigger, 1));
  } catch (e) {
    if (!(e instanceof MmMismatch)) throw e;
    return e.message;
  }
  return undefined;
}

describe("mm faults re-create their historic bugs", () => {
  it.each(MM_FAULTS)("%s: caught on its minimal scenario, silent without it", (fault) => {
    expect(run(fault, true)).toMatch(SCENARIOS[fault].symptom);
    expect(run(fault, false)).toBeUndefined();
  });

  it("an mm spec refuses a fault name the layer does not have", () => {
    expect(() => MmSequentialSpec.parse({ faults: ["no-such-fault"] })).toThrow();
  });
});
