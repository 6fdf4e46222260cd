import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runSpec } from "../../src/checker/run/run-spec.js";
import { loadSpecFile } from "../../src/checker/spec/load-spec.js";
import { packageRoot } from "../../src/package-root.js";

function run(name: string) {
  return runSpec(loadSpecFile(join(packageRoot(), "specs", `${name}.json`)));
}

describe("the seed at mm level", () => {
  it("stack growth over the whole gap is a violation with the pre-seed MM_MT_FLAGS", () => {
    const o = run("mm-explore-seed-pre-seed");
    expect(o.verdict).toBe("violation");
    expect(o.pinMismatch).toBeUndefined();
    expect(o.counterexample?.found).toEqual({
      reader: "fault-in-C",
      line: "walk 0x9000",
      answer: "null 36864 40959",
    });
    expect(o.counterexample?.body).toContain("mm writer: expand_downwards 0 0x4000");
    expect(o.counterexample?.replayToken).toMatch(/^explore:mm-explore-seed-pre-seed@/);
  });

  it("the same growth passes completely with 6.12's MM_MT_FLAGS (RCU mode)", () => {
    const o = run("mm-explore-seed-612");
    expect(o.verdict).toBe("pass");
    expect(o.exploration?.[0].verdict).toBe("pass");
    expect(o.executions).toBeGreaterThan(1);
  });

  it.each(["mm-explore-guard-gap-pre-seed", "mm-explore-guard-gap-612"])(
    "the guard-gap control %s passes",
    (name) => {
      const o = run(name);
      expect(o.verdict).toBe("pass");
      expect(o.exploration?.[0].verdict).toBe("pass");
    },
  );
});

describe("the seed's dup_mmap hunk at mm level", () => {
  it("a child left out of RCU mode after dup_mmap is rewritten in place under lockless faults", () => {
    const o = run("mm-explore-dup-mmap-rcu-off");
    expect(o.verdict).toBe("violation");
    expect(o.pinMismatch).toBeUndefined();
    expect(o.counterexample?.body).toContain("seed hunk switched off: dup_mmap-restores-rcu");
  });

  it("6.12's dup_mmap restores RCU mode: the same growth in the child passes", () => {
    expect(run("mm-explore-dup-mmap-rcu").verdict).toBe("pass");
  });
});

describe("the named pre-6.5 configuration: stack expansion under the mmap read lock", () => {
  it("find_vma races the in-place rewrite on the pre-seed tree", () => {
    const o = run("mm-explore-pre65-find-vma-pre-seed");
    expect(o.verdict).toBe("violation");
    expect(o.pinMismatch).toBeUndefined();
  });

  it("and passes with RCU mode", () => {
    expect(run("mm-explore-pre65-find-vma-612").verdict).toBe("pass");
  });
});
