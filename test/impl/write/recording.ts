/** Test helpers: a NodeMemory that logs every store, and an RCU domain whose grace periods are explicit. */
import { DIRECT_MEMORY, type NodeMemory, type RcuDomain } from "../../../src/impl/memory.js";
import { isNode, type MapleNode, Meta, type Word } from "../../../src/impl/node.js";

export interface WordStore {
  /** "root" or the node's id. */
  target: "root" | number;
  /** parent, pivot[i], slot[i], gap[i] or meta. */
  word: string;
  value: Word;
}

export function wordName(node: MapleNode, i: number): string {
  const l = node.layout;
  if (i === 0) return "parent";
  if (i === l.metaWord && l.gapBase >= 0) return "meta";
  if (i >= l.pivotBase && i < l.pivotBase + l.pivots) return `pivot[${i - l.pivotBase}]`;
  if (i >= l.slotBase && i < l.slotBase + l.slots) return `slot[${i - l.slotBase}]`;
  if (l.gapBase >= 0 && i >= l.gapBase && i < l.gapBase + l.slots) return `gap[${i - l.gapBase}]`;
  return `word[${i}]`;
}

export class RecordingMemory implements NodeMemory {
  stores: WordStore[] = [];
  read(node: MapleNode, word: number): Word {
    return DIRECT_MEMORY.read(node, word);
  }
  write(node: MapleNode, word: number, value: Word): void {
    this.stores.push({
      target: node.id,
      word: value instanceof Meta ? "meta" : wordName(node, word),
      value,
    });
    DIRECT_MEMORY.write(node, word, value);
  }
  readRoot(root: { value: Word }): Word {
    return DIRECT_MEMORY.readRoot(root);
  }
  writeRoot(root: { value: Word }, value: Word): void {
    this.stores.push({ target: "root", word: "root", value });
    DIRECT_MEMORY.writeRoot(root, value);
  }
  /** The stores as "TARGET.word=VALUE" strings (node values by id). */
  text(): string[] {
    return this.stores.map((s) => `${s.target}.${s.word}=${show(s.value)}`);
  }
  clear(): void {
    this.stores = [];
  }
}

function show(v: Word): string {
  if (v === null) return "null";
  if (isNode(v)) return `#${v.id}`;
  if (typeof v === "bigint") return String(v);
  if (v instanceof Meta) return `end${v.end}`;
  const name = (v as object).constructor?.name;
  if (name === "ParentPtr")
    return `parent(#${(v as { node: MapleNode }).node.id},${(v as { slot: number }).slot})`;
  if (name === "TreeRootParent") return "tree";
  return String(v);
}

/** Grace periods end only when the test says so. */
export class ManualRcu implements RcuDomain {
  pending: Array<() => void> = [];
  callRcu(callback: () => void): void {
    this.pending.push(callback);
  }
  quiesce(): void {}
  endGracePeriod(): void {
    const run = this.pending;
    this.pending = [];
    for (const cb of run) cb();
  }
}
