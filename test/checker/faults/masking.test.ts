/**
 * Faults that hide behind others or that 6.12's code does not reach (known-bugs.md #12, #22,
 * #23): what the checker can and cannot see of them, shown on the tree directly or by search.
 */
import { describe, expect, it } from "vitest";
import { masEmptyArea, masNext, masWalk, mtreeStoreRange } from "../../../src/impl/api.js";
import { MT_FLAGS_USE_RCU } from "../../../src/impl/constants.js";
import { FAULTS, type Fault } from "../../../src/impl/faults.js";
import { MaState } from "../../../src/impl/ma-state.js";
import type { RcuDomain } from "../../../src/impl/memory.js";
import { MapleTree } from "../../../src/impl/tree.js";
import { ULONG_MAX } from "../../../src/impl/u64.js";

/** Grace periods that never end: the replaced root leaf stays readable, as for an RCU reader. */
const heldRcu = (): RcuDomain => ({ callRcu() {}, quiesce() {} });

/** A root leaf [0,9]=1 [10,19]=2 [20,29]=3; a cursor active on it at 5; then [0, max] = 9. */
function overwriteUnderCursor(faults: Fault[]): MaState {
  const t = new MapleTree({ flags: MT_FLAGS_USE_RCU, faults });
  for (const [a, b, v] of [
    [0n, 9n, 1n],
    [10n, 19n, 2n],
    [20n, 29n, 3n],
  ] as const)
    expect(mtreeStoreRange(t, a, b, v)).toBe(0);
  t.rcu = heldRcu();
  const m = new MaState(t);
  m.set(5n);
  expect(masWalk(m)).toBe(1n);
  expect(mtreeStoreRange(t, 0n, ULONG_MAX, 9n)).toBe(0);
  return m;
}

describe("no-dead-mark-on-root-leaf-destroy (#12) and mas_walk's always-restart test", () => {
  const fault = [FAULTS.noDeadMarkOnRootLeafDestroy];

  it("a cursor walking again after the overwrite restarts from the root: the fault is masked", () => {
    expect(masWalk(overwriteUnderCursor(fault))).toBe(9n);
    expect(masWalk(overwriteUnderCursor([]))).toBe(9n);
  });

  it("mas_next from the retained cursor trusts the old leaf only with the fault", () => {
    const bad = overwriteUnderCursor(fault);
    expect(masNext(bad, ULONG_MAX)).toBe(2n);
    // Its range comes from the words the destroy walk reused for bookkeeping.
    expect(bad.last).not.toBe(19n);
    const good = overwriteUnderCursor([]);
    expect(masNext(good, ULONG_MAX)).toBeNull();
  });
});

describe("awalk-loop-to-capacity-raw-pivot (#23) is out of reach in 6.12's trees", () => {
  /** An empty tree given [10, 19]: the root leaf is NULL, the entry, and a NULL tail to max. */
  function gapAfter(faults: Fault[]): number | [bigint, bigint] {
    const t = new MapleTree({ faults });
    expect(mtreeStoreRange(t, 10n, 19n, 1n)).toBe(0);
    const m = new MaState(t);
    const r = masEmptyArea(m, 20n, 1000n, 100n);
    return r !== 0 ? r : [m.index, m.last];
  }

  it("alone it changes nothing: every 6.12 node stores its limit pivot", () => {
    expect(gapAfter([])).toEqual([20n, 119n]);
    expect(gapAfter([FAULTS.awalkLoopToCapacityRawPivot])).toEqual([20n, 119n]);
    expect(gapAfter([FAULTS.rootExpandOmitsLimitPivot])).toEqual([20n, 119n]);
  });

  it("even the root leaf #24 leaves without its limit pivot ends the loop as found (at the root)", () => {
    expect(
      gapAfter([FAULTS.awalkLoopToCapacityRawPivot, FAULTS.rootExpandOmitsLimitPivot]),
    ).toEqual([20n, 119n]);
  });
});
