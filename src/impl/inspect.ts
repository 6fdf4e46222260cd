/**
 * Read-only views of a whole tree for tests and reports: the oracle's `nodes` line and a plain
 * structured snapshot. Both read through a NodeMemory (the tree's own by default).
 */
import { NODE_TYPE_NAMES, NodeType } from "./constants.js";
import { type Entry, isZeroEntry, type MaybeEntry } from "./entry.js";
import type { NodeMemory } from "./memory.js";
import { isLeafType, isNode, type MapleNode, type NodeLife, type Word } from "./node.js";
import { dataEnd, isDeadNode, readGap, readMetaGap, readPivot, readSlot } from "./node-access.js";
import type { MapleTree } from "./tree.js";
import { type Index, inc64, ULONG_MAX } from "./u64.js";

export type EntryFormatter = (e: Entry) => string;

const defaultFormat: EntryFormatter = (e) => String(e);

/** The depth bound of the driver's dump (MAPLE_HEIGHT_MAX). */
const MAX_DEPTH = 31;

function entryText(w: Word, fmt: EntryFormatter): string {
  if (w === null) return "null";
  if (isZeroEntry(w)) return "zero";
  return fmt(w as Entry);
}

/**
 * The oracle's `nodes` line: `empty`, `entry:VALUE`, or the preorder
 * `(TYPE MIN-MAX PIVOT:SLOT ...)` dump of slots 0..data end of every node.
 */
export function formatNodes(
  tree: MapleTree,
  fmt: EntryFormatter = defaultFormat,
  mem: NodeMemory = tree.mem,
): string {
  const root = mem.readRoot(tree.rootCell);
  if (root === null) return "empty";
  if (!isNode(root)) return `entry:${entryText(root, fmt)}`;
  const out: string[] = [];
  dumpNode(mem, root, 0n, ULONG_MAX, 0, fmt, out);
  return out.join("");
}

function dumpNode(
  mem: NodeMemory,
  node: MapleNode,
  min: Index,
  max: Index,
  depth: number,
  fmt: EntryFormatter,
  out: string[],
): void {
  if (depth > MAX_DEPTH) {
    out.push("(too-deep)");
    return;
  }
  const l = node.layout;
  const end = dataEnd(mem, node, max);
  out.push(`(${NODE_TYPE_NAMES[node.type]} ${min}-${max}`);
  let first = min;
  for (let i = 0; i <= end && i < l.slots; i++) {
    const last = i < l.pivots ? readPivot(mem, node, i) : max;
    const w = readSlot(mem, node, i);
    out.push(` ${last}:`);
    if (isLeafType(node.type)) {
      out.push(entryText(w, fmt));
    } else {
      if (node.type === NodeType.arange64) out.push(`g${readGap(mem, node, i)}`);
      if (isNode(w)) dumpNode(mem, w, first, last, depth + 1, fmt, out);
      else if (w === null) out.push("(none)");
      else out.push(`(bad ${String(w)})`);
    }
    first = inc64(last);
  }
  out.push(")");
}

/** One node of a snapshot. `pivots[i]` is slot i's upper bound (the node max when implied). */
export interface NodeView {
  id: number;
  type: (typeof NODE_TYPE_NAMES)[number];
  min: Index;
  max: Index;
  /** The data end (ma_data_end). */
  end: number;
  pivots: Index[];
  /** Leaf entries (leaves only). */
  slots?: MaybeEntry[];
  /** Children (internal nodes only); null for an empty internal slot. */
  children?: Array<NodeView | null>;
  /** Gap words 0..end and meta.gap (arange64 only). */
  gaps?: Index[];
  metaGap?: number;
  life: NodeLife;
  dead: boolean;
}

export type TreeView =
  | { kind: "empty" }
  | { kind: "entry"; entry: Entry }
  | { kind: "node"; height: number; root: NodeView };

/** A plain snapshot of the whole tree. */
export function nodeView(tree: MapleTree, mem: NodeMemory = tree.mem): TreeView {
  const root = mem.readRoot(tree.rootCell);
  if (root === null) return { kind: "empty" };
  if (!isNode(root)) return { kind: "entry", entry: root as Entry };
  return { kind: "node", height: tree.height, root: viewNode(mem, root, 0n, ULONG_MAX, 0) };
}

function viewNode(
  mem: NodeMemory,
  node: MapleNode,
  min: Index,
  max: Index,
  depth: number,
): NodeView {
  const l = node.layout;
  const end = dataEnd(mem, node, max);
  const view: NodeView = {
    id: node.id,
    type: NODE_TYPE_NAMES[node.type],
    min,
    max,
    end,
    pivots: [],
    life: node.life,
    dead: isDeadNode(mem, node),
  };
  const leaf = isLeafType(node.type);
  if (leaf) view.slots = [];
  else view.children = [];
  let first = min;
  for (let i = 0; i <= end && i < l.slots; i++) {
    const last = i < l.pivots ? readPivot(mem, node, i) : max;
    view.pivots.push(last);
    const w = readSlot(mem, node, i);
    if (leaf) view.slots?.push(w as MaybeEntry);
    else if (isNode(w) && depth < MAX_DEPTH)
      view.children?.push(viewNode(mem, w, first, last, depth + 1));
    else view.children?.push(null);
    first = inc64(last);
  }
  if (node.type === NodeType.arange64) {
    view.gaps = [];
    for (let i = 0; i <= end && i < l.slots; i++) view.gaps.push(readGap(mem, node, i));
    view.metaGap = readMetaGap(mem, node);
  }
  return view;
}

/** The [min, max] of every leaf, left to right (the runner's `.leaves`); empty for a root entry. */
export function leafSpans(tree: MapleTree): Array<readonly [Index, Index]> {
  const view = nodeView(tree);
  if (view.kind !== "node") return [];
  const out: Array<readonly [Index, Index]> = [];
  const visit = (n: NodeView): void => {
    if (n.children === undefined) out.push([n.min, n.max]);
    else for (const c of n.children) if (c) visit(c);
  };
  visit(view.root);
  return out;
}
