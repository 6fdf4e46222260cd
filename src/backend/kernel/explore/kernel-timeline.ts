/**
 * A violating execution on the C tree as a timeline, in the TypeScript explorer's form
 * (timeline.ts): one line per step in one total order consistent with the execution, per
 * thread (writer, rcu, each reader), every word read and written with its node, word name and
 * value, each access also naming the C function and line that made it and how (plain,
 * READ_ONCE/WRITE_ONCE, atomic with its order); operation starts and ends with their answers;
 * mem* blocks, call_rcu, grace periods, and as notes allocations, frees and barriers.
 */

import type { TimelineLine } from "../../../checker/explorer/index.js";
import { stepsByEvent } from "../../../checker/explorer/timeline.js";
import type {
  AccessClass,
  KernelEvent,
  KernelPlace,
  KernelWriterLog,
  MemoryOrder,
  SourcePlace,
} from "./kernel-log.js";
import { decodeWord, kernelLayout, layoutWordName } from "./kernel-words.js";

/** One entry of a reader thread's trace, as the runner reports it. */
export type KernelTraceEntry =
  | { kind: "start"; op: number; event: number }
  | {
      kind: "read";
      event: number;
      class: AccessClass;
      order?: MemoryOrder;
      place: KernelPlace;
      value: bigint;
      at: SourcePlace;
    }
  | { kind: "end"; op: number; event: number; out: string; before: string }
  | { kind: "crash"; op: number };

const POISON = 0x6b6b6b6b6b6b6b6bn;

/** "node:3:40" | "root" | "flags" | "tree:8" */
export function parsePlace(text: string): KernelPlace {
  if (text === "root" || text === "flags") return { kind: text };
  const node = /^node:(\d+):(\d+)$/.exec(text);
  if (node !== null) return { kind: "node", node: Number(node[1]), offset: Number(node[2]) };
  const tree = /^tree:(\d+)$/.exec(text);
  if (tree !== null) return { kind: "tree", offset: Number(tree[1]) };
  throw new Error(`bad place "${text}"`);
}

/** "at=F:L via=G" -> place */
export function parseAt(fields: readonly string[]): SourcePlace {
  const at = fields.find((f) => f.startsWith("at="))?.slice(3) ?? "?:0";
  const via = fields.find((f) => f.startsWith("via="))?.slice(4) ?? "?";
  const colon = at.lastIndexOf(":");
  return { func: at.slice(0, colon), line: Number(at.slice(colon + 1)), via };
}

/** The word's name: "node#3 pivot[4]", "node#3 slot[15]/meta", "root", "flags", "tree+8". */
export function wordPlace(log: KernelWriterLog, place: KernelPlace): string {
  switch (place.kind) {
    case "node": {
      const info = log.nodes.get(place.node);
      const layout = info === undefined ? undefined : kernelLayout(info.type);
      return `node#${place.node} ${layoutWordName(layout, place.offset >> 3)}`;
    }
    case "tree":
      return `tree+${place.offset & ~7}`;
    default:
      return place.kind;
  }
}

/** Whether the word holds an entry or a node pointer (a slot, or the root). */
function holdsEntry(name: string): boolean {
  return name === "root" || /\bslot\[\d+\]$/.test(name);
}

/** A raw word for people: node#I (+ its encoding bits), tree-root, POISON, NULL, 0x.. */
export function kernelValue(log: KernelWriterLog, raw: bigint, name: string): string {
  if (raw === POISON) return "POISON";
  const w = decodeWord(log.layout, raw);
  if (w.kind === "node")
    return w.bits === 0 ? `node#${w.node}` : `node#${w.node}+0x${w.bits.toString(16)}`;
  if (w.kind === "tree-root") return "tree-root";
  if (holdsEntry(name)) {
    if (raw === 0n) return "NULL";
    if ((raw & 1n) === 1n) return `0x${raw.toString(16)} (value ${raw >> 1n})`;
  }
  return `0x${raw.toString(16)}`;
}

/** How the access was made: plain, READ_ONCE/WRITE_ONCE, or an atomic and its order. */
export function accessHow(
  cls: AccessClass,
  order: MemoryOrder | undefined,
  store: boolean,
): string {
  if (cls === "plain") return "plain";
  if (cls === "once") return store ? "WRITE_ONCE" : "READ_ONCE";
  return `atomic ${order ?? (store ? "release" : "consume")}`;
}

function at(p: SourcePlace): string {
  return p.func === p.via ? `${p.func}:${p.line}` : `${p.func}:${p.line} in ${p.via}`;
}

/** The text of a reader's read: the part compared with a run alone, and the whole line. */
export function readText(
  log: KernelWriterLog,
  e: Extract<KernelTraceEntry, { kind: "read" }>,
): { core: string; line: string } {
  const name = wordPlace(log, e.place);
  const core = `read ${name} = ${kernelValue(log, e.value, name)}`;
  return { core, line: `${core}   at ${at(e.at)} (${accessHow(e.class, e.order, false)})` };
}

/** The whole word before and after a store (a store of fewer than 8 bytes changes part). */
function wholeWord(e: Extract<KernelEvent, { kind: "store" }>): { before: bigint; after: bigint } {
  if (e.size >= 8 || e.word === undefined) return { before: e.old, after: e.value };
  const shift = BigInt((e.place.kind === "node" ? e.place.offset : 0) & 7) * 8n;
  const mask = ((1n << BigInt(e.size * 8)) - 1n) << shift;
  return { before: (e.word & ~mask) | ((e.old << shift) & mask), after: e.word };
}

/** A writer graph node's line (and the thread it shows in). */
function describeWriter(
  log: KernelWriterLog,
  ev: KernelEvent,
  writerLines: readonly string[],
): { text: string; rcu: boolean } {
  switch (ev.kind) {
    case "op-begin":
      return { text: `begin ${writerLines[ev.op] ?? `op ${ev.op}`}`, rcu: false };
    case "op-end":
      return {
        text: `end ${writerLines[ev.op] ?? `op ${ev.op}`} -> ${ev.result}`,
        rcu: false,
      };
    case "store": {
      const name = wordPlace(log, ev.place);
      const { before, after } = wholeWord(ev);
      const part =
        ev.size < 8
          ? `, ${ev.size} byte${ev.size > 1 ? "s" : ""} at +${(ev.place.kind === "node" ? ev.place.offset : 0) & 7}`
          : "";
      return {
        text: `store ${name} := ${kernelValue(log, after, name)} (was ${kernelValue(log, before, name)})   at ${at(ev.at)} (${accessHow(ev.class, ev.order, true)}${part})`,
        rcu: ev.segment !== undefined,
      };
    }
    case "block-begin":
      return {
        text: `${ev.blockKind} over node#${ev.place.kind === "node" ? ev.place.node : "?"} begins (${ev.bytes} bytes, unordered block ${ev.block})   at ${at(ev.at)}`,
        rcu: ev.segment !== undefined,
      };
    case "block-end": {
      const begin = log.events.find((b) => b.kind === "block-begin" && b.block === ev.block);
      const what =
        begin?.kind === "block-begin"
          ? `${begin.blockKind} over node#${begin.place.kind === "node" ? begin.place.node : "?"}`
          : `block ${ev.block}`;
      return { text: `${what} complete`, rcu: false };
    }
    case "call-rcu":
      return {
        text: `call_rcu #${ev.segment} (node#${ev.node}, ${ev.fn})   at ${at(ev.at)}`,
        rcu: false,
      };
    case "grace-period":
      return { text: `grace period of call_rcu #${ev.segment} ends`, rcu: true };
    default:
      return { text: ev.kind, rcu: false };
  }
}

/** A log event shown as a note after the graph node before it, or undefined. */
function noteOf(ev: KernelEvent): string | undefined {
  switch (ev.kind) {
    case "alloc":
      return `node#${ev.node} allocated at ${at(ev.at)}`;
    case "free":
      return `node#${ev.node} freed at ${at(ev.at)} (poisoned)`;
    case "fence":
      return `smp_${ev.fence}() at ${at(ev.at)}`;
    case "block-begin":
      return `${ev.blockKind} over node#${ev.place.kind === "node" ? ev.place.node : "?"} (${ev.bytes} bytes, in order) at ${at(ev.at)}`;
    default:
      return undefined;
  }
}

/** Notes by the writer graph node they follow (in the same thread: main chain or segment). */
function notesByNode(log: KernelWriterLog, wnodes: readonly number[]): Map<number, string[]> {
  const nodeOf = new Map<number, number>();
  wnodes.forEach((ev, node) => {
    // A grace-period node shares its call_rcu's event until the runner names its own.
    if (!nodeOf.has(ev) || log.events[ev].kind === "grace-period") nodeOf.set(ev, node);
  });
  const notes = new Map<number, string[]>();
  const last = new Map<string, number>();
  log.events.forEach((ev, i) => {
    // call_rcu's segment is the one it starts; it runs in the writer's chain.
    const seg =
      ev.kind !== "call-rcu" && "segment" in ev && ev.segment !== undefined
        ? `s${ev.segment}`
        : "main";
    const node = nodeOf.get(i);
    if (node !== undefined) {
      last.set(ev.kind === "grace-period" ? `s${ev.segment}` : seg, node);
      return;
    }
    const text = noteOf(ev);
    const anchor = last.get(seg);
    if (text === undefined || anchor === undefined) return;
    const list = notes.get(anchor) ?? [];
    list.push(text);
    notes.set(anchor, list);
  });
  return notes;
}

export interface KernelTimelineInput {
  log: KernelWriterLog;
  /** The log event of each writer graph node. */
  wnodes: readonly number[];
  writerLines: readonly string[];
  traces: readonly (readonly KernelTraceEntry[])[];
  order: readonly number[];
  readerNames: readonly string[];
  readerLines: readonly (readonly string[])[];
  crashMessage?: string;
  livelock?: boolean;
}

export function kernelTimeline(x: KernelTimelineInput): TimelineLine[] {
  const byEvent = stepsByEvent<KernelTraceEntry>(x.traces);
  const notes = notesByNode(x.log, x.wnodes);
  const lines: TimelineLine[] = [];
  let time = 0;
  for (const node of x.order) {
    if (node < x.wnodes.length) {
      const ev = x.log.events[x.wnodes[node]];
      const d = describeWriter(x.log, ev, x.writerLines);
      const thread = d.rcu ? "rcu" : "writer";
      lines.push({ time: time++, thread, text: d.text });
      for (const n of notes.get(node) ?? []) lines.push({ time: time++, thread, text: `  (${n})` });
      continue;
    }
    const group = byEvent.get(node);
    if (group === undefined) continue;
    const name = x.readerNames[group.thread];
    const opNames = x.readerLines[group.thread];
    for (const e of group.entries) {
      lines.push({ time: time++, thread: name, text: describeEntry(x, e, opNames) });
    }
  }
  return lines;
}

function describeEntry(
  x: KernelTimelineInput,
  e: KernelTraceEntry,
  opNames: readonly string[],
): string {
  switch (e.kind) {
    case "start":
      return `start ${opNames[e.op]}`;
    case "read":
      return readText(x.log, e).line;
    case "end":
      return `end ${opNames[e.op]} -> ${e.out}`;
    case "crash":
      return `${x.livelock ? "LIVELOCK" : "CRASH"} in ${opNames[e.op]}: ${x.crashMessage ?? ""}`;
  }
}
