/**
 * The explorer on linux 6.12's C tree (native/explore/explore.c driven by
 * src/backend/kernel/explore/kernel-explore.ts): the seed bug found with RCU off, every
 * interleaving passing with RCU on, the same search as the TypeScript explorer's where the two
 * trees make the same accesses, each access of a timeline naming its C function and line;
 * reader crashes and livelocks are findings and the search goes on; a path replays.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exploreKernel } from "../../../../src/backend/kernel/explore/kernel-explore.js";
import {
  compileKernelScenario,
  type KernelCompiledScenario,
  KernelExploreSession,
} from "../../../../src/backend/kernel/explore/kernel-scenario.js";
import { KERNEL_PLAN } from "../../../../src/backend/kernel/explore/kernel-subtrees.js";
import { explore } from "../../../../src/checker/explorer/index.js";
import { compileScenario, specScenario } from "../../../../src/checker/scenario/index.js";
import { loadSpecFile } from "../../../../src/checker/spec/load-spec.js";
import {
  BUILD_TIMEOUT,
  exploreRunner,
  kernelDir,
  seedScenario,
} from "./explore-runner-for-tests.js";

const spec = (name: string) =>
  specScenario(loadSpecFile(`${import.meta.dirname}/../../../../specs/${name}.json`));

describe.skipIf(kernelDir === undefined)("the explorer on linux 6.12's C tree", () => {
  let session: KernelExploreSession;
  let off: KernelCompiledScenario;
  let on: KernelCompiledScenario;
  beforeAll(() => {
    session = new KernelExploreSession(exploreRunner());
    off = compileKernelScenario(seedScenario("off"), session);
    on = compileKernelScenario(seedScenario("on"), session);
  }, BUILD_TIMEOUT);
  afterAll(() => session?.close());

  it("RCU off: the seed bug, at the TypeScript explorer's second execution", () => {
    const r = exploreKernel(off, { branchOnRcuStart: false });
    expect(r.verdict).toBe("violation");
    expect(r.executions).toBe(2);
    const v = r.violations[0];
    expect(v.kind).toBe("check-failed");
    expect(v.message).toMatch(/walk-then-prev `mprev 0`/);
    // Every access names the C code that made it.
    const reads = v.timeline.filter((l) => l.text.startsWith("read "));
    const stores = v.timeline.filter((l) => l.text.startsWith("store "));
    expect(reads.length).toBeGreaterThan(10);
    for (const l of [...reads, ...stores]) expect(l.text).toMatch(/ at \w+:\d+/);
    expect(stores.some((l) => /at mas_wr_node_store:\d+/.test(l.text))).toBe(true);
    expect(reads.some((l) => /at mtree_lookup_walk:\d+ in mtree_load \(plain\)/.test(l.text))).toBe(
      true,
    );
    expect(
      reads.some((l) => /read root = node#\d+\+0x[0-9a-f]+ .*\(atomic consume\)/.test(l.text)),
    ).toBe(true);
  });

  it("RCU off, explored to the end: the TypeScript explorer's executions, one per observation", () => {
    const k = exploreKernel(off, {
      branchOnRcuStart: false,
      stopOnFirstViolation: false,
      maxViolations: 1,
    });
    const c = compileScenario(seedScenario("off"));
    const ts = explore(c.scenario, {
      check: c.check,
      branchOnRcuStart: false,
      stopOnFirstViolation: false,
      maxViolations: 1,
    });
    expect(k.verdict).toBe("violation");
    expect(k.executions).toBe(ts.executions);
    expect(k.distinctObservations).toBe(k.executions);
    expect(k.readerSteps).toEqual(ts.readerSteps);
    expect(k.copyBlocks).toEqual([32]);
    expect(k.violatingExecutions).toBeGreaterThan(0);
  });

  it("RCU on: every interleaving passes, the exploration complete", () => {
    const r = exploreKernel(on, { branchOnRcuStart: false });
    expect(r.verdict).toBe("pass");
    expect(r.incompleteReason).toBeUndefined();
    expect(r.executions).toBeGreaterThan(10);
    expect(r.gracePeriods).toBe(1);
  });

  it("replays a violation's path: the same execution and timeline", () => {
    const first = exploreKernel(off, { branchOnRcuStart: false }).violations[0];
    const again = exploreKernel(off, { branchOnRcuStart: false, replayPath: first.path });
    expect(again.executions).toBe(1);
    expect(again.violations[0].text).toBe(first.text);
  });

  it("a bound on preemptions cuts choices off: incomplete, never a pass", () => {
    const r = exploreKernel(on, { branchOnRcuStart: false, preemptionBound: 0 });
    expect(r.verdict).toBe("incomplete");
    expect(r.incompleteReason).toMatch(/preemption bound 0/);
  });

  it("a reader that crashes in the C code is a finding, and the search goes on", () => {
    const c = compileKernelScenario(spec("explore-prev-emptied-tree"), session);
    const r = exploreKernel(c, { stopOnFirstViolation: false, maxViolations: 1 });
    expect(r.verdict).toBe("violation");
    const v = r.violations[0];
    expect(v.kind).toBe("reader-crashed");
    expect(v.message).toMatch(/cursor-prev mprev 0: SIGSEGV: at \w+:\d+/);
    expect(v.timeline.some((l) => l.text.startsWith("CRASH in mprev 0"))).toBe(true);
    expect(r.executions).toBeGreaterThan(r.violatingExecutions);
  });

  it("a reader over its step bound is a livelock", () => {
    const r = exploreKernel(off, { branchOnRcuStart: false, readerStepBudget: 5 });
    expect(r.verdict).toBe("violation");
    expect(r.violations[0].kind).toBe("livelock");
    expect(r.violations[0].message).toMatch(/did not finish within 5 word reads/);
  });

  it("shards: the parts' executions add up to the whole", () => {
    const whole = exploreKernel(on, { branchOnRcuStart: true });
    const parts = [1, 2, 3].map(
      (index) =>
        exploreKernel(on, { branchOnRcuStart: true, subtree: { index, count: 3 } }).executions,
    );
    expect(parts.reduce((a, b) => a + b, 0)).toBe(whole.executions);
  });

  it("shards, cut into subtrees from the runner's probes: every shard has a part, they tile", () => {
    const whole = exploreKernel(on, { branchOnRcuStart: true });
    const plan = { maxPlanShare: Number.POSITIVE_INFINITY };
    const parts = [1, 2, 3, 4].map((index) =>
      exploreKernel(on, { branchOnRcuStart: true, subtree: { index, count: 4, plan } }),
    );
    for (const p of parts) {
      expect(p.executions).toBeGreaterThan(0);
      expect(p.verdict).toBe("pass");
      // The naive count's reads are the whole space's first execution's in every part.
      expect(p.readerSteps).toEqual(whole.readerSteps);
    }
    expect(parts.reduce((a, p) => a + p.executions, 0)).toBe(whole.executions);
  });

  it("shards, planned as the C explorer's big trees are (walks leaning to option 0): they tile", () => {
    const whole = exploreKernel(on, { branchOnRcuStart: true });
    const plan = { ...KERNEL_PLAN, maxPlanShare: Number.POSITIVE_INFINITY };
    const parts = [1, 2, 3, 4].map(
      (index) =>
        exploreKernel(on, { branchOnRcuStart: true, subtree: { index, count: 4, plan } })
          .executions,
    );
    expect(parts.every((n) => n > 0)).toBe(true);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(whole.executions);
  });

  it("plan mode: a walk is a function of its seed and bias; `c PATH` counts what the search explores", () => {
    const whole = exploreKernel(on, { branchOnRcuStart: true });
    session.load(on.data);
    const p = session.process();
    p.send("explore budget=10000 bound=-1 branch=1 fwd=0 plan=1");
    while (p.readLine() !== "plan");
    const walk = p.request("r 42 0.7 -");
    expect(walk).toMatch(/^w( \d+\.\d+)+$/);
    expect(p.request("r 42 0.7 -")).toBe(walk);
    const steps = walk
      .slice(2)
      .split(" ")
      .map((s) => s.split(".").map(Number));
    for (const [i, n] of steps) expect(i).toBeLessThan(n);
    // Bias 1: option 0 everywhere, the leftmost execution a probe takes.
    const leftmost = p.request("p -").slice(2).split(" ").map(Number);
    expect(p.request("r 7 1 -")).toBe(`w ${leftmost.map((n) => `0.${n}`).join(" ")}`);
    expect(p.request("c -")).toBe(`n ${whole.executions}`);
    // The subtrees under the first choice's options tile the whole.
    const first = leftmost.findIndex((n) => n > 1);
    const prefix = new Array<number>(first).fill(0);
    let sum = 0;
    for (let j = 0; j < leftmost[first]; j++)
      sum += Number(p.request(`c ${[...prefix, j].join(".")}`).slice(2));
    expect(sum).toBe(whole.executions);
    expect(p.request("p-end")).toBe("done plan");
  });

  it("a violation in a shard's subtree replays from its path on the whole space", () => {
    const plan = { maxPlanShare: Number.POSITIVE_INFINITY };
    const parts = [1, 2, 3].map((index) =>
      exploreKernel(off, { branchOnRcuStart: false, subtree: { index, count: 3, plan } }),
    );
    const found = parts.filter((p) => p.verdict === "violation");
    expect(found.length).toBeGreaterThan(0);
    for (const p of found) {
      const v = p.violations[0];
      const again = exploreKernel(off, { branchOnRcuStart: false, replayPath: v.path });
      expect(again.verdict).toBe("violation");
      expect(again.violations[0].message).toBe(v.message);
    }
  });
});
