/**
 * The whole-tree write API (mtree_*): argument checks, then the maple-state operation under
 * the tree lock. Each call ends with the grace period of the tree's RCU domain.
 */
import { EINVAL, MT_FLAGS_USE_RCU } from "../constants.js";
import { isAdvancedEntry, type MaybeEntry } from "../entry.js";
import { MaState } from "../ma-state.js";
import { isNode } from "../node.js";
import { readRoot, writeRoot } from "../node-access.js";
import type { MapleTree } from "../tree.js";
import type { Index } from "../u64.js";
import { mteDestroyWalk } from "./destroy-walk.js";
import {
  masDestroy,
  masEraseLocked,
  masInsertLocked,
  masNomem,
  masStoreGfpLocked,
} from "./mas-store.js";

/** mtree_store_range: 0, or -EINVAL for an advanced entry or first > last. */
export function mtreeStoreRange(
  tree: MapleTree,
  first: Index,
  last: Index,
  entry: MaybeEntry,
): number {
  if (isAdvancedEntry(entry)) return EINVAL;
  if (first > last) return EINVAL;
  const mas = new MaState(tree, first, last);
  const ret = masStoreGfpLocked(mas, entry);
  tree.rcu.quiesce();
  return ret;
}

/** mtree_insert_range: 0, -EEXIST if anything (XA_ZERO_ENTRY included) is in range, -EINVAL. */
export function mtreeInsertRange(
  tree: MapleTree,
  first: Index,
  last: Index,
  entry: MaybeEntry,
): number {
  if (isAdvancedEntry(entry)) return EINVAL;
  if (first > last) return EINVAL;
  const mas = new MaState(tree, first, last);
  do masInsertLocked(mas, entry);
  while (masNomem(mas));
  const ret = mas.isErr() ? mas.error : 0;
  masDestroy(mas);
  tree.rcu.quiesce();
  return ret;
}

/** mtree_erase: the entry that held index (its whole range is erased), or null. */
export function mtreeErase(tree: MapleTree, index: Index): MaybeEntry {
  const mas = new MaState(tree, index, index);
  const entry = masEraseLocked(mas);
  tree.rcu.quiesce();
  return entry;
}

/** __mt_destroy: detach the root, destroy every node, keep only the attribute flags. */
export function mtDestroyLocked(tree: MapleTree): void {
  const root = readRoot(tree);
  writeRoot(tree, null);
  if (isNode(root)) mteDestroyWalk(tree, root);
  tree.flags = tree.attr;
}

/** mtree_destroy */
export function mtreeDestroy(tree: MapleTree): void {
  mtDestroyLocked(tree);
  tree.rcu.quiesce();
}

/** mt_set_in_rcu */
export function mtSetInRcu(tree: MapleTree): void {
  tree.flags |= MT_FLAGS_USE_RCU;
}

/** mt_clear_in_rcu */
export function mtClearInRcu(tree: MapleTree): void {
  tree.flags &= ~MT_FLAGS_USE_RCU;
}
