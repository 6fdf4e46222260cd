/**
 * A proposed fix on the C tree: a spec whose tree.faults name only a proposed fix runs on a
 * copy of 6.12 patched with specs/kernel-fixes/NAME.patch. The scenario (explore-find-null-
 * at-limit-rcu of specs/triage) makes 6.12's mas_find answer NULL at its limit while an entry
 * was there in every state; with the fix the C tree passes, without it the violation stays.
 */
import { describe, expect, it } from "vitest";
import { KernelBackend } from "../../../src/backend/kernel/kernel-backend.js";
import { lazyRunnerBuild } from "../../../src/backend/kernel/lazy-runner-build.js";
import { runSpec } from "../../../src/checker/run/run-spec.js";
import { parseSpec } from "../../../src/checker/spec/load-spec.js";
import { kernelTreeForTests } from "./kernel-tree-for-tests.js";

const FIX = "proposed-fix:restart-step-from-operation-start";
const dir = kernelTreeForTests("6.12");
const old = kernelTreeForTests("6.1");

function findAtLimit(faults: string[]) {
  return parseSpec(
    JSON.stringify({
      name: "find-null-at-limit",
      mode: "explore",
      tree: { flags: ["alloc", "rcu"], geometry: "kernel", faults },
      expect: "pass",
      explore: {
        order: "per-thread",
        prefix: ["store 20 34 1"],
        writer: ["store 0 35 1", "insert 0 0 1"],
        readers: [{ name: "find", kind: "rcu", lines: ["mset 0", "mfind 36"] }],
        bounds: { readerSteps: 10000, executions: 20000 },
      },
    }),
    "find-null-at-limit",
  );
}

/** explore-root-expansion-prev-control: mt_prev(1) racing insert [1,1] answers [0,0]. */
function prevFromOne(faults: string[]) {
  return parseSpec(
    JSON.stringify({
      name: "prev-from-one",
      mode: "explore",
      tree: { flags: ["alloc", "rcu"], geometry: "kernel", faults },
      expect: "pass",
      explore: {
        prefix: ["store 0 0 1", "store 9 9 2"],
        writer: ["insert 1 1 1"],
        readers: [{ name: "prev-from-1", kind: "rcu", lines: ["prev 1 0"] }],
        bounds: { readerSteps: 10000, executions: 100000 },
      },
    }),
    "prev-from-one",
  );
}

describe.skipIf(dir === undefined)("a proposed fix on linux 6.12's C tree", () => {
  it("passes on the patched copy, and the unpatched tree keeps the violation", () => {
    const backend = new KernelBackend(lazyRunnerBuild(dir as string));
    try {
      const fixed = runSpec(findAtLimit([FIX]), { backend });
      expect(fixed.verdict).toBe("pass");
      expect(fixed.backend).toMatch(/with proposed-fix:restart-step-from-operation-start$/);
      const clean = runSpec(findAtLimit([]), { backend });
      expect(clean.verdict).toBe("violation");
      expect(clean.counterexample?.error).toMatch(/find/);
    } finally {
      backend.close();
    }
  }, 120_000);

  it("mt_prev after a walk: the fixed C tree answers as a state allows, like the TypeScript tree", () => {
    // A first version walked again to the end of the range the setup landed in and answered
    // `prev 1 0` -> "1 1 1", an entry at its own index: the fix walks again to the index
    // the setup walked to.
    const backend = new KernelBackend(lazyRunnerBuild(dir as string));
    try {
      expect(runSpec(prevFromOne([]), { backend }).verdict).toBe("pass");
      const fixed = runSpec(prevFromOne([FIX]), { backend });
      expect(fixed.verdict).toBe("pass");
      expect(fixed.backend).toMatch(/with proposed-fix:restart-step-from-operation-start$/);
      expect(runSpec(prevFromOne([FIX])).verdict).toBe("pass");
    } finally {
      backend.close();
    }
  }, 120_000);

  it("a TypeScript fault mixed in is not applicable", () => {
    const backend = new KernelBackend(lazyRunnerBuild(dir as string));
    try {
      const out = runSpec(findAtLimit([FIX, "append-in-rcu"]), { backend });
      expect(out.verdict).toBe("not-applicable");
      expect(out.notApplicable).toMatch(/switches of the TypeScript tree/);
    } finally {
      backend.close();
    }
  });
});

describe.skipIf(old === undefined)("a proposed fix on linux 6.1's C tree", () => {
  it("is not applicable: the patch does not apply, in one line", () => {
    const backend = new KernelBackend(lazyRunnerBuild(old as string));
    try {
      const reason = backend.notApplicable({ geometry: "kernel", faults: [FIX] });
      expect(reason).toMatch(
        /^proposed-fix:restart-step-from-operation-start: its patch does not apply to linux 6\.1\.\d+'s \S+maple_tree\.c$/,
      );
    } finally {
      backend.close();
    }
  });
});
