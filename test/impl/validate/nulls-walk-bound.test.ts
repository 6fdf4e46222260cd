/**
 * mt_validate_nulls's cycle guard counts leaves, not slots: a healthy tree of more than 200,000
 * ranges (6.12.118's mt_validate answers `valid` on this one) must validate clean, not end in a
 * "validation faulted" EXTRA violation.
 */
import { describe, expect, it } from "vitest";
import { mtreeStoreRange } from "../../../src/impl/api.js";
import { mtValidateImpl } from "../../../src/impl/read/api.js";
import { MapleTree } from "../../../src/impl/tree.js";

describe("mt_validate_nulls on a large healthy tree", () => {
  it("walks 200,010 ranges without a violation", { timeout: 60_000 }, () => {
    const t = new MapleTree({ flags: 0 });
    // One index per range, values cycling 1..7 so that no two neighbours merge.
    let failed = 0;
    for (let i = 0n; i < 200_010n; i++) if (mtreeStoreRange(t, i, i, (i % 7n) + 1n) !== 0) failed++;
    expect(failed).toBe(0);
    expect(mtValidateImpl(t)).toEqual([]);
  });
});
