/**
 * The main job (`maple-check run`: every spec of specs/ and every trace check) as vitest tests,
 * for StrykerJS only (vitest.mutation.config.ts): a mutant of src/impl or src/model counts as
 * killed when the main job alone would fail on it. One test per spec, so Stryker's per-test
 * coverage runs only the specs that reach a mutant. Not part of `npm test` (the name does not
 * end in .test.ts): the suite's own tests would kill far more mutants than the main job does.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assertSpec } from "../../src/checker/assert-spec.js";
import { runTrace } from "../../src/trace/run-trace.js";

const specsDir = join(import.meta.dirname, "../../specs");
const files = readdirSync(specsDir).sort();

describe("main job", () => {
  for (const file of files.filter((f) => f.endsWith(".json"))) {
    it(`spec ${file}`, () => {
      assertSpec(join(specsDir, file));
    });
  }
  for (const file of files.filter((f) => f.endsWith(".trace"))) {
    const name = file.slice(0, -".trace".length);
    it(`trace ${name}`, () => {
      const expected = readFileSync(join(specsDir, `${name}.expected`), "utf8");
      const trace = readFileSync(join(specsDir, file), "utf8");
      expect(runTrace(trace, { guard: name.endsWith(".guard") }).output).toBe(expected);
    });
  }
});
