import { describe, expect, it } from "vitest";
import {
  cutSubtrees,
  dealSubtrees,
  type Probe,
  planSubtrees,
  type Subtree,
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
