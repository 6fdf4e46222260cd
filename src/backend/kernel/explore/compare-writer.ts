/**
 * The C tree's writer log against the TypeScript tree's (src/checker/explorer/writer-log.ts)
 * for the same scenario: the stores to node words and the root, in program order, with their
 * values, and which of them each side leaves unordered (one mem* call in C, a copy block in
 * TypeScript). The C code is the truth; what only C does is set aside by kind and counted:
 *   - a node's allocation bookkeeping (struct maple_alloc) and its zeroing by mas_pop_node;
 *   - the tree's flags (mas_set_height);
 *   - the rcu_head call_rcu writes (both sides model it; the order and values are models);
 *   - grace-period callbacks (the frees' poisoning), compared by count only;
 * and sub-word stores to one word (ma_set_meta's two bytes) are merged into one word store.
 * Nodes are matched by order of first appearance (as a store's target or value).
 */

import { isRootCell, wordName } from "../../../checker/explorer/words.js";
import type { WriterLog } from "../../../checker/explorer/writer-log.js";
import { NodeType } from "../../../impl/constants.js";
import { isZeroEntry } from "../../../impl/entry.js";
import {
  MapleNode,
  Meta,
  ParentPtr,
  Poison,
  TreeRootParent,
  type Word,
} from "../../../impl/node.js";
import type { KernelWriterLog } from "./kernel-log.js";
import { decodeWord, kernelPlaceName } from "./kernel-words.js";

/** A store of one side, before node ids are matched. */
interface SideStore {
  /** Node (C index or TS id) or -1 for the root. */
  node: number;
  word: number;
  /** Node ids the value names (matched like targets). */
  refs: number[];
  render(map: (id: number) => string): string;
  ordered: boolean;
  name: string;
  /** A C store of fewer than 8 bytes (merged with the next one to the same word). */
  sub?: boolean;
}

export interface WriterComparison {
  /** Same stores (node word, value), same order, position by position. */
  same: boolean;
  kernelStores: string[];
  modelStores: string[];
  /** Position by position, where they differ. */
  differences: string[];
  /** C stores set aside, by reason, with counts. */
  kernelOnly: Map<string, number>;
  /** Stores the TypeScript tree orders that C makes in one mem* call, and the reverse. */
  unorderedInKernelOnly: number;
  unorderedInModelOnly: number;
  /** The rcu_head words each side writes at call_rcu, in order. */
  rcuHead: { kernel: string[]; model: string[] };
  /** Stores made by grace-period callbacks (poisoning frees). */
  callbackStores: { kernel: number; model: number };
  /** C node index -> TypeScript node id. */
  nodeMap: Map<number, number>;
}

function bump(m: Map<string, number>, k: string, n = 1): void {
  m.set(k, (m.get(k) ?? 0) + n);
}

const POISON_WORD = "0x6b6b6b6b6b6b6b6b";

function kernelSide(log: KernelWriterLog, kernelOnly: Map<string, number>, rcuHead: string[]) {
  const stores: SideStore[] = [];
  let callbacks = 0;
  const fresh = new Set<number>();
  const blocks = new Map<number, { memsetOf?: number }>();
  let afterCallRcu = 0;
  for (const e of log.events) {
    if (e.kind === "alloc") fresh.add(e.node);
    if (e.kind === "block-begin") {
      const whole =
        e.blockKind === "memset" &&
        e.place.kind === "node" &&
        e.place.offset === 0 &&
        e.bytes === log.layout.nodeSize;
      blocks.set(e.block, whole && e.place.kind === "node" ? { memsetOf: e.place.node } : {});
    }
    if (e.kind === "block-end") {
      const of = blocks.get(e.block)?.memsetOf;
      if (of !== undefined) fresh.delete(of);
    }
    if (e.kind === "call-rcu") {
      afterCallRcu = 3;
      continue;
    }
    if (e.kind !== "store") {
      afterCallRcu = 0;
      continue;
    }
    if (
      afterCallRcu > 0 &&
      e.place.kind === "node" &&
      (e.place.offset === 8 || e.place.offset === 16)
    ) {
      afterCallRcu--;
      rcuHead.push(kernelPlaceName(log, e.place));
      continue;
    }
    afterCallRcu = 0;
    if (e.segment !== undefined) {
      callbacks++;
      continue;
    }
    if (e.place.kind === "flags" || e.place.kind === "tree") {
      bump(kernelOnly, `tree ${e.place.kind} (${e.at.func})`);
      continue;
    }
    if (e.place.kind === "node" && fresh.has(e.place.node)) {
      bump(
        kernelOnly,
        "a new node's allocation bookkeeping and zeroing (mas_alloc_nodes, mas_pop_node)",
      );
      continue;
    }
    const node = e.place.kind === "node" ? e.place.node : -1;
    const word = e.place.kind === "node" ? e.place.offset >> 3 : 0;
    let raw = e.value;
    if (e.size < 8 && e.word !== undefined) {
      raw = e.word;
      const prev = stores[stores.length - 1];
      if (prev?.sub && prev.node === node && prev.word === word) {
        // The same word again (ma_set_meta's gap, then end): one word store.
        stores.pop();
        bump(kernelOnly, "sub-word stores merged into the word store that follows");
      }
    }
    const v = decodeWord(log.layout, raw);
    stores.push({
      node,
      word,
      refs: v.kind === "node" ? [v.node] : [],
      render: (map) =>
        v.kind === "int"
          ? `0x${v.value.toString(16)}`
          : v.kind === "tree-root"
            ? "tree-root"
            : word === 0 && node >= 0 && v.bits !== 0
              ? `parent(${map(v.node)},${v.bits >> 3})`
              : map(v.node),
      ordered: e.block === undefined,
      name:
        e.place.kind === "node" ? kernelPlaceName(log, e.place).replace(/^node \d+ /, "") : "root",
      sub: e.size < 8,
    });
  }
  return { stores, callbacks };
}

function modelValue(w: Word, leafSlot: boolean, map: (id: number) => string): string {
  if (w === null) return "0x0";
  if (typeof w === "bigint") return `0x${(leafSlot ? (w << 1n) | 1n : w).toString(16)}`;
  if (w instanceof Meta) return `0x${(w.end | (w.gap << 8)).toString(16)}`;
  if (w instanceof MapleNode) return map(w.id);
  if (w instanceof ParentPtr) return `parent(${map(w.node.id)},${w.slot})`;
  if (w instanceof TreeRootParent) return "tree-root";
  if (w instanceof Poison) return POISON_WORD;
  if (isZeroEntry(w)) return "0x406";
  return String(w);
}

function modelSide(log: WriterLog, rcuHead: string[]) {
  const stores: SideStore[] = [];
  let callbacks = 0;
  const headStores = new Set<number>();
  log.events.forEach((ev, i) => {
    if (ev.kind !== "call-rcu") return;
    for (let j = i - 1; j >= i - 2 && j >= 0; j--) {
      const p = log.events[j];
      if (
        p.kind !== "store" ||
        isRootCell(p.store.target) ||
        (p.store.word !== 1 && p.store.word !== 2)
      )
        break;
      headStores.add(j);
    }
  });
  log.events.forEach((ev, i) => {
    if (ev.kind !== "store") return;
    const s = ev.store;
    if (s.segment >= 0) {
      callbacks++;
      return;
    }
    const t = s.target;
    const name = isRootCell(t) ? "root" : wordName(t, s.word);
    if (headStores.has(i)) {
      rcuHead.push(`node#${(t as MapleNode).id} ${name}`);
      return;
    }
    const leafSlot = !isRootCell(t) && t.type === NodeType.leaf64 && name.startsWith("slot[");
    const v = s.value;
    const refs = v instanceof MapleNode ? [v.id] : v instanceof ParentPtr ? [v.node.id] : [];
    stores.push({
      node: isRootCell(t) ? -1 : t.id,
      word: s.word,
      refs,
      render: (map) => modelValue(v, leafSlot, map),
      ordered: s.block < 0,
      name,
    });
  });
  return { stores, callbacks };
}

/** Node ids in order of first appearance, as targets or in values. */
function appearance(stores: readonly SideStore[]): number[] {
  const seen: number[] = [];
  for (const s of stores)
    for (const id of [s.node, ...s.refs]) if (id >= 0 && !seen.includes(id)) seen.push(id);
  return seen;
}

export function compareWriterLogs(kernel: KernelWriterLog, model: WriterLog): WriterComparison {
  const kernelOnly = new Map<string, number>();
  const rcuHead = { kernel: [] as string[], model: [] as string[] };
  const k = kernelSide(kernel, kernelOnly, rcuHead.kernel);
  const m = modelSide(model, rcuHead.model);
  const kOrder = appearance(k.stores);
  const mOrder = appearance(m.stores);
  const nodeMap = new Map<number, number>();
  kOrder.forEach((id, i) => {
    if (i < mOrder.length) nodeMap.set(id, mOrder[i]);
  });
  const back = new Map([...nodeMap].map(([c, t]) => [t, c]));
  // Both sides named by C node index: "n1".
  const kName = (id: number): string => `n${id}`;
  const mName = (id: number): string => (back.has(id) ? `n${back.get(id)}` : `ts#${id}`);
  const line = (s: SideStore, name: (id: number) => string): string =>
    `${s.node < 0 ? "root" : `${name(s.node)} ${s.name}`} := ${s.render(name)}${s.ordered ? "" : " (unordered)"}`;
  const kernelStores = k.stores.map((s) => line(s, kName));
  const modelStores = m.stores.map((s) => line(s, mName));
  const differences: string[] = [];
  let unorderedInKernelOnly = 0;
  let unorderedInModelOnly = 0;
  for (let i = 0; i < Math.max(k.stores.length, m.stores.length); i++) {
    const ks = k.stores[i];
    const ms = m.stores[i];
    if (ks === undefined || ms === undefined) {
      differences.push(
        `#${i}: C ${ks === undefined ? "-" : kernelStores[i]} | TS ${ms === undefined ? "-" : modelStores[i]}`,
      );
      continue;
    }
    const kp = `${ks.node < 0 ? "root" : kName(ks.node)}.${ks.word} := ${ks.render(kName)}`;
    const mp = `${ms.node < 0 ? "root" : mName(ms.node)}.${ms.word} := ${ms.render(mName)}`;
    if (kp !== mp) differences.push(`#${i}: C ${kernelStores[i]} | TS ${modelStores[i]}`);
    if (!ks.ordered && ms.ordered) unorderedInKernelOnly++;
    if (ks.ordered && !ms.ordered) unorderedInModelOnly++;
  }
  return {
    same: differences.length === 0,
    kernelStores,
    modelStores,
    differences,
    kernelOnly,
    unorderedInKernelOnly,
    unorderedInModelOnly,
    rcuHead,
    callbackStores: { kernel: k.callbacks, model: m.callbacks },
    nodeMap,
  };
}
