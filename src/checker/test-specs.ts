/**
 * One test per spec of a folder, in any runner whose test function takes (name, fn, timeout)
 * (vitest's `it`/`test`, jest's `test`):
 *
 *   import { it } from "vitest";
 *   import { testSpecs } from "maple-check";
 *   testSpecs(it, "specs");
 *
 * The specs are read when the file is collected, so a bad spec fails the file at once; each
 * test runs its spec with assertSpec (a verdict other than the expected one throws with the
 * counterexample and its replay token).
 */
import { assertSpec } from "./assert-spec.js";
import { selectSpecs } from "./run/run-all.js";
import type { RunOverrides } from "./run/run-spec.js";
import type { Spec } from "./spec/schema.js";

/** The runner's test function (its return value is ignored). */
export type TestFunction = (name: string, fn: () => void, timeout?: number) => unknown;

export interface TestSpecsOptions {
  /** Spec names (as in DIR/NAME.json) or paths; default: every spec of the folder. */
  names?: readonly string[];
  /** Seed, runs... for every spec (as `maple-check run --seed/--runs`). */
  overrides?: RunOverrides;
  /** Per-test timeout in ms (default 120 000: a spec is a whole search, not a unit test). */
  timeout?: number;
}

export function testSpecs(test: TestFunction, dir: string, opts: TestSpecsOptions = {}): Spec[] {
  const specs = selectSpecs(dir, opts.names ?? []);
  for (const spec of specs)
    test(
      `${spec.name} (expects ${spec.expect})`,
      () => {
        assertSpec(spec, opts.overrides);
      },
      opts.timeout ?? 120_000,
    );
  return specs;
}
