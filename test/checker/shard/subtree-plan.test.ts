import { describe, expect, it } from "vitest";
import {
  cutSubtrees,
  dealSubtrees,
  type Probe,
  planSubtrees,
  type Subtree,
  type Walk,
} from "../../../src/checker/shard/subtree-plan.js";

/** A tree of choices: `arity(path)` options at `path`, 0 for an execution's end. */
type Arity = (path: readonly number[]) => number;

function probeOf(arity: Arity): { probe: Probe; calls: () => number } {
  let calls = 0;
  const probe: Probe = (path) => {
    calls++;
    const arities: number[] = [];
    for (let d = 0; d < path.length; d++) arities.push(arity(path.slice(0, d)));
    const at = [...path];
    for (let a = arity(at); a > 0; a = arity(at)) {
      arities.push(a);
      at.push(0);
    }
    return arities;
  };
  return { probe, calls: () => calls };
}

function leaves(arity: Arity, at: number[] = []): number[][] {
  const a = arity(at);
  if (a === 0) return [at];
  return Array.from({ length: a }, (_, j) => leaves(arity, [...at, j])).flat();
}

/** 1-3 options per choice (hashed from the path), executions 2-`depth` choices long. */
function irregular(seed: number, depth: number): Arity {
  return (path) => {
    let h = seed;
    for (const x of [path.length, ...path]) h = Math.imul(h ^ x, 0x01000193) >>> 0;
    if (path.length >= depth || (path.length >= 2 && h % 7 === 0)) return 0;
    return (h % 3) + 1;
  };
}

const under = (leaf: readonly number[], root: readonly number[]): boolean =>
  root.every((x, i) => leaf[i] === x);

describe("a schedule space cut into subtrees for shards", () => {
  it("the shards' subtrees tile the tree: every execution is under exactly one", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const arity = irregular(seed, 9);
      const all = leaves(arity);
      for (const count of [1, 2, 3, 4, 8]) {
        const plan = planSubtrees(probeOf(arity).probe, "t", count, {
          maxPlanShare: Number.POSITIVE_INFINITY,
        });
        expect(plan).toHaveLength(count);
        const roots = plan.flat().map((s) => s.path);
        for (const leaf of all)
          expect([seed, count, leaf, roots.filter((r) => under(leaf, r)).length]).toEqual([
            seed,
            count,
            leaf,
            1,
          ]);
        // Cut for real: at least 4 subtrees per shard when the tree has that many executions.
        if (count > 1) expect(roots.length).toBeGreaterThanOrEqual(Math.min(4 * count, all.length));
      }
    }
  });

  it("is the same plan every time (no hidden randomness)", () => {
    const arity = irregular(7, 9);
    const a = planSubtrees(probeOf(arity).probe, "t", 8, {
      maxPlanShare: Number.POSITIVE_INFINITY,
    });
    const b = planSubtrees(probeOf(arity).probe, "t", 8, {
      maxPlanShare: Number.POSITIVE_INFINITY,
    });
    expect(b).toEqual(a);
  });

  it("deals a regular tree exactly evenly (the estimates are exact there)", () => {
    const arity: Arity = (p) => (p.length < 12 ? 2 : 0);
    for (const count of [2, 4, 8]) {
      const plan = planSubtrees(probeOf(arity).probe, "t", count, {
        maxPlanShare: Number.POSITIVE_INFINITY,
      });
      const loads = plan.map((s) => s.reduce((n, t) => n + leaves(arity, t.path).length, 0));
      expect(loads).toEqual(new Array(count).fill(4096 / count));
    }
  });

  it("a small tree goes whole to one shard, by its name", () => {
    const arity = irregular(3, 6);
    const plan = planSubtrees(probeOf(arity).probe, "small", 4);
    expect(plan.filter((s) => s.length > 0)).toEqual([
      [{ path: [], estimate: expect.any(Number) }],
    ]);
    const owners = ["a", "b", "c", "d", "e", "f"].map((name) =>
      planSubtrees(probeOf(arity).probe, name, 4).findIndex((s) => s.length > 0),
    );
    expect(new Set(owners).size).toBeGreaterThan(1);
  });

  it("stops cutting at single executions, each estimated at exactly 1", () => {
    const arity = irregular(5, 5);
    const cut = cutSubtrees(probeOf(arity).probe, 10_000);
    const all = leaves(arity);
    expect(cut).toHaveLength(all.length);
    cut.forEach((s, i) => {
      expect(under(all[i], s.path)).toBe(true);
    });
    expect(cut.every((s) => s.estimate === 1)).toBe(true);
  });

  it("deals largest first to the least loaded shard", () => {
    const s = (estimate: number, i: number): Subtree => ({ path: [i], estimate });
    const cut = [5, 1, 4, 3, 3].map(s);
    expect(dealSubtrees(cut, 2).map((d) => d.map((t) => t.path[0]))).toEqual([
      [0, 4],
      [1, 2, 3],
    ]);
  });
});

/**
 * Monotone sequences of `depth` values below `m`: option j raises the value by j, so option 0
 * keeps every later option open and most executions lie below it (heavy-tailed, as the C
 * explorer's vma.c trees are).
 */
function monotone(m: number, depth: number): Arity {
  return (path) => (path.length >= depth ? 0 : m - path.reduce((a, b) => a + b, 0));
}

/** One random execution below `path` in one call, as the C runner walks (`r SEED BIAS PATH`). */
function walkOf(arity: Arity): { walk: Walk; calls: () => number } {
  let calls = 0;
  const walk: Walk = (path, seed, bias) => {
    calls++;
    let h = seed >>> 0;
    const u = () => {
      h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) + 0x9e3779b9;
      return (h >>> 0) / 4294967296;
    };
    const steps: [number, number][] = [];
    for (let d = 0; d < path.length; d++) steps.push([path[d], arity(path.slice(0, d))]);
    const at = [...path];
    for (let n = arity(at); n > 0; n = arity(at)) {
      const q0 = Math.max(1 / n, bias);
      const x = u();
      const j =
        n === 1 || x < q0 ? 0 : Math.min(n - 1, 1 + Math.floor(((x - q0) / (1 - q0)) * (n - 1)));
      steps.push([j, n]);
      at.push(j);
    }
    return steps;
  };
  return { walk, calls: () => calls };
}

describe("refined cuts and option-0-leaning paths", () => {
  const ALWAYS = { maxPlanShare: Number.POSITIVE_INFINITY };

  it("refines: no subtree of several executions is estimated above 1/16 of the tree", () => {
    for (const arity of [monotone(5, 12), monotone(7, 10), irregular(5, 14)]) {
      expect(leaves(arity).length).toBeGreaterThan(500);
      const cut = cutSubtrees(probeOf(arity).probe, 16);
      const total = cut.reduce((a, s) => a + s.estimate, 0);
      // More than the 16 asked for: the first 16 left some too big.
      expect(cut.length).toBeGreaterThan(16);
      for (const s of cut)
        if (leaves(arity, s.path).length > 1) expect(s.estimate).toBeLessThanOrEqual(total / 16);
    }
  });

  it("with a walk (one call per random path) and bias the subtrees still tile, the same every time", () => {
    const arity = monotone(6, 8);
    const all = leaves(arity);
    for (const count of [2, 4, 8]) {
      const plan = () =>
        planSubtrees(probeOf(arity).probe, "t", count, {
          ...ALWAYS,
          bias: 0.7,
          walk: walkOf(arity).walk,
        });
      const p = plan();
      expect(plan()).toEqual(p);
      const roots = p.flat().map((s) => s.path);
      for (const leaf of all) expect(roots.filter((r) => under(leaf, r)).length).toBe(1);
    }
  });

  it("a walk costs one call per random path: the root's 64 paths, 64 calls", () => {
    const arity = monotone(6, 8);
    const w = walkOf(arity);
    const p = probeOf(arity);
    cutSubtrees(p.probe, 1, 64, { walk: w.walk, bias: 0.7 });
    expect(w.calls()).toBe(64);
    expect(p.calls()).toBe(1);
  });

  it("on a heavy-tailed tree, paths leaning to option 0 estimate closer and deal more evenly than uniform paths", () => {
    const arity = monotone(5, 12);
    const logError = (bias: number) => {
      const cut = cutSubtrees(probeOf(arity).probe, 32, 8, { bias, walk: walkOf(arity).walk });
      const sum = cut.reduce(
        (a, s) => a + Math.abs(Math.log(s.estimate / leaves(arity, s.path).length)),
        0,
      );
      return sum / cut.length;
    };
    expect(logError(0.7)).toBeLessThan(logError(0) * 0.6);
    const spread = (bias: number) => {
      const plan = planSubtrees(probeOf(arity).probe, "t", 8, {
        ...ALWAYS,
        bias,
        walk: walkOf(arity).walk,
      });
      const loads = plan.map((s) => s.reduce((n, t) => n + leaves(arity, t.path).length, 0));
      return Math.max(...loads) / (loads.reduce((a, b) => a + b, 0) / 8);
    };
    expect(spread(0.7)).toBeLessThan(1.25);
    expect(spread(0)).toBeGreaterThan(1.5);
  });
});
