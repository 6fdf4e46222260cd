/**
 * The mm's maple tree, driven through the tree seam (src/backend) with protocol lines, so the
 * layer runs on the TypeScript tree and on any backend the checker has. Keys are byte
 * addresses; a VMA [start, end) in pages is stored at [start * PAGE_SIZE, end * PAGE_SIZE - 1].
 */
import { REFUSED, type TreeBackend, type TreeCheck, type TreeSession } from "../backend/backend.js";
import type { Geometry } from "../impl/geometry.js";
import { ULONG_MAX } from "../impl/u64.js";
import { type ArgToken, parseArgs } from "../trace/parse.js";

export const PAGE_SIZE = 4096n;

export function pageAddr(page: number): bigint {
  return BigInt(page) * PAGE_SIZE;
}

/** The page of a byte address (addresses the layer stores are page-aligned). */
export function addrPage(addr: bigint): number {
  return Number(addr / PAGE_SIZE);
}

/** Something the tree answered that the layer cannot go on from: a bug found. */
export class MmTreeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MmTreeError";
  }
}

/** One slot range as the tree answers it: the VMA id stored there, or null. */
export interface TreeRange {
  id: number | null;
  index: bigint;
  last: bigint;
}

function entryId(text: string): number | null {
  if (text === "null") return null;
  if (!/^\d+$/.test(text)) throw new MmTreeError(`tree holds ${text}, not a VMA id`);
  return Number(text);
}

export class VmaTree {
  private lineNo = 0;
  private readonly session: TreeSession;

  /** mt_init_flags: `flags` as the protocol's init spells them ("alloc|rcu", "0"). */
  constructor(backend: TreeBackend, geometry: Geometry, flags: number, flagsText: string) {
    this.session = backend.open({ flags, geometry, faults: [] });
    this.run("init", [flagsText]);
  }

  private run(name: string, args: readonly ArgToken[], check = false): string {
    const line = parseArgs(name, args, ++this.lineNo);
    const answer = this.session.run(line, line.text, check);
    if (answer === REFUSED || answer.startsWith("err ub") || answer === "crash")
      throw new MmTreeError(`\`${line.text}\` answered ${answer}`);
    return answer;
  }

  private expectOk(name: string, args: readonly ArgToken[]): void {
    const answer = this.run(name, args);
    if (answer !== "ok") throw new MmTreeError(`\`${name} ${args.join(" ")}\` answered ${answer}`);
  }

  /** mas_store_gfp of `id` (null: clear) over [first, last]. */
  store(first: bigint, last: bigint, id: number | null): void {
    this.expectOk("store", [first, last, id === null ? null : BigInt(id)]);
  }

  /** mas_walk: the range that holds `addr`. */
  walk(addr: bigint): TreeRange {
    const [e, i, l] = this.run("walk", [addr]).split(" ");
    return { id: entryId(e), index: BigInt(i), last: BigInt(l) };
  }

  /** mt_find: the first entry in [from, max]. */
  find(from: bigint, max: bigint = ULONG_MAX): TreeRange | null {
    const answer = this.run("find", [from, max]);
    if (answer === "null") return null;
    const [e, i, l] = answer.split(" ");
    return { id: entryId(e), index: BigInt(i), last: BigInt(l) };
  }

  /** mas_prev from `index` down to `min`: the entry before the range holding `index`. */
  prev(index: bigint, min = 0n): TreeRange | null {
    const answer = this.run("prev", [index, min]);
    if (answer === "null") return null;
    const [e, i, l] = answer.split(" ");
    return { id: entryId(e), index: BigInt(i), last: BigInt(l) };
  }

  /** mas_empty_area_rev: the highest `size` free indices in [min, max] (null: -EBUSY). */
  emptyAreaRev(min: bigint, max: bigint, size: bigint): { index: bigint; last: bigint } | null {
    const answer = this.run("rgap", [min, max, size]);
    if (answer.startsWith("err")) return null;
    const [i, l] = answer.split(" ");
    return { index: BigInt(i), last: BigInt(l) };
  }

  setInRcu(): void {
    this.expectOk("setrcu", []);
  }

  clearInRcu(): void {
    this.expectOk("clearrcu", []);
  }

  /** Whether the tree is in RCU mode now (MT_FLAGS_USE_RCU in ma_flags). */
  inRcu(): boolean {
    return (Number(this.run("flags", [])) & 2) !== 0;
  }

  /** __mt_destroy */
  destroy(): void {
    this.expectOk("destroy", []);
  }

  /** The tree's own validation and its ranges, after the last operation. */
  check(): TreeCheck {
    this.run("height", [], true);
    return this.session.lastCheck();
  }
}
