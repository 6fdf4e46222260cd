/**
 * Found by `maple-check run --seed 5` on the small-geometry specs: with five-slot leaves a
 * split can leave a non-root leaf holding one range, and mas_prev_slot stepping back into it
 * read the pivot before the first (the kernel's pivots[offset - 1], never reached with its own
 * node sizes). The cursor must land on that range, as the model says.
 */
import { describe, expect, it } from "vitest";
import { pairOptions } from "../../../src/checker/sequential/check-sequential.js";
import { CheckedPair } from "../../../src/checker/sequential/checked-pair.js";

const LINES = [
  "insert 9 9 0",
  "insert 2 2 2",
  "store 4 5 4",
  "store 0 0 0",
  "insert 11 11 0",
  "mset 8",
  "store 5 7 0",
  "mprev 0",
];

describe("mas_prev into a one-range leaf (small geometry)", () => {
  it.each([[[]], [["alloc"]], [["rcu"]]] as const)(
    "flags %j: the tree answers as the model",
    (flags) => {
      const pair = new CheckedPair(
        pairOptions({ flags: [...flags], geometry: "small", faults: [] }),
      );
      for (const l of LINES) pair.run(l);
      expect(pair.tree.leaves()).toContainEqual([5n, 7n]);
    },
  );
});
