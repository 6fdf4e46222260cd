import {
  MT_FLAGS_ALLOC_RANGE,
  MT_FLAGS_HEIGHT_MASK,
  MT_FLAGS_HEIGHT_OFFSET,
  MT_FLAGS_USE_RCU,
  NodeType,
} from "./constants.js";
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

/**
 * struct maple_tree: the root pointer, the flags (with the height in bits 2-6), and the
 * environment every operation runs in (memory, observer, grace periods, faults).
 * Plain state: the mtree_* operations are free functions in read/ and write/, gathered in
 * api.ts, so that they depend on it and not back.
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
  /** Nodes allocated and not yet freed (the harness's kmem_cache_nr_allocated). */
  nodesLive = 0;
  /** The write path's spare objects (write/write-spares.ts); opaque here. */
  writeSpares: object | null = null;

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
}
