/**
 * A hand-made world for testing the explorer without the tree: nodes of two plain words,
 * a root cell, and readers that read through NodeMemory. Plus a brute-force enumerator of
 * every interleaving of fixed step lists, to compare the explorer's observations against.
 */

import { valueKey } from "../../../src/checker/explorer/index.js";
import { NodeType } from "../../../src/impl/constants.js";
import type { NodeLayout } from "../../../src/impl/geometry.js";
import {
  DIRECT_MEMORY,
  type NodeMemory,
  type RcuDomain,
  type RootCell,
  synchronousRcu,
  type TreeObserver,
} from "../../../src/impl/memory.js";
import { MapleNode, type Word } from "../../../src/impl/node.js";

export const TOY_LAYOUT: NodeLayout = {
  type: NodeType.leaf64,
  slots: 0,
  pivots: 2,
  minSlots: 0,
  pivotBase: 0,
  slotBase: 2,
  gapBase: -1,
  metaWord: 0,
  words: 2,
};

export interface ToyWorld {
  mem: NodeMemory;
  observer: TreeObserver;
  rcu: RcuDomain;
  nodes: MapleNode[];
  root: RootCell;
}

export function toyNode(w0: Word, w1: Word): MapleNode {
  const n = new MapleNode(TOY_LAYOUT);
  n.words[0] = w0;
  n.words[1] = w1;
  return n;
}

export function toyWorld(nodeCount = 1): ToyWorld {
  const nodes = Array.from({ length: nodeCount }, () => toyNode(0n, 0n));
  return {
    mem: DIRECT_MEMORY,
    observer: {},
    rcu: synchronousRcu(),
    nodes,
    root: { value: nodes[0] },
  };
}

// ---- brute force ----

export type BruteStep =
  | { kind: "store"; word: number; value: bigint }
  | { kind: "read"; word: number };

/**
 * Every interleaving of the threads' fixed step lists on one two-word node (initially 0, 0);
 * returns the set of observation vectors in the explorer's format (per thread the values read
 * joined by ",", threads joined by "|") and the number of interleavings.
 */
export function bruteForce(
  writerOrders: BruteStep[][],
  readers: BruteStep[][],
): { observations: Set<string>; interleavings: number } {
  const observations = new Set<string>();
  let interleavings = 0;
  for (const writer of writerOrders) {
    const threads = [writer, ...readers];
    const pcs = threads.map(() => 0);
    const seen = readers.map(() => [] as string[]);
    const mem: bigint[] = [0n, 0n];
    const rec = (): void => {
      let done = true;
      for (let t = 0; t < threads.length; t++) {
        if (pcs[t] >= threads[t].length) continue;
        done = false;
        const step = threads[t][pcs[t]];
        pcs[t]++;
        if (step.kind === "store") {
          const old = mem[step.word];
          mem[step.word] = step.value;
          rec();
          mem[step.word] = old;
        } else {
          seen[t - 1].push(valueKey(mem[step.word]));
          rec();
          seen[t - 1].pop();
        }
        pcs[t]--;
      }
      if (done) {
        interleavings++;
        observations.add(seen.map((s) => s.join(",")).join("|"));
      }
    };
    rec();
  }
  return { observations, interleavings };
}

export function permutationsOf<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [xs.slice()];
  const out: T[][] = [];
  xs.forEach((x, i) => {
    for (const p of permutationsOf([...xs.slice(0, i), ...xs.slice(i + 1)])) out.push([x, ...p]);
  });
  return out;
}
