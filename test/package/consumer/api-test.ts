// The consumer project's vitest file: maple-check's API from TypeScript, as a user writes it.
import {
  assertSpec,
  formatOutcome,
  junitXml,
  loadSpecDir,
  MapleTree,
  mtreeLoad,
  mtreeStoreRange,
  type SpecOutcome,
  testSpecs,
} from "maple-check";
import { expect, it } from "vitest";

testSpecs(it, "specs");

it("assertSpec returns the outcome of a spec that meets its expectation", () => {
  const outcome: SpecOutcome = assertSpec("specs/consumer-guard-gap.json");
  expect(outcome.verdict).toBe("pass");
  expect(formatOutcome(outcome, { times: false })).toMatch(/^consumer-guard-gap: pass/);
  expect(junitXml([outcome])).toContain('name="consumer-guard-gap"');
});

it("assertSpec throws the counterexample of a spec that does not", () => {
  expect(() => assertSpec("failing/consumer-inversion.json")).toThrow(
    /consumer-inversion: violation \(expected pass\)/,
  );
});

it("the tree itself", () => {
  const tree = new MapleTree();
  mtreeStoreRange(tree, 10n, 20n, "x");
  expect(mtreeLoad(tree, 15n)).toBe("x");
  expect(loadSpecDir("specs").map((s) => s.name)).toEqual([
    "consumer-guard-gap",
    "consumer-seed-bug",
  ]);
});

it("the declarations are real types, not `any` (tsc checks this file)", () => {
  // @ts-expect-error assertSpec takes a path, a Spec or its JSON object
  expect(() => assertSpec(42)).toThrow();
});
