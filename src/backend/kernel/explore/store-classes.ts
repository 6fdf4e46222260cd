/**
 * The writer's stores by access class and by what readers can see of the target when the
 * store happens (issue 12 item 7: which node words the kernel writes with plain stores). A
 * store hits:
 *   live         a node in the tree when the writer started, not yet retired: readers see it
 *   new          a node this writer allocated, before the store that publishes it
 *   published    a node this writer allocated, after that store
 *   retired      a node after call_rcu (its rcu_head), or in a grace-period callback
 *   root, flags, tree   the tree struct's words
 * A plain store to a live or published node races with lockless readers by construction.
 */
import type { AccessClass, KernelWriterLog, MemoryOrder } from "./kernel-log.js";
import { decodeWord, isSlotPlace, kernelPlaceName } from "./kernel-words.js";

export type TargetState =
  | "live"
  | "maple_alloc"
  | "new"
  | "published"
  | "retired"
  | "root"
  | "flags"
  | "tree";

export interface ClassifiedStore {
  /** Index of the store among the log's events. */
  event: number;
  /** "node 1 pivot[4]", "root", "flags". */
  place: string;
  target: TargetState;
  class: AccessClass;
  order?: MemoryOrder;
  /** function:line of the store. */
  at: string;
  /** The mem* call or poisoning the store is part of. */
  block?: string;
}

export function classifyStores(log: KernelWriterLog): ClassifiedStore[] {
  const allocated = new Set<number>();
  /** Allocated, not yet zeroed by a whole-node memset (mas_pop_node). */
  const listed = new Set<number>();
  const zeroing = new Map<number, number>();
  const published = new Set<number>();
  const retired = new Set<number>();
  const blocks = new Map<number, string>();
  const out: ClassifiedStore[] = [];
  log.events.forEach((e, i) => {
    if (e.kind === "alloc") {
      allocated.add(e.node);
      listed.add(e.node);
    } else if (e.kind === "call-rcu" || e.kind === "free") retired.add(e.node);
    else if (e.kind === "block-begin") {
      blocks.set(e.block, `${e.blockKind}@${e.at.func}:${e.at.line}`);
      if (e.blockKind === "memset" && e.place.kind === "node" && e.bytes === log.layout.nodeSize)
        zeroing.set(e.block, e.place.node);
    } else if (e.kind === "block-end" && zeroing.has(e.block))
      listed.delete(zeroing.get(e.block) as number);
    if (e.kind !== "store") return;
    let target: TargetState;
    if (e.place.kind !== "node") target = e.place.kind;
    else if (e.segment !== undefined || retired.has(e.place.node)) target = "retired";
    else if (!allocated.has(e.place.node)) target = "live";
    else if (listed.has(e.place.node) && e.block === undefined) target = "maple_alloc";
    else target = published.has(e.place.node) ? "published" : "new";
    out.push({
      event: i,
      place: kernelPlaceName(log, e.place),
      target,
      class: e.class,
      ...(e.order !== undefined && { order: e.order }),
      at: `${e.at.func}:${e.at.line}`,
      ...(e.block !== undefined && { block: blocks.get(e.block) }),
    });
    const v = decodeWord(log.layout, e.value);
    if (
      v.kind === "node" &&
      isSlotPlace(log, e.place) &&
      !(e.place.kind === "node" && e.place.node === v.node)
    )
      published.add(v.node);
  });
  return out;
}

/** One line per distinct (target, word, class, place in the source), with a count. */
export function summarizeStores(stores: readonly ClassifiedStore[]): string[] {
  const counts = new Map<string, number>();
  for (const s of stores) {
    const what = s.place.startsWith("node ")
      ? `${s.target} ${s.place.replace(/^node \d+ /, "")}`
      : s.place;
    const cls = s.order === undefined ? s.class : `${s.class}(${s.order})`;
    const key = `${what} ${cls} at ${s.at}${s.block === undefined ? "" : ` in ${s.block}`}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => (n > 1 ? `${k} x${n}` : k));
}
