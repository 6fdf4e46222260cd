/**
 * The seed bug (maple-tree.md §7.3) through the explorer: with RCU off the node store's
 * in-place copy is seen half done by lockless readers; with RCU on every interleaving is
 * explored and none is wrong. Counts are logged for the record.
 */
import { describe, expect, it } from "vitest";
import {
  beforeOrAfterWriter,
  type ExplorationResult,
  explore,
  formatResult,
  linearizableAgainstSequential,
  type ReaderThread,
} from "../../../src/checker/explorer/index.js";
import { masPrev, masWalk, mtreeLoad, mtreeStoreRange } from "../../../src/impl/api.js";
import { MaState } from "../../../src/impl/ma-state.js";
import type { MapleTree } from "../../../src/impl/tree.js";
import { C, loadInC, S, seedScenario, walkThenPrev } from "./seed-scenario.js";

function summary(r: ExplorationResult): string {
  return formatResult(r, { timeline: false });
}

describe("seed bug, RCU off: the in-place node store is seen half done", () => {
  it("mtree_load inside C returns NULL in some interleaving", () => {
    const s = seedScenario(false, [loadInC]);
    const r = explore(s, {
      check: beforeOrAfterWriter(s),
      stopOnFirstViolation: false,
      maxViolations: 100,
    });
    console.log(summary(r));
    expect(r.verdict).toBe("violation");
    expect(r.copyBlocks).toEqual([32]);
    expect(r.executions).toBe(r.distinctObservations);
    const v = r.violations[0];
    expect(v.kind).toBe("check-failed");
    expect(v.message).toContain("mtree_load(0x9500) returned NULL; allowed: S0: C, S1: C");
    // Among them the example of §7.3: the new pivot[6] (0x9fff) with the old slot[6] (NULL).
    const example = r.violations.find(
      (x) =>
        x.text.includes("read node#1 pivot[6] = 0x9fff") &&
        x.text.includes("read node#1 slot[6] = NULL"),
    );
    expect(example?.text).toContain("store node#1 pivot[6] := 0x9fff (was 0x8fff)");
  });

  it("mas_walk(S end + 1) then mas_prev does not return S's range", () => {
    const s = seedScenario(false, [walkThenPrev]);
    const r = explore(s, { check: linearizableAgainstSequential(s) });
    console.log(summary(r));
    expect(r.verdict).toBe("violation");
    expect(r.violations[0].text).toMatch(/end mas_walk\(0x8000\); mas_prev\(0\) -> /);
  });

  it("a violation replays from its path to the same timeline", () => {
    const s = seedScenario(false, [loadInC, walkThenPrev]);
    const check = linearizableAgainstSequential(s);
    const all = explore(s, {
      check,
      stopOnFirstViolation: false,
      maxViolations: 3,
      maxExecutions: 300,
    });
    expect(all.violatingExecutions).toBeGreaterThan(3);
    expect(all.violations).toHaveLength(3);
    for (const v of all.violations) {
      const again = explore(s, { check, replayPath: v.path });
      expect(again.executions).toBe(1);
      expect(again.verdict).toBe("violation");
      expect(again.violations[0].text).toBe(v.text);
    }
    // A path must name every choice of its execution: an empty one is refused, and says how
    // many the first execution (every first option) makes; that one replays, incomplete.
    let refusal = "";
    try {
      explore(s, { check, replayPath: [] });
    } catch (e) {
      refusal = String(e);
    }
    const made = /gives 0 choices where the execution makes (\d+): the token is cut short/.exec(
      refusal,
    );
    expect(made).not.toBeNull();
    const passing = explore(s, { check, replayPath: new Array(Number(made?.[1])).fill(0) });
    expect(passing.verdict).toBe("incomplete");
  });

  it("with a forward-only copy the bug is still found", () => {
    const s = seedScenario(false, [loadInC]);
    const r = explore(s, { check: beforeOrAfterWriter(s), forwardCopyOnly: true });
    expect(r.verdict).toBe("violation");
    expect(r.copyBlocks).toEqual([]);
  });

  it("two readers: found at once; all executions are distinct observations", () => {
    const s = seedScenario(false, [loadInC, walkThenPrev]);
    const first = explore(s, { check: linearizableAgainstSequential(s) });
    expect(first.verdict).toBe("violation");
    expect(first.violations[0].execution).toBeLessThanOrEqual(10);
    const all = explore(s, {
      check: linearizableAgainstSequential(s),
      stopOnFirstViolation: false,
    });
    console.log(summary(all));
    expect(all.executions).toBe(all.distinctObservations);
    expect(all.executions).toBe(4788);
  });
});

describe("control: the guard gap is kept (slot store, one pivot store)", () => {
  for (const rcu of [false, true]) {
    it(`RCU ${rcu ? "on" : "off"}: no violation`, () => {
      const base = seedScenario(rcu, [loadInC, walkThenPrev]);
      const s = {
        ...base,
        name: `guard gap kept, RCU ${rcu ? "on" : "off"}`,
        writer: [
          {
            name: "store S at [0x4800, 0x7fff]",
            run: (t: MapleTree) => void mtreeStoreRange(t, 0x4800n, 0x7fffn, S),
          },
        ],
      };
      const r = explore(s, { check: linearizableAgainstSequential(s) });
      console.log(summary(r));
      expect(r.verdict).toBe("pass");
      expect(r.copyBlocks).toEqual([]);
      expect(r.writerStores).toBeLessThanOrEqual(2);
    });
  }
});

describe("seed bug, RCU on: the node store builds a new node", () => {
  for (const readers of [
    [loadInC],
    [walkThenPrev],
    [loadInC, walkThenPrev],
    [loadInC, walkThenPrev, loadInC],
  ]) {
    it(`${readers.map((r) => r.name).join(" + ")}: every interleaving explored, no violation`, () => {
      const s = seedScenario(true, readers);
      const r = explore(s, { check: linearizableAgainstSequential(s) });
      console.log(summary(r));
      expect(r.verdict).toBe("pass");
      expect(r.gracePeriods).toBe(1);
      expect(r.copyBlocks).toEqual([]);
      expect(r.executions).toBe(r.distinctObservations);
    });
  }

  it("a reader outside any RCU section can use the freed node (StackRot)", () => {
    const unprotected: ReaderThread<MapleTree> = {
      ...walkThenPrev,
      name: "walk+prev, mmap read lock only",
      rcu: false,
    };
    const s = seedScenario(true, [unprotected]);
    const r = explore(s, { check: linearizableAgainstSequential(s) });
    expect(r.verdict).toBe("violation");
    const v = r.violations[0];
    expect(v.text).toContain("grace period of call_rcu #0 ends");
    expect(v.text).toMatch(/POISON/);
  });

  it("a cursor kept across two RCU sections can use the freed node", () => {
    const split: ReaderThread<MapleTree> = {
      name: "walk | prev",
      ops: [
        {
          name: "mas_walk(0x8000)",
          run: (t, local) => {
            const mas = new MaState(t, 0x8000n);
            local.mas = mas;
            return masWalk(mas);
          },
        },
        { name: "mas_prev(0)", run: (_t, local) => masPrev(local.mas as MaState, 0n) },
      ],
    };
    const s = seedScenario(true, [split]);
    const r = explore(s, { check: linearizableAgainstSequential(s) });
    expect(r.verdict).toBe("violation");
    expect(r.violations[0].text).toMatch(/POISON/);
  });

  it("sanity: the sequential answers are the expected ones", () => {
    const s = seedScenario(true, [loadInC, walkThenPrev]);
    const tree = s.setup();
    expect(mtreeLoad(tree, 0x9500n)).toBe(C);
    s.writer[0].run(tree);
    const mas = new MaState(tree, 0x8000n);
    expect(masWalk(mas)).toBe(null);
    expect(masPrev(mas, 0n)).toBe(S);
    expect([mas.index, mas.last]).toEqual([0x4000n, 0x7fffn]);
  });
});
