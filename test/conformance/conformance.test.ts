/**
 * Conformance: every trace of test/fixtures/conformance, run through the TypeScript trace
 * runner, must print exactly what the kernel oracle printed for it (the `.expected` file).
 * A failure names the first differing result line, its trace line and operation.
 */
import { describe, expect, it } from "vitest";
import { compareFixture, fixtureFiles } from "./fixture-files.js";

/** The largest traces (tens of thousands of operations) take seconds on a busy machine. */
const TIMEOUT_MS = 180_000;

const files = fixtureFiles("conformance");

describe("conformance fixtures", () => {
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
