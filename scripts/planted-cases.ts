/**
 * For each planted fault: the sequential settings that reach it (tree flags, geometry, command
 * mix, seed) and an upper bound on the length of the shrunk counterexample. Shared by the
 * planted-bug test and the planted-bug benchmark.
 */

import type { SequentialSpec, TreeSpec } from "../src/checker/spec/schema.js";
import { FAULTS, type Fault } from "../src/impl/faults.js";

export interface PlantedCase {
  fault: Fault;
  /** The tree the fault is planted in (without the fault). */
  tree: TreeSpec;
  seq: SequentialSpec;
  /** Most protocol lines the shrunk counterexample may have. */
  maxLines: number;
}

/** A mix that keeps only the named commands (every other weight 0). */
function only(weights: Record<string, number>): Record<string, number> {
  const all = [
    "store",
    "insert",
    "erase",
    "load",
    "find",
    "walk",
    "next",
    "prev",
    "gap",
    "rgap",
    "alloc",
    "ralloc",
    "cyclic",
    "setrcu",
    "clearrcu",
    "destroy",
    "mset",
    "mrange",
    "mreset",
    "mpause",
    "mwalk",
    "mnext",
    "mprev",
    "mnextr",
    "mprevr",
    "mfind",
    "mfindr",
    "mfindrange",
    "mfindrangerev",
    "mstore",
    "merase",
    "mgap",
    "mrgap",
    "fill",
  ];
  return Object.fromEntries(all.map((n) => [n, weights[n] ?? 0]));
}

const seq = (
  seed: number,
  mix: Record<string, number>,
  runs = 200,
  maxCommands = 40,
): SequentialSpec => ({
  runs,
  seed,
  maxCommands,
  universe: "small",
  mix,
  prefix: [],
});

export const PLANTED_CASES: PlantedCase[] = [
  {
    fault: FAULTS.plantedSplitChecksWrongSlot,
    tree: { flags: ["alloc"], geometry: "small", faults: [] },
    seq: seq(11, only({ store: 16, erase: 3, insert: 4 })),
    maxLines: 6,
  },
  {
    fault: FAULTS.plantedRevGapFitOffByOne,
    tree: { flags: ["alloc"], geometry: "small", faults: [] },
    seq: seq(12, only({ store: 8, erase: 2, rgap: 4, mrgap: 2, ralloc: 2 })),
    maxLines: 3,
  },
  {
    fault: FAULTS.plantedPrevAtMinLeavesPause,
    tree: { flags: [], geometry: "kernel", faults: [] },
    seq: seq(13, {}),
    maxLines: 2,
  },
  {
    fault: FAULTS.plantedSlotStoreMissesNextGap,
    tree: { flags: ["alloc"], geometry: "small", faults: [] },
    seq: seq(14, only({ store: 16, erase: 3, insert: 4, gap: 1, rgap: 1 })),
    maxLines: 8,
  },
  {
    fault: FAULTS.plantedPausedStoreNoRewalk,
    tree: { flags: [], geometry: "kernel", faults: [] },
    // The default mix, with more pauses and cursor stores.
    seq: seq(15, { mpause: 4, mstore: 4 }),
    maxLines: 3,
  },
  {
    fault: FAULTS.plantedAppendKeepsOldMetaEnd,
    tree: { flags: [], geometry: "kernel", faults: [] },
    seq: seq(16, {}),
    maxLines: 4,
  },
  {
    fault: FAULTS.plantedNextSkipsEntryAfterNull,
    tree: { flags: [], geometry: "kernel", faults: [] },
    seq: seq(18, {}),
    maxLines: 4,
  },
  {
    fault: FAULTS.plantedSpanningDropsRightTail,
    tree: { flags: [], geometry: "small", faults: [] },
    seq: seq(19, only({ store: 16, erase: 3, insert: 4 })),
    maxLines: 8,
  },
  {
    fault: FAULTS.plantedAllocRefusesRangeEndingAtMax,
    tree: { flags: ["alloc"], geometry: "small", faults: [] },
    seq: seq(20, only({ store: 8, erase: 2, alloc: 3, ralloc: 3 })),
    maxLines: 2,
  },
  {
    fault: FAULTS.plantedStoreLeavesCursorPaused,
    tree: { flags: [], geometry: "kernel", faults: [] },
    // The default mix, with the cursor's state read and more cursor stores.
    seq: seq(21, { mstate: 4, mstore: 4 }),
    maxLines: 3,
  },
  {
    fault: FAULTS.plantedNextWalksOnError,
    tree: { flags: [], geometry: "kernel", faults: [] },
    // The default mix, with more GFP_NOWAIT cursor stores (most fail: the tree has no nodes
    // to spare) and more steps after them.
    seq: seq(22, { mstorenw: 4, mnext: 4 }),
    maxLines: 4,
  },
];

/** The same tree with the fault switched on. */
export function withFault(c: PlantedCase): TreeSpec {
  return { ...c.tree, faults: [c.fault] };
}
