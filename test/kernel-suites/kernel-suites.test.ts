/**
 * The kernel's deterministic maple tree tests (lib/test_maple_tree.c and
 * tools/testing/radix-tree/maple.c), ported as traces: each one, run through the TypeScript
 * trace runner, must print exactly what the kernel oracle printed for it.
 */
import { describe, expect, it } from "vitest";
import { compareFixture, fixtureFiles } from "../conformance/fixture-files.js";

/** The largest traces (tens of thousands of operations) take seconds on a busy machine. */
const TIMEOUT_MS = 180_000;

const files = fixtureFiles("kernel-suites");

describe("kernel test-suite ports", () => {
  it("the corpus is present", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files.map((f) => [f.name, f] as const))(
    "%s",
    (_name, f) => {
      const problem = compareFixture(f);
      if (problem !== null) expect.fail(problem);
    },
    TIMEOUT_MS,
  );
});
