/**
 * The sequential pair gives the model the leaf size of the tree it is compared with: the one
 * shape fact the model uses (mayBeOneLeaf). On the small geometry a map of six ranges is never
 * one five-slot leaf, so a gap search in a tree without MT_FLAGS_ALLOC_RANGE is -EBUSY with no
 * other answer; with the kernel's leaf size the model would also accept a gap.
 */
import { describe, expect, it } from "vitest";
import { pairOptions } from "../../../src/checker/sequential/check-sequential.js";
import { CheckedPair } from "../../../src/checker/sequential/checked-pair.js";
import { EBUSY } from "../../../src/impl/constants.js";
import { gapSearch } from "../../../src/model/ops.js";

const pairOn = (geometry: "small" | "kernel") =>
  new CheckedPair(pairOptions({ flags: [], geometry, faults: [] }));

describe("the model's leaf size in the sequential pair", () => {
  it("is the tree's leaf size", () => {
    expect(pairOn("small").models[0].model.leafSlots).toBe(5);
    expect(pairOn("kernel").models[0].model.leafSlots).toBe(16);
  });

  it("on the small geometry, six ranges answer -EBUSY to a gap search outright", () => {
    const pair = pairOn("small");
    for (const l of ["store 0 9 1", "store 20 29 2", "store 40 49 3"]) pair.run(l);
    const [s] = pair.models;
    const step = gapSearch(s.model, 0n, 100n, 5n, false);
    expect(step.result).toBe(EBUSY);
    expect(step.alt).toBeUndefined();
  });
});
