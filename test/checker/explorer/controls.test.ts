/**
 * Controls beyond the seed bug (maple-tree.md §9.6): the 3-slot slot store that grows a range
 * on both sides (run_check_rcu_slot_store), and structural writes (split, spanning store,
 * rebalance) on small nodes, where RCU mode must be safe and non-RCU mode frees nodes under
 * lockless readers.
 */
import { describe, expect, it } from "vitest";
import {
  explore,
  linearizableAgainstSequential,
  type ReaderThread,
  treeScenario,
} from "../../../src/checker/explorer/index.js";
import { masWalk, mtreeStoreRange } from "../../../src/impl/api.js";
import { MT_FLAGS_ALLOC_RANGE, MT_FLAGS_USE_RCU } from "../../../src/impl/constants.js";
import { SMALL_GEOMETRY } from "../../../src/impl/geometry.js";
import { MaState } from "../../../src/impl/ma-state.js";
import type { MapleTree } from "../../../src/impl/tree.js";
import { S, seedScenario } from "./seed-scenario.js";

function walker(index: bigint): ReaderThread<MapleTree> {
  return {
    name: `walk(0x${index.toString(16)})`,
    ops: [
      {
        name: `mas_walk(0x${index.toString(16)})`,
        run: (t) => {
          const mas = new MaState(t, index);
          const entry = masWalk(mas);
          return { entry, index: mas.index, last: mas.last };
        },
      },
    ],
  };
}

describe("slot store over three slots (grow S on both sides)", () => {
  for (const rcu of [false, true]) {
    it(`RCU ${rcu ? "on: node store, no violation" : "off: a walk sees S grown on one side only"}`, () => {
      const base = seedScenario(rcu, [walker(0x6000n)]);
      const s = {
        ...base,
        name: `grow S to [0x4800, 0x87ff], RCU ${rcu ? "on" : "off"}`,
        writer: [
          {
            name: "store S at [0x4800, 0x87ff]",
            run: (t: MapleTree) => void mtreeStoreRange(t, 0x4800n, 0x87ffn, S),
          },
        ],
      };
      const r = explore(s, { check: linearizableAgainstSequential(s) });
      if (rcu) {
        expect(r.verdict).toBe("pass");
        expect(r.executions).toBe(r.distinctObservations);
      } else {
        expect(r.verdict).toBe("violation");
        expect(r.violations[0].text).toContain("(store type wr_slot_store)");
        expect(r.violations[0].text).toContain("-> {entry: S, index: 0x4800, last: 0x7fff}");
      }
    });
  }
});

describe("structural writes on 4-slot nodes", () => {
  const writes: Array<[string, bigint, bigint, string | null]> = [
    ["split", 71n, 74n, "X"],
    ["spanning NULL store", 40n, 95n, null],
  ];
  function scenario(rcu: boolean, name: string, first: bigint, last: bigint, entry: string | null) {
    return treeScenario({
      name: `${name}, RCU ${rcu ? "on" : "off"}`,
      treeOptions: {
        flags: MT_FLAGS_ALLOC_RANGE | (rcu ? MT_FLAGS_USE_RCU : 0),
        geometry: SMALL_GEOMETRY,
      },
      prefix: (t) => {
        for (let i = 1n; i <= 12n; i++) mtreeStoreRange(t, i * 10n, i * 10n + 5n, `v${i}`);
      },
      writer: [
        {
          name: `store [${first}, ${last}]`,
          run: (t) => void mtreeStoreRange(t, first, last, entry),
        },
      ],
      readers: [walker(72n), walker(100n)],
    });
  }
  for (const [name, first, last, entry] of writes) {
    it(`${name}, RCU on: every interleaving explored, no violation`, () => {
      const s = scenario(true, name, first, last, entry);
      const r = explore(s, { check: linearizableAgainstSequential(s) });
      expect(r.verdict).toBe("pass");
      expect(r.gracePeriods).toBeGreaterThan(0);
      expect(r.executions).toBe(r.distinctObservations);
    });
    it(`${name}, RCU off: a lockless reader uses a freed node`, () => {
      const s = scenario(false, name, first, last, entry);
      const r = explore(s, { check: linearizableAgainstSequential(s) });
      expect(r.verdict).toBe("violation");
      expect(r.violations[0].text).toContain("POISON");
    });
  }
});
