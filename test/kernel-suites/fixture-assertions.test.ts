/**
 * The fixtures themselves: every trace has its `.expected` file with one result line per
 * operation, no `crash`, kernel warning or `invalid` line, and the kernel tests' own
 * assertions written into the traces (`#= `, `#^ `, `#count `) hold on the oracle's output.
 * This needs no tree: it checks that the committed corpus agrees with the kernel tests.
 */
import { describe, expect, it } from "vitest";
import {
  brokenAssertions,
  outputLines,
  parseFixture,
} from "../../scripts/fixtures/fixture-format.js";
import { fixtureFiles, readFixtureText } from "../conformance/fixture-files.js";

const files = [...fixtureFiles("kernel-suites"), ...fixtureFiles("conformance")];
const BAD_RESULT = /^crash$| !warn=| !mismatch$|^invalid /;

describe("fixture corpus consistency", () => {
  it.each(files.map((f) => [f.name, f] as const))("%s", (_name, f) => {
    const fx = parseFixture(readFixtureText(f.tracePath));
    const results = outputLines(readFixtureText(f.expectedPath));
    expect(results.length, "one result line per operation").toBe(fx.ops.length);
    const bad = results.flatMap((r, i) =>
      BAD_RESULT.test(r) ? [`line ${fx.ops[i].lineNo}: ${r}`] : [],
    );
    expect(bad).toEqual([]);
    expect(brokenAssertions(fx, results)).toEqual([]);
  });
});
