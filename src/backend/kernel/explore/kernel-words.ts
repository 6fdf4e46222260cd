/**
 * Reading the C log's raw words: which word of which node a store hit, by the kernel's
 * layouts (the TypeScript tree's own, src/impl/geometry.ts), and what a raw value is: a node
 * pointer (encoded or not), the tree as a root node's parent, or a number.
 */
import { NodeType } from "../../../impl/constants.js";
import { KERNEL_GEOMETRY, type NodeLayout, nodeLayout } from "../../../impl/geometry.js";
import type { ArenaLayout, KernelPlace, KernelWriterLog, NodeTypeName } from "./kernel-log.js";

const TYPES: Record<NodeTypeName, NodeType> = {
  dense: NodeType.dense,
  leaf_64: NodeType.leaf64,
  range_64: NodeType.range64,
  arange_64: NodeType.arange64,
};

/** The layout of a kernel node type (dense nodes have none in 6.12's write paths). */
export function kernelLayout(type: NodeTypeName): NodeLayout | undefined {
  return type === "dense" ? undefined : nodeLayout(KERNEL_GEOMETRY, TYPES[type]);
}

/** parent, pivot[i], slot[i], gap[i], meta, slot[15]/meta; word[i] without a layout. */
export function layoutWordName(layout: NodeLayout | undefined, word: number): string {
  if (layout === undefined) return `word[${word}]`;
  if (word === 0) return "parent";
  if (word === layout.metaWord && layout.gapBase < 0) return `slot[${layout.slots - 1}]/meta`;
  if (word === layout.metaWord) return "meta";
  if (word >= layout.pivotBase && word < layout.pivotBase + layout.pivots)
    return `pivot[${word - layout.pivotBase}]`;
  if (word >= layout.slotBase && word < layout.slotBase + layout.slots)
    return `slot[${word - layout.slotBase}]`;
  if (layout.gapBase >= 0 && word >= layout.gapBase && word < layout.gapBase + layout.slots)
    return `gap[${word - layout.gapBase}]`;
  return `word[${word}]`;
}

/** "node 3 pivot[4]", "root", "flags", "tree+8". */
export function kernelPlaceName(log: KernelWriterLog, place: KernelPlace): string {
  switch (place.kind) {
    case "node": {
      const info = log.nodes.get(place.node);
      const layout = info === undefined ? undefined : kernelLayout(info.type);
      const byte = place.offset % 8 === 0 ? "" : `+${place.offset % 8}`;
      return `node ${place.node} ${layoutWordName(layout, place.offset >> 3)}${byte}`;
    }
    case "tree":
      return `tree+${place.offset}`;
    default:
      return place.kind;
  }
}

export type RawWord =
  | { kind: "node"; node: number /** the encoding's low bits */; bits: number }
  | { kind: "tree-root" }
  | { kind: "int"; value: bigint };

const MAX_NODES = 65536n;

export function decodeWord(layout: ArenaLayout, raw: bigint): RawWord {
  const size = BigInt(layout.nodeSize);
  const off = raw - layout.nodes;
  if (off >= 0n && off < MAX_NODES * size)
    return { kind: "node", node: Number(off / size), bits: Number(off % size) };
  if (raw === (layout.base | 1n)) return { kind: "tree-root" };
  return { kind: "int", value: raw };
}

/** Whether a store to this place can publish a node: the root, or a slot of a node. */
export function isSlotPlace(log: KernelWriterLog, place: KernelPlace): boolean {
  if (place.kind === "root") return true;
  if (place.kind !== "node" || place.offset % 8 !== 0) return false;
  const info = log.nodes.get(place.node);
  const layout = info === undefined ? undefined : kernelLayout(info.type);
  return layout !== undefined && layoutWordName(layout, place.offset >> 3).startsWith("slot[");
}
