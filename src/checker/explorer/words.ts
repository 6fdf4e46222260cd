/**
 * Names and keys for what the explorer records: which word of which node a step touched
 * (pivot[3], slot[5], meta, parent, root) and the value it read or wrote, both as a short
 * text for timelines and as a key that says when two values are the same.
 */
import type { RootCell } from "../../impl/memory.js";
import { MapleNode, Meta, ParentPtr, Poison, TreeRootParent, type Word } from "../../impl/node.js";

/** What a store or read touched: a node, or the tree's root pointer cell. */
export type MemoryTarget = MapleNode | RootCell;

export function isRootCell(target: MemoryTarget): target is RootCell {
  return !(target instanceof MapleNode);
}

/** The kernel name of a word of a node: parent, pivot[i], slot[i], gap[i], meta. */
export function wordName(target: MemoryTarget, word: number): string {
  if (isRootCell(target)) return "root";
  const l = target.layout;
  if (word === 0) return "parent";
  if (word === l.metaWord && l.gapBase < 0) return `slot[${l.slots - 1}]/meta`;
  if (word === l.metaWord) return "meta";
  if (word >= l.pivotBase && word < l.pivotBase + l.pivots) return `pivot[${word - l.pivotBase}]`;
  if (word >= l.slotBase && word < l.slotBase + l.slots) return `slot[${word - l.slotBase}]`;
  if (l.gapBase >= 0 && word >= l.gapBase && word < l.gapBase + l.slots)
    return `gap[${word - l.gapBase}]`;
  return `word[${word}]`;
}

/** "node#3 pivot[4]" or "root". */
export function placeName(target: MemoryTarget, word: number): string {
  return isRootCell(target) ? "root" : `node#${target.id} ${wordName(target, word)}`;
}

const objectIds = new WeakMap<object, number>();
let nextObjectId = 1;

function objectId(o: object): number {
  let id = objectIds.get(o);
  if (id === undefined) {
    id = nextObjectId++;
    objectIds.set(o, id);
  }
  return id;
}

/**
 * A key equal for equal values: bigints by value, metadata by its fields, parent pointers by
 * (node, slot) (the tree may hand out more than one object for the same pointer), other
 * objects by identity.
 */
export function valueKey(w: Word | undefined): string {
  if (w === null) return "null";
  if (w === undefined) return "undefined";
  if (typeof w === "bigint") return `0x${w.toString(16)}`;
  if (w instanceof Poison) return "POISON";
  if (w instanceof MapleNode) return `node#${w.id}`;
  if (w instanceof Meta) return `meta{${w.end},${w.gap}}`;
  if (w instanceof ParentPtr) return `parent(node#${w.node.id},${w.slot})`;
  if (w instanceof TreeRootParent) return "tree-root";
  if (typeof w === "object" || typeof w === "function") {
    const s = String(w);
    return s === "[object Object]"
      ? `obj#${objectId(w as object)}`
      : `${s}#${objectId(w as object)}`;
  }
  return `${typeof w}:${String(w)}`;
}

/** A value for a timeline: 0x7fff, NULL, node#4, meta{7,0}, parent(node#2,3), POISON, A. */
export function formatValue(w: unknown): string {
  if (w === null) return "NULL";
  if (w === undefined) return "-";
  if (typeof w === "bigint") return `0x${w.toString(16)}`;
  if (w instanceof MapleNode) return `node#${w.id}`;
  if (
    w instanceof Meta ||
    w instanceof ParentPtr ||
    w instanceof TreeRootParent ||
    w instanceof Poison
  ) {
    return valueKey(w as Word);
  }
  if (Array.isArray(w)) return `[${w.map(formatValue).join(", ")}]`;
  if (typeof w === "object") {
    const s = String(w);
    if (s !== "[object Object]") return s;
    return `{${Object.entries(w as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${formatValue(v)}`)
      .join(", ")}}`;
  }
  return String(w);
}

/** Structural equality for reader results: arrays and plain objects by content, bigints by value. */
export function sameResult(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === "bigint" || typeof b === "bigint") return a === b;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => sameResult(x, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => sameResult(a[k], b[k]));
  }
  return false;
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && Object.getPrototypeOf(x) === Object.prototype;
}
