/**
 * Builds a tree word by word from the oracle's `nodes` line, so read-side tests can run on
 * exactly the node structure the kernel made, without going through the write side.
 */
import { MT_FLAGS_ALLOC_RANGE, MT_FLAGS_USE_RCU, NodeType } from "../../../src/impl/constants.js";
import { type MaybeEntry, XA_ZERO_ENTRY } from "../../../src/impl/entry.js";
import type { Geometry } from "../../../src/impl/geometry.js";
import { isNode, type MapleNode } from "../../../src/impl/node.js";
import {
  writeGap,
  writeMeta,
  writeParent,
  writePivot,
  writeRoot,
  writeRootParent,
  writeSlot,
} from "../../../src/impl/node-access.js";
import { allocNode } from "../../../src/impl/node-lifecycle.js";
import { MapleTree } from "../../../src/impl/tree.js";

export interface ParsedSlot {
  pivot: bigint;
  gap: bigint | null;
  entry: MaybeEntry;
  child: ParsedNode | null;
}
export interface ParsedNode {
  type: NodeType;
  min: bigint;
  max: bigint;
  slots: ParsedSlot[];
}
export type ParsedRoot =
  | { kind: "empty" }
  | { kind: "entry"; entry: MaybeEntry }
  | { kind: "node"; node: ParsedNode };

const TYPES: Record<string, NodeType> = {
  leaf: NodeType.leaf64,
  range: NodeType.range64,
  arange: NodeType.arange64,
};

/** The entry a printed value stands for: values are bigints, "zero" is XA_ZERO_ENTRY. */
export function parseEntry(tok: string): MaybeEntry {
  if (tok === "null") return null;
  if (tok === "zero") return XA_ZERO_ENTRY;
  return BigInt(tok);
}

/** How the oracle prints an entry. */
export function entryStr(e: MaybeEntry): string {
  if (e === null) return "null";
  if (e === XA_ZERO_ENTRY) return "zero";
  if (typeof e === "bigint") return e.toString();
  // Anything else is a pointer (e.g. a node returned as an entry); the kernel prints its address.
  return isNode(e) ? `ptr:node#${e.id}` : "ptr:object";
}

export function parseNodes(line: string): ParsedRoot {
  const s = line.trim();
  if (s === "empty") return { kind: "empty" };
  if (s.startsWith("entry:")) return { kind: "entry", entry: parseEntry(s.slice(6)) };
  let pos = 0;
  const expect = (c: string): void => {
    if (s[pos] !== c)
      throw new Error(`nodes: expected '${c}' at ${pos}: ${s.slice(pos, pos + 20)}`);
    pos++;
  };
  const token = (): string => {
    const start = pos;
    while (pos < s.length && !" ():".includes(s[pos] as string)) pos++;
    return s.slice(start, pos);
  };
  const node = (): ParsedNode => {
    expect("(");
    const type = TYPES[token()];
    if (type === undefined) throw new Error("nodes: unknown node type");
    expect(" ");
    const [lo, hi] = token().split("-");
    const n: ParsedNode = { type, min: BigInt(lo as string), max: BigInt(hi as string), slots: [] };
    while (s[pos] === " ") {
      pos++;
      const pivot = BigInt(token());
      expect(":");
      let gap: bigint | null = null;
      if (s[pos] === "g") {
        pos++;
        gap = BigInt(token());
      }
      if (s[pos] === "(") n.slots.push({ pivot, gap, entry: null, child: node() });
      else n.slots.push({ pivot, gap, entry: parseEntry(token()), child: null });
    }
    expect(")");
    return n;
  };
  const root = node();
  if (pos !== s.length) throw new Error(`nodes: trailing text at ${pos}`);
  return { kind: "node", node: root };
}

/** Tree flags from an `init` argument (alloc, rcu, joined by | , +). */
export function parseInitFlags(arg: string | undefined): number {
  let flags = 0;
  for (const f of (arg ?? "0").split(/[|,+]/)) {
    if (f === "alloc") flags |= MT_FLAGS_ALLOC_RANGE;
    else if (f === "rcu") flags |= MT_FLAGS_USE_RCU;
  }
  return flags;
}

/** The offset ma_max_gap would record: the highest slot holding the largest gap. */
function maxGapOffset(slots: ParsedSlot[]): number {
  let best = 0n;
  let off = slots.length - 1;
  for (let i = slots.length - 1; i >= 0; i--) {
    const g = slots[i]?.gap ?? 0n;
    if (g > best) {
      best = g;
      off = i;
    }
  }
  return off;
}

function buildNode(tree: MapleTree, p: ParsedNode): MapleNode {
  const mem = tree.mem;
  const n = allocNode(tree, p.type);
  const l = n.layout;
  p.slots.forEach((s, i) => {
    if (i < l.pivots) writePivot(mem, n, i, s.pivot);
    if (s.child !== null) {
      const c = buildNode(tree, s.child);
      writeParent(mem, c, n, i);
      writeSlot(mem, n, i, c);
    } else {
      writeSlot(mem, n, i, s.entry);
    }
    if (s.gap !== null) writeGap(mem, n, i, s.gap);
  });
  const end = p.slots.length - 1;
  if (p.type === NodeType.arange64) writeMeta(mem, n, maxGapOffset(p.slots), end);
  else if (end < l.slots - 1) writeMeta(mem, n, 0, end);
  return n;
}

function depth(p: ParsedNode): number {
  const c = p.slots.find((s) => s.child !== null)?.child;
  return 1 + (c ? depth(c) : 0);
}

/** A tree whose root and nodes are exactly those the `nodes` line describes. */
export function buildTree(flags: number, nodesLine: string, geometry?: Geometry): MapleTree {
  const tree = new MapleTree(geometry ? { flags, geometry } : { flags });
  const parsed = parseNodes(nodesLine);
  if (parsed.kind === "entry") writeRoot(tree, parsed.entry);
  if (parsed.kind === "node") {
    const root = buildNode(tree, parsed.node);
    writeRootParent(tree.mem, root, tree);
    writeRoot(tree, root);
    tree.height = depth(parsed.node);
  }
  return tree;
}
