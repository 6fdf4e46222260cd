/**
 * The C tree's writer log as maple-explore-runner prints it (native/explore/print.c), as
 * typed events: every store the kernel's code made to node memory or the tree struct, in
 * program order, with its access class and source place; blocks (one mem* call, one
 * poisoning: stores in no order among themselves); fences; allocations and frees; call_rcu
 * and the grace-period segments its callbacks run in.
 */

/** What an access touched: a node's byte offset, the tree's root pointer, its flags. */
export type KernelPlace =
  | { kind: "node"; node: number; offset: number }
  | { kind: "root" }
  | { kind: "flags" }
  | { kind: "tree"; offset: number };

/** plain: an ordinary C access; once: READ_ONCE/WRITE_ONCE; atomic: rcu_* and __atomic. */
export type AccessClass = "plain" | "once" | "atomic";
export type MemoryOrder = "relaxed" | "consume" | "acquire" | "release" | "acq_rel" | "seq_cst";
export type NodeTypeName = "dense" | "leaf_64" | "range_64" | "arange_64";

/** Where in the kernel source: the innermost (maybe inlined) function and line, and the
 * function it was compiled into. */
export interface SourcePlace {
  func: string;
  line: number;
  via: string;
}

interface Stamp {
  /** The block the event is part of, or undefined. */
  block?: number;
  /** The grace-period segment (call_rcu callback) it ran in, or undefined. */
  segment?: number;
}

export type KernelEvent =
  | ({
      kind: "store";
      place: KernelPlace;
      size: number;
      old: bigint;
      value: bigint;
      /** A store of fewer than 8 bytes: the whole aligned word after it. */
      word?: bigint;
      class: AccessClass;
      order?: MemoryOrder;
      at: SourcePlace;
    } & Stamp)
  | ({
      kind: "load";
      place: KernelPlace;
      size: number;
      value: bigint;
      class: AccessClass;
      order?: MemoryOrder;
      at: SourcePlace;
    } & Stamp)
  | ({ kind: "fence"; fence: "wmb" | "rmb" | "mb"; at: SourcePlace } & Stamp)
  | ({ kind: "alloc" | "free"; node: number; at: SourcePlace } & Stamp)
  | { kind: "call-rcu"; segment: number; node: number; fn: string; at: SourcePlace }
  | { kind: "grace-period"; segment: number }
  | ({
      kind: "block-begin";
      block: number;
      blockKind: "memcpy" | "memset" | "memmove" | "poison";
      place: KernelPlace;
      bytes: number;
      at: SourcePlace;
    } & Omit<Stamp, "block">)
  | { kind: "block-end"; block: number }
  | ({ kind: "rcu-lock" | "rcu-unlock"; at: SourcePlace } & Stamp)
  | { kind: "op-begin"; op: number }
  | { kind: "op-end"; op: number; result: string };

export interface ArenaLayout {
  base: bigint;
  nodes: bigint;
  nodeSize: number;
  rootOffset: number;
  flagsOffset: number;
}

export interface KernelNodeInfo {
  type: NodeTypeName;
  /** Whether the node was in the tree before the writer, after it, or both. */
  in: "before" | "after" | "both";
}

export interface KernelWriterLog {
  layout: ArenaLayout;
  events: KernelEvent[];
  /** The nodes of the tree before and after the writer, by index. */
  nodes: Map<number, KernelNodeInfo>;
  ops: number;
  stores: number;
  /** Microseconds the recorded writer (and its grace periods) took, logging included. */
  recordMicros: number;
  /** Aggregate stores into node memory (would be logged twice; none are expected). */
  rangeWrites: number;
}

export class KernelLogError extends Error {
  constructor(message: string) {
    super(`kernel writer log: ${message}`);
    this.name = "KernelLogError";
  }
}

type Fields = Map<string, string>;

function fieldsOf(line: string): Fields {
  const fields: Fields = new Map();
  // op-end's result may hold a space ("err -EEXIST"): it is the last field, taken whole.
  const r = line.indexOf(" result=");
  const head = r >= 0 ? line.slice(0, r) : line;
  for (const token of head.split(" ").slice(1)) {
    const eq = token.indexOf("=");
    if (eq > 0) fields.set(token.slice(0, eq), token.slice(eq + 1));
  }
  if (r >= 0) fields.set("result", line.slice(r + " result=".length));
  return fields;
}

function need(f: Fields, key: string, line: string): string {
  const v = f.get(key);
  if (v === undefined) throw new KernelLogError(`no ${key}= in "${line}"`);
  return v;
}

function num(f: Fields, key: string, line: string): number {
  const v = Number(need(f, key, line));
  if (!Number.isInteger(v)) throw new KernelLogError(`${key}= is not a number in "${line}"`);
  return v;
}

function big(f: Fields, key: string, line: string): bigint {
  return BigInt(need(f, key, line));
}

function place(text: string, line: string): KernelPlace {
  if (text === "root" || text === "flags") return { kind: text };
  const node = /^node:(\d+):(\d+)$/.exec(text);
  if (node !== null) return { kind: "node", node: Number(node[1]), offset: Number(node[2]) };
  const tree = /^tree:(\d+)$/.exec(text);
  if (tree !== null) return { kind: "tree", offset: Number(tree[1]) };
  throw new KernelLogError(`bad place "${text}" in "${line}"`);
}

function source(f: Fields, line: string): SourcePlace {
  const at = need(f, "at", line);
  const colon = at.lastIndexOf(":");
  return { func: at.slice(0, colon), line: Number(at.slice(colon + 1)), via: f.get("via") ?? "?" };
}

function stamp(f: Fields): Stamp {
  const s: Stamp = {};
  if (f.has("block")) s.block = Number(f.get("block"));
  if (f.has("seg")) s.segment = Number(f.get("seg"));
  return s;
}

function event(kind: string, f: Fields, line: string): KernelEvent {
  switch (kind) {
    case "store":
    case "load": {
      const common = {
        place: place(need(f, "place", line), line),
        size: num(f, "size", line),
        class: need(f, "class", line) as AccessClass,
        ...(f.has("order") && { order: f.get("order") as MemoryOrder }),
        at: source(f, line),
        ...stamp(f),
      };
      return kind === "store"
        ? {
            kind,
            ...common,
            old: big(f, "old", line),
            value: big(f, "new", line),
            ...(f.has("word") && { word: big(f, "word", line) }),
          }
        : { kind, ...common, value: big(f, "value", line) };
    }
    case "fence":
      return {
        kind,
        fence: need(f, "kind", line) as "wmb" | "rmb" | "mb",
        at: source(f, line),
        ...stamp(f),
      };
    case "alloc":
    case "free":
      return { kind, node: num(f, "node", line), at: source(f, line), ...stamp(f) };
    case "call-rcu":
      return {
        kind,
        segment: num(f, "seg", line),
        node: num(f, "node", line),
        fn: need(f, "fn", line),
        at: source(f, line),
      };
    case "grace-period":
      return { kind, segment: num(f, "seg", line) };
    case "block-begin":
      return {
        kind,
        block: num(f, "block", line),
        blockKind: need(f, "kind", line) as "memcpy" | "memset" | "memmove" | "poison",
        place: place(need(f, "place", line), line),
        bytes: num(f, "bytes", line),
        at: source(f, line),
        ...(f.has("seg") && { segment: Number(f.get("seg")) }),
      };
    case "block-end":
      return { kind, block: num(f, "block", line) };
    case "rcu-lock":
    case "rcu-unlock":
      return { kind, at: source(f, line), ...stamp(f) };
    case "op-begin":
      return { kind, op: num(f, "op", line) };
    case "op-end":
      return { kind, op: num(f, "op", line), result: need(f, "result", line) };
    default:
      throw new KernelLogError(`unknown event "${line}"`);
  }
}

/** Parses the lines from `arena ...` to `end ...` (both included). */
export function parseKernelLog(lines: readonly string[]): KernelWriterLog {
  const first = lines[0] ?? "";
  if (!first.startsWith("arena "))
    throw new KernelLogError(`expected the arena line, got "${first}"`);
  const a = fieldsOf(first);
  const layout: ArenaLayout = {
    base: big(a, "base", first),
    nodes: big(a, "nodes", first),
    nodeSize: num(a, "node-size", first),
    rootOffset: num(a, "root-offset", first),
    flagsOffset: num(a, "flags-offset", first),
  };
  const events: KernelEvent[] = [];
  const nodes = new Map<number, KernelNodeInfo>();
  for (const line of lines.slice(1)) {
    const space = line.indexOf(" ");
    const kind = space < 0 ? line : line.slice(0, space);
    const f = fieldsOf(line);
    if (kind === "node") {
      nodes.set(num(f, "index", line), {
        type: need(f, "type", line) as NodeTypeName,
        in: need(f, "in", line) as KernelNodeInfo["in"],
      });
    } else if (kind === "end") {
      return {
        layout,
        events,
        nodes,
        ops: num(f, "ops", line),
        stores: num(f, "stores", line),
        recordMicros: Number(need(f, "record-us", line)),
        rangeWrites: Number(f.get("range-writes") ?? 0),
      };
    } else {
      events.push(event(kind, f, line));
    }
  }
  throw new KernelLogError("no end line");
}
