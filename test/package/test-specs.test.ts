import { describe, expect, it } from "vitest";
import * as api from "../../src/index.js";
import { specDir, variant } from "../cli/run/helpers.js";

/** A stand-in for vitest's `it`: records what testSpecs registers. */
function recorder() {
  const tests: Array<{ name: string; fn: () => void; timeout?: number }> = [];
  const test: api.TestFunction = (name, fn, timeout) => tests.push({ name, fn, timeout });
  return { tests, test };
}

describe("testSpecs: one test per spec of a folder", () => {
  it("registers each spec with its expectation and a generous timeout; a met expectation passes", () => {
    const dir = specDir(["explore-guard-gap-rcu-on", "explore-seed-bug-rcu-off"]);
    const { tests, test } = recorder();
    const specs = api.testSpecs(test, dir);
    expect(specs.map((s) => s.name)).toEqual([
      "explore-guard-gap-rcu-on",
      "explore-seed-bug-rcu-off",
    ]);
    expect(tests.map((t) => [t.name, t.timeout])).toEqual([
      ["explore-guard-gap-rcu-on (expects pass)", 120_000],
      ["explore-seed-bug-rcu-off (expects violation)", 120_000],
    ]);
    for (const t of tests) t.fn();
  });

  it("a test throws the counterexample and its replay token when the verdict is not the expected one", () => {
    const dir = specDir(
      [],
      variant("inversion-expected-pass", "explore-rcu-reader-inversion", { expect: "pass" }),
    );
    const { tests, test } = recorder();
    api.testSpecs(test, dir, { names: ["inversion-expected-pass"], timeout: 5000 });
    expect(tests).toHaveLength(1);
    expect(tests[0]?.timeout).toBe(5000);
    expect(() => tests[0]?.fn()).toThrow(
      /inversion-expected-pass: violation \(expected pass\)[\s\S]*replay: .*explore:inversion-expected-pass@[0-9a-f]{12}:/,
    );
  });
});

describe("the package's entry module", () => {
  it("exports the checker's entry points and report formatters", () => {
    const exported = new Map(Object.entries(api));
    for (const name of [
      "assertSpec",
      "testSpecs",
      "loadSpecFile",
      "loadSpecDir",
      "parseSpec",
      "runSpec",
      "runAll",
      "replayOutcome",
      "checkSequential",
      "explore",
      "treeScenario",
      "runExploreSpec",
      "formatOutcome",
      "summaryTable",
      "junitXml",
      "htmlReport",
      "mtreeStoreRange",
      "mtreeLoad",
      "specsFolder",
    ])
      expect(typeof exported.get(name), name).toBe("function");
    expect(typeof api.MapleTree).toBe("function");
  });
});
