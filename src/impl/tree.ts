import {
  MT_FLAGS_ALLOC_RANGE,
  MT_FLAGS_HEIGHT_MASK,
  MT_FLAGS_HEIGHT_OFFSET,
  MT_FLAGS_USE_RCU,
  NodeType,
} from "./constants.js";
import type { Entry, MaybeEntry } from "./entry.js";
import type { Fault } from "./faults.js";
import { type Geometry, KERNEL_GEOMETRY, type Layouts, layoutsFor } from "./geometry.js";
import {
  DIRECT_MEMORY,
  type NodeMemory,
  type RcuDomain,
  type RootCell,
  synchronousRcu,
  type TreeObserver,
} from "./memory.js";
import * as read from "./read/api.js";
import type { Index } from "./u64.js";
import type { Violation } from "./validate/violation.js";
import * as write from "./write/api.js";

export interface TreeOptions {
  /** MT_FLAGS_ALLOC_RANGE and/or MT_FLAGS_USE_RCU, as given to mt_init_flags. */
  flags?: number;
  geometry?: Geometry;
  memory?: NodeMemory;
  observer?: TreeObserver;
  rcu?: RcuDomain;
  /** Named faults switched on for this tree only (see faults.ts). */
  faults?: Iterable<Fault>;
  /**
   * Refuse the first, non-blocking node allocation of every write, as the kernel's userspace
   * harness (and so the oracle) does; writes then take the kernel's -ENOMEM retry paths.
   */
  nowaitAllocFails?: boolean;
}

/** Result of mt_find: the entry and the index mt_find leaves behind (last + 1, wrapping). */
export interface FindResult {
  entry: Entry;
  next: Index;
}

/** Result of an allocation (mtree_alloc_range / _rrange): 0 and the start, or -errno. */
export interface AllocResult {
  ret: number;
  start: Index;
}

/** Result of mtree_alloc_cyclic: ret is 0, 1 (wrapped) or -errno; next is the updated cursor. */
export interface CyclicResult {
  ret: number;
  start: Index;
  next: Index;
}

/**
 * struct maple_tree: the root pointer, the flags (with the height in bits 2-6), and the
 * environment every operation runs in (memory, observer, grace periods, faults).
 */
export class MapleTree {
  readonly geometry: Geometry;
  readonly layouts: Layouts;
  readonly rootCell: RootCell = { value: null };
  flags: number;
  mem: NodeMemory;
  observer: TreeObserver;
  rcu: RcuDomain;
  readonly faults: ReadonlySet<Fault>;
  readonly nowaitAllocFails: boolean;
  /** Nodes allocated so far: the next node's id is one more. */
  nodesAllocated = 0;

  constructor(options: TreeOptions = {}) {
    this.geometry = options.geometry ?? KERNEL_GEOMETRY;
    this.layouts = layoutsFor(this.geometry);
    this.flags = (options.flags ?? 0) & (MT_FLAGS_ALLOC_RANGE | MT_FLAGS_USE_RCU);
    this.mem = options.memory ?? DIRECT_MEMORY;
    this.observer = options.observer ?? {};
    this.rcu = options.rcu ?? synchronousRcu();
    this.faults = new Set(options.faults ?? []);
    this.nowaitAllocFails = options.nowaitAllocFails ?? false;
  }

  /** mt_in_rcu */
  get inRcu(): boolean {
    return (this.flags & MT_FLAGS_USE_RCU) !== 0;
  }

  /** mt_is_alloc: internal nodes are arange_64 with gap tracking. */
  get isAlloc(): boolean {
    return (this.flags & MT_FLAGS_ALLOC_RANGE) !== 0;
  }

  /** mt_height */
  get height(): number {
    return (this.flags & MT_FLAGS_HEIGHT_MASK) >>> MT_FLAGS_HEIGHT_OFFSET;
  }

  set height(h: number) {
    this.flags = (this.flags & ~MT_FLAGS_HEIGHT_MASK) | (h << MT_FLAGS_HEIGHT_OFFSET);
  }

  /** mt_attr: the flags without the height. */
  get attr(): number {
    return this.flags & ~MT_FLAGS_HEIGHT_MASK;
  }

  /** Type of internal nodes in this tree (mt_node_max / ma_is_alloc). */
  get internalType(): NodeType {
    return this.isAlloc ? NodeType.arange64 : NodeType.range64;
  }

  hasFault(fault: Fault): boolean {
    return this.faults.size > 0 && this.faults.has(fault);
  }

  /** mtree_empty: whether ma_root is NULL (read without going through the memory hooks). */
  isEmpty(): boolean {
    return this.rootCell.value === null;
  }

  // ---- whole-tree API (mtree_*), each taking the tree lock in the kernel ----

  load(index: Index): MaybeEntry {
    return read.mtreeLoad(this, index);
  }
  store(first: Index, last: Index, entry: MaybeEntry): number {
    return write.mtreeStoreRange(this, first, last, entry);
  }
  insert(first: Index, last: Index, entry: MaybeEntry): number {
    return write.mtreeInsertRange(this, first, last, entry);
  }
  erase(index: Index): MaybeEntry {
    return write.mtreeErase(this, index);
  }
  find(index: Index, max: Index): FindResult | null {
    return read.mtFind(this, index, max);
  }
  allocRange(size: Index, min: Index, max: Index, entry: Entry): AllocResult {
    return read.mtreeAllocRange(this, size, min, max, entry);
  }
  allocRrange(size: Index, min: Index, max: Index, entry: Entry): AllocResult {
    return read.mtreeAllocRrange(this, size, min, max, entry);
  }
  allocCyclic(entry: Entry, min: Index, max: Index, next: Index): CyclicResult {
    return read.mtreeAllocCyclic(this, entry, min, max, next);
  }
  setInRcu(): void {
    write.mtSetInRcu(this);
  }
  clearInRcu(): void {
    write.mtClearInRcu(this);
  }
  destroy(): void {
    write.mtreeDestroy(this);
  }
  /** mt_validate: every invariant the kernel checks, as named violations (never throws). */
  validate(): Violation[] {
    return read.mtValidate(this);
  }
}
