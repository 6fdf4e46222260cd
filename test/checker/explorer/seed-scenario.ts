/**
 * The stack-expansion seed bug (maple-tree.md §7.3): a single-leaf alloc tree holding
 * NULL, A, NULL, B, NULL, S, NULL, C, NULL; the writer grows S down over the whole gap after B
 * (store S at [0x4000, 0x7fff]): a node store. Readers: mtree_load inside C, and mas_walk to
 * S's end + 1 followed by mas_prev (find_mergeable_anon_vma's check).
 */

import {
  type ReaderThread,
  type Scenario,
  treeScenario,
} from "../../../src/checker/explorer/index.js";
import { masPrev, masWalk, mtreeLoad, mtreeStoreRange } from "../../../src/impl/api.js";
import { MT_FLAGS_ALLOC_RANGE, MT_FLAGS_USE_RCU } from "../../../src/impl/constants.js";
import { KERNEL_GEOMETRY } from "../../../src/impl/geometry.js";
import { MaState } from "../../../src/impl/ma-state.js";
import type { MapleTree } from "../../../src/impl/tree.js";

export const A = "A";
export const B = "B";
export const S = "S";
export const C = "C";

export function seedPrefix(tree: MapleTree): void {
  mtreeStoreRange(tree, 0x1000n, 0x1fffn, A);
  mtreeStoreRange(tree, 0x3000n, 0x3fffn, B);
  mtreeStoreRange(tree, 0x5000n, 0x7fffn, S);
  mtreeStoreRange(tree, 0x9000n, 0x9fffn, C);
}

export const loadInC: ReaderThread<MapleTree> = {
  name: "load(0x9500)",
  ops: [{ name: "mtree_load(0x9500)", run: (t) => mtreeLoad(t, 0x9500n) }],
};

export const walkThenPrev: ReaderThread<MapleTree> = {
  name: "walk+prev",
  ops: [
    {
      name: "mas_walk(0x8000); mas_prev(0)",
      run: (t) => {
        const mas = new MaState(t, 0x8000n);
        const walked = masWalk(mas);
        const prev = masPrev(mas, 0n);
        return { walked, prev, index: mas.index, last: mas.last };
      },
    },
  ],
};

export function seedScenario(
  rcu: boolean,
  readers: ReaderThread<MapleTree>[],
): Scenario<MapleTree> {
  return treeScenario({
    name: `seed bug, RCU ${rcu ? "on" : "off"}, ${readers.map((r) => r.name).join(" + ")}`,
    treeOptions: {
      flags: MT_FLAGS_ALLOC_RANGE | (rcu ? MT_FLAGS_USE_RCU : 0),
      geometry: KERNEL_GEOMETRY,
    },
    prefix: seedPrefix,
    writer: [
      {
        name: "store S at [0x4000, 0x7fff]",
        run: (t) => void mtreeStoreRange(t, 0x4000n, 0x7fffn, S),
      },
    ],
    readers,
  });
}
