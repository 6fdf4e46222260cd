import { MAPLE_NODE_SLOTS, MaStatus, StoreType } from "./constants.js";
import type { MapleNode } from "./node.js";
import type { MapleTree } from "./tree.js";
import { type Index, ULONG_MAX } from "./u64.js";

/**
 * struct ma_state: the maple state, a cursor into the tree. Field names are the kernel's.
 * The kernel keeps an errno in `node` when status is ma_error; here it is in `error`.
 * Plain state: the operations on it (mas_walk, mas_find, mas_store_gfp, ...) are free
 * functions in read/ and write/, gathered in api.ts, so that they depend on it and not back.
 */
export class MaState {
  index: Index;
  last: Index;
  node: MapleNode | null = null;
  min: Index = 0n;
  max: Index = ULONG_MAX;
  status: MaStatus = MaStatus.start;
  depth = 0;
  offset = 0;
  end = 0;
  /** ma_state flags: MA_STATE_BULK, MA_STATE_REBALANCE, MA_STATE_PREALLOC. */
  masFlags = 0;
  storeType: StoreType = StoreType.invalid;
  /** The errno when status is ma_error (MA_ERROR(err) in the kernel), else 0. */
  error = 0;
  /** mas_allocated: nodes preallocated for the current write. */
  allocated = 0;

  constructor(
    readonly tree: MapleTree,
    index: Index = 0n,
    last: Index = index,
  ) {
    this.index = index;
    this.last = last;
  }

  /** Back to the state the constructor makes (MA_STATE(name, tree, index, last) again). */
  reinit(index: Index, last: Index): void {
    this.index = index;
    this.last = last;
    this.node = null;
    this.min = 0n;
    this.max = ULONG_MAX;
    this.status = MaStatus.start;
    this.depth = 0;
    this.offset = 0;
    this.end = 0;
    this.masFlags = 0;
    this.storeType = StoreType.invalid;
    this.error = 0;
    this.allocated = 0;
  }

  /** A copy of this state (struct assignment in C: `MA_STATE(l_mas...) ; l_mas = *mas`). */
  clone(): MaState {
    const c = new MaState(this.tree, this.index, this.last);
    c.copyFrom(this);
    return c;
  }

  copyFrom(o: MaState): void {
    this.index = o.index;
    this.last = o.last;
    this.node = o.node;
    this.min = o.min;
    this.max = o.max;
    this.status = o.status;
    this.depth = o.depth;
    this.offset = o.offset;
    this.end = o.end;
    this.masFlags = o.masFlags;
    this.storeType = o.storeType;
    this.error = o.error;
    this.allocated = o.allocated;
  }

  /** mas_reset */
  reset(): void {
    this.status = MaStatus.start;
    this.node = null;
  }

  /** mas_set */
  set(index: Index): void {
    this.setRange(index, index);
  }

  /** mas_set_range */
  setRange(first: Index, last: Index): void {
    this.index = first;
    this.last = last;
    this.reset();
  }

  /** mas_pause: the node may go stale; the next iteration restarts from last + 1 / index - 1. */
  pause(): void {
    this.status = MaStatus.pause;
    this.node = null;
  }

  /** mas_set_err */
  setErr(err: number): void {
    this.error = err;
    this.node = null;
    this.status = MaStatus.error;
  }

  isActive(): boolean {
    return this.status === MaStatus.active;
  }
  isStart(): boolean {
    return this.status === MaStatus.start;
  }
  isNone(): boolean {
    return this.status === MaStatus.none;
  }
  isPtr(): boolean {
    return this.status === MaStatus.root;
  }
  isPaused(): boolean {
    return this.status === MaStatus.pause;
  }
  isErr(): boolean {
    return this.status === MaStatus.error;
  }
  isOverflow(): boolean {
    return this.status === MaStatus.overflow;
  }
  isUnderflow(): boolean {
    return this.status === MaStatus.underflow;
  }
  /** offset == MAPLE_NODE_SLOTS: no node slot is involved (root entry or none). */
  hasNoSlot(): boolean {
    return this.offset === MAPLE_NODE_SLOTS;
  }
}
