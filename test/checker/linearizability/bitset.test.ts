import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Bitset } from "../../../src/checker/linearizability/bitset.js";

describe("Bitset", () => {
  it("equal sets have equal hashes and compare equal, whatever the order of updates", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: 99 }), fc.boolean()), { maxLength: 60 }),
        (updates) => {
          const a = new Bitset(100);
          const truth = new Set<number>();
          for (const [i, add] of updates) {
            if (add) {
              a.set(i);
              truth.add(i);
            } else {
              a.clear(i);
              truth.delete(i);
            }
          }
          const b = new Bitset(100);
          for (const i of [...truth].reverse()) b.set(i);
          expect(a.hash()).toBe(b.hash());
          expect(a.equals(b.snapshot())).toBe(true);
          for (let i = 0; i < 100; i++) expect(a.has(i)).toBe(truth.has(i));
        },
      ),
      { seed: 3, numRuns: 300 },
    );
  });

  it("setting twice or clearing an absent bit changes nothing", () => {
    const a = new Bitset(40);
    const empty = a.hash();
    a.set(33);
    const one = a.hash();
    a.set(33);
    expect(a.hash()).toBe(one);
    a.clear(5);
    expect(a.hash()).toBe(one);
    a.clear(33);
    expect(a.hash()).toBe(empty);
    expect(one).not.toBe(empty);
  });
});
