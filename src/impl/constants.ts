/** Kernel enums and flags of the maple tree (include/linux/maple_tree.h, Linux 6.12). */

/** enum maple_type: the numeric values are the kernel's (they are encoded in node pointers). */
export enum NodeType {
  dense = 0,
  leaf64 = 1,
  range64 = 2,
  arange64 = 3,
}

export const NODE_TYPE_NAMES = ["dense", "leaf", "range", "arange"] as const;

/** enum store_type, in the kernel's order. */
export enum StoreType {
  invalid = 0,
  newRoot = 1,
  storeRoot = 2,
  exactFit = 3,
  spanningStore = 4,
  splitStore = 5,
  rebalance = 6,
  append = 7,
  nodeStore = 8,
  slotStore = 9,
}

export const STORE_TYPE_NAMES = [
  "wr_invalid",
  "wr_new_root",
  "wr_store_root",
  "wr_exact_fit",
  "wr_spanning_store",
  "wr_split_store",
  "wr_rebalance",
  "wr_append",
  "wr_node_store",
  "wr_slot_store",
] as const;

/** enum maple_status, in the kernel's order. */
export enum MaStatus {
  active = 0,
  start = 1,
  root = 2,
  none = 3,
  pause = 4,
  overflow = 5,
  underflow = 6,
  error = 7,
}

export const MA_STATUS_NAMES = [
  "active",
  "start",
  "root",
  "none",
  "pause",
  "overflow",
  "underflow",
  "error",
] as const;

/** Tree flags (mt->ma_flags). */
export const MT_FLAGS_ALLOC_RANGE = 0x01;
export const MT_FLAGS_USE_RCU = 0x02;
export const MT_FLAGS_HEIGHT_OFFSET = 0x02;
export const MT_FLAGS_HEIGHT_MASK = 0x7c;
export const MT_FLAGS_LOCK_EXTERN = 0x300;
export const MT_FLAGS_ALLOC_WRAPPED = 0x0800;

/** ma_state flags. */
export const MA_STATE_BULK = 1;
export const MA_STATE_REBALANCE = 2;
export const MA_STATE_PREALLOC = 4;

/** "No slot": the offset a maple state holds when no node is involved. */
export const MAPLE_NODE_SLOTS = 31;
export const MAPLE_HEIGHT_MAX = 31;
export const MAPLE_RESERVED_RANGE = 4096n;

/** Errors are returned as negative errno values, exactly as the kernel returns them. */
export const EINVAL = -22;
export const EEXIST = -17;
export const EBUSY = -16;
export const ENOMEM = -12;
export const ENOENT = -2;
export const ERANGE = -34;

export const ERRNO_NAMES: Readonly<Record<number, string>> = {
  [EINVAL]: "-EINVAL",
  [EEXIST]: "-EEXIST",
  [EBUSY]: "-EBUSY",
  [ENOMEM]: "-ENOMEM",
  [ENOENT]: "-ENOENT",
  [ERANGE]: "-ERANGE",
};
