/**
 * Recording the writer. The writer's operations run for real on the world, with a NodeMemory
 * that logs every store (target, word, old value, new value) in program order and an observer
 * and RCU domain that log the rest. The log is kept as the writer's part of the event graph:
 *
 *   - a chain in program order: operation begin/end markers, stores, call_rcu markers;
 *   - a node copy (copyBegin..copyEnd) as an unordered block: its stores hang between two
 *     barrier events, in no order among themselves (memcpy has none);
 *   - each call_rcu callback (the free of a retired node: a burst of poison stores) as a
 *     segment of its own: call_rcu -> grace-period end -> its stores in order. The segment
 *     floats: it may run at any time after the grace period, concurrently with later writes.
 *     Readers that protect the node add edges "operation end -> grace-period end".
 *
 * For every written word the log also keeps its value history as runs of equal values: what
 * a reader may observe there, and which store starts and ends each run.
 */
import { STORE_TYPE_NAMES } from "../../impl/constants.js";
import type { RcuDomain, RootCell, TreeObserver } from "../../impl/memory.js";
import type { MapleNode, Word } from "../../impl/node.js";
import { EventGraph } from "./event-graph.js";
import type { Scenario, World } from "./scenario.js";
import { type MemoryTarget, placeName, valueKey } from "./words.js";

export interface StoreRecord {
  /** The store's event in the graph. */
  event: number;
  target: MemoryTarget;
  word: number;
  old: Word;
  value: Word;
  /** Writer operation index, or -1 for a store made by an RCU callback. */
  op: number;
  /** Free segment index, or -1. */
  segment: number;
  /** Copy block index, or -1. */
  block: number;
}

export type WriterEvent =
  | { kind: "store"; store: StoreRecord }
  | { kind: "op-begin" | "op-end"; op: number; name: string }
  | { kind: "copy-begin" | "copy-end"; block: number; node: MapleNode }
  | { kind: "call-rcu" | "grace-period"; segment: number };

/** A maximal stretch of the coherence order of one word during which it holds one value. */
export interface ValueRun {
  value: Word;
  key: string;
  /** The store that starts the run (-1: the initial value). */
  src: number;
  /** The store that ends it (-1: the last run). */
  next: number;
}

export interface FreeSegment {
  callRcu: number;
  gracePeriod: number;
  stores: number[];
}

export class WriterLog {
  readonly graph = new EventGraph();
  /** Writer events by graph node (every node below graph.size at freeze time). */
  readonly events: WriterEvent[] = [];
  readonly stores: StoreRecord[] = [];
  readonly opBegin: number[] = [];
  readonly opEnd: number[] = [];
  readonly opNames: string[] = [];
  readonly segments: FreeSegment[] = [];
  readonly blocks: { node: MapleNode; stores: number[] }[] = [];
  /** Observer notes shown in timelines after the event they follow. */
  readonly notes = new Map<number, string[]>();
  private readonly runs = new Map<MemoryTarget, Map<number, ValueRun[]>>();

  runsOf(target: MemoryTarget, word: number): ValueRun[] | undefined {
    return this.runs.get(target)?.get(word);
  }

  addEvent(ev: WriterEvent): number {
    const id = this.graph.addNode();
    this.events[id] = ev;
    return id;
  }

  note(after: number, text: string): void {
    const list = this.notes.get(after) ?? [];
    list.push(text);
    this.notes.set(after, list);
  }

  /** Builds the value runs of every written word and freezes the writer's graph. */
  finish(): void {
    for (const s of this.stores) {
      let byWord = this.runs.get(s.target);
      if (byWord === undefined) {
        byWord = new Map();
        this.runs.set(s.target, byWord);
      }
      let list = byWord.get(s.word);
      if (list === undefined) {
        list = [{ value: s.old, key: valueKey(s.old), src: -1, next: -1 }];
        byWord.set(s.word, list);
      }
      const last = list[list.length - 1];
      const key = valueKey(s.value);
      if (key === last.key) continue;
      last.next = s.event;
      list.push({ value: s.value, key, src: s.event, next: -1 });
    }
    this.graph.freeze();
  }

  describe(event: number): string {
    const ev = this.events[event];
    switch (ev.kind) {
      case "store": {
        const s = ev.store;
        return `store ${placeName(s.target, s.word)} := ${valueKeyShort(s.value)} (was ${valueKeyShort(s.old)})`;
      }
      case "op-begin":
        return `begin ${ev.name}`;
      case "op-end":
        return `end ${ev.name}`;
      case "copy-begin":
        return `copy over node#${ev.node.id} begins (unordered block ${ev.block})`;
      case "copy-end":
        return `copy over node#${ev.node.id} complete`;
      case "call-rcu":
        return `call_rcu #${ev.segment}`;
      case "grace-period":
        return `grace period of call_rcu #${ev.segment} ends`;
    }
  }
}

function valueKeyShort(w: Word): string {
  return w === null ? "NULL" : valueKey(w);
}

/**
 * Runs the scenario's setup and then its writer operations on a recording memory. Returns the
 * world (in its final state: every store applied, every deferred free done) and the log.
 */
export function recordWriter<W extends World>(
  scenario: Scenario<W>,
  opts: { forwardCopyOnly?: boolean } = {},
): { world: W; log: WriterLog } {
  const world = scenario.setup();
  const log = new WriterLog();
  const graph = log.graph;
  let tail: number[] = [];
  let op = -1;
  let block: { index: number; begin: number; stores: number[] } | null = null;
  let segment: { index: number; last: number } | null = null;
  const pending: Array<{ index: number; callback: () => void }> = [];

  const chain = (ev: WriterEvent): number => {
    const id = log.addEvent(ev);
    for (const t of tail) graph.addEdge(t, id);
    tail = [id];
    return id;
  };

  const record = (target: MemoryTarget, word: number, old: Word, value: Word): void => {
    const store: StoreRecord = {
      event: -1,
      target,
      word,
      old,
      value,
      op: segment === null ? op : -1,
      segment: segment === null ? -1 : segment.index,
      block: segment === null && block !== null ? block.index : -1,
    };
    const ev: WriterEvent = { kind: "store", store };
    if (segment !== null) {
      store.event = log.addEvent(ev);
      graph.addEdge(segment.last, store.event);
      segment.last = store.event;
      log.segments[segment.index].stores.push(store.event);
    } else if (block !== null) {
      store.event = log.addEvent(ev);
      graph.addEdge(block.begin, store.event);
      block.stores.push(store.event);
    } else {
      store.event = chain(ev);
    }
    log.stores.push(store);
  };

  const lastEvent = (): number => (segment !== null ? segment.last : (tail[0] ?? -1));
  const observer: TreeObserver = {
    allocated: (n) => log.note(lastEvent(), `node#${n.id} allocated`),
    published: (n, site) =>
      log.note(
        lastEvent(),
        site.kind === "root"
          ? `node#${n.id} published as root`
          : `node#${n.id} published in node#${site.parent.id} slot[${site.slot}]`,
      ),
    markedDead: (n) => log.note(lastEvent(), `node#${n.id} marked dead`),
    retired: (n) => log.note(lastEvent(), `node#${n.id} retired (freed after a grace period)`),
    freed: (n) => log.note(lastEvent(), `node#${n.id} freed`),
    storeType: (t) => log.note(lastEvent(), `store type ${STORE_TYPE_NAMES[t]}`),
    copyBegin: (n) => {
      if (opts.forwardCopyOnly || segment !== null) return;
      const index = log.blocks.length;
      log.blocks.push({ node: n, stores: [] });
      block = {
        index,
        begin: chain({ kind: "copy-begin", block: index, node: n }),
        stores: log.blocks[index].stores,
      };
    },
    copyEnd: (n) => {
      if (block === null) return;
      const b = block;
      block = null;
      const end = log.addEvent({ kind: "copy-end", block: b.index, node: n });
      graph.addEdge(b.begin, end);
      for (const s of b.stores) graph.addEdge(s, end);
      tail = [end];
    },
  };

  const rcu: RcuDomain = {
    callRcu(callback) {
      if (segment !== null) {
        // A callback queued by a callback: part of the same deferred work.
        callback();
        return;
      }
      const index = log.segments.length;
      const callRcu = chain({ kind: "call-rcu", segment: index });
      const gracePeriod = log.addEvent({ kind: "grace-period", segment: index });
      graph.addEdge(callRcu, gracePeriod);
      log.segments.push({ callRcu, gracePeriod, stores: [] });
      pending.push({ index, callback });
    },
    quiesce() {
      // Grace periods are steps of the explored schedule, not of the writer.
    },
  };

  world.mem = {
    read(node, word) {
      const v = node.words[word];
      if (v === undefined) throw new RangeError(`writer read beyond node#${node.id}: word ${word}`);
      return v;
    },
    write(node, word, value) {
      if (word < 0 || word >= node.words.length)
        throw new RangeError(`writer wrote beyond node#${node.id}: word ${word}`);
      record(node, word, node.words[word], value);
      node.words[word] = value;
    },
    readRoot(root: RootCell) {
      return root.value;
    },
    writeRoot(root: RootCell, value) {
      record(root, 0, root.value, value);
      root.value = value;
    },
  };
  world.observer = observer;
  world.rcu = rcu;

  scenario.writer.forEach((w, i) => {
    op = i;
    log.opNames[i] = w.name;
    log.opBegin[i] = chain({ kind: "op-begin", op: i, name: w.name });
    w.run(world);
    if (block !== null) throw new Error(`${w.name}: copyBegin without copyEnd`);
    log.opEnd[i] = chain({ kind: "op-end", op: i, name: w.name });
  });
  op = -1;
  for (const p of pending) {
    segment = { index: p.index, last: log.segments[p.index].gracePeriod };
    p.callback();
  }
  segment = null;
  log.finish();
  return { world, log };
}
