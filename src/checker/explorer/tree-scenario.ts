/** Scenarios on a MapleTree: tree options, a sequential prefix, writer and reader operations. */
import { type MapleTree, MapleTree as Tree, type TreeOptions } from "../../impl/tree.js";
import type { ReaderOp, ReaderThread, Scenario, WriterOp } from "./scenario.js";

export type TreeWriterFn = (tree: MapleTree) => void;
export type TreeReaderFn = (tree: MapleTree, local: Record<string, unknown>) => unknown;

export interface TreeScenario {
  name?: string;
  /** Flags and geometry (memory, observer and rcu are the explorer's). */
  treeOptions: Omit<TreeOptions, "memory" | "observer" | "rcu">;
  prefix: (tree: MapleTree) => void;
  writer: ReadonlyArray<WriterOp<MapleTree> | TreeWriterFn>;
  /** Each reader: a thread, or just its operations (then it is an RCU reader). */
  readers: ReadonlyArray<
    ReaderThread<MapleTree> | ReadonlyArray<ReaderOp<MapleTree> | TreeReaderFn>
  >;
}

function writerOp(w: WriterOp<MapleTree> | TreeWriterFn, i: number): WriterOp<MapleTree> {
  return typeof w === "function" ? { name: w.name || `write${i}`, run: w } : w;
}

function readerOp(r: ReaderOp<MapleTree> | TreeReaderFn, i: number): ReaderOp<MapleTree> {
  return typeof r === "function" ? { name: r.name || `read${i}`, run: r } : r;
}

function isThread(
  r: ReaderThread<MapleTree> | ReadonlyArray<ReaderOp<MapleTree> | TreeReaderFn>,
): r is ReaderThread<MapleTree> {
  return !Array.isArray(r);
}

export function treeScenario(s: TreeScenario): Scenario<MapleTree> {
  return {
    name: s.name,
    setup() {
      const tree = new Tree({ ...s.treeOptions });
      s.prefix(tree);
      return tree;
    },
    writer: s.writer.map(writerOp),
    readers: s.readers.map((r) => (isThread(r) ? r : { ops: r.map(readerOp) })),
  };
}
