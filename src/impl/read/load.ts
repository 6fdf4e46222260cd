/** mtree_load and mt_find: whole-tree lookups made as RCU readers. */
import { MaStatus } from "../constants.js";
import { type Entry, isZeroEntry, type MaybeEntry } from "../entry.js";
import { MaState } from "../ma-state.js";
import { isNode } from "../node.js";
import { readRoot, rootDeadAtStart } from "../node-access.js";
import type { MapleTree } from "../tree.js";
import { type Index, inc64 } from "../u64.js";
import { statusOf } from "./cursor-node.js";
import { masNextEntry } from "./next.js";
import { asEntry, DEAD_NODE_MET, lookupFrom, masStateWalk } from "./walk.js";

/** Result of mt_find: the entry and the index mt_find leaves behind (last + 1, wrapping). */
export interface FindResult {
  entry: Entry;
  next: Index;
}

/**
 * mtree_load: the entry at index; XA_ZERO_ENTRY reads as NULL. Retries on dead nodes.
 * The kernel's MA_STATE lives on the stack; here a state object would be an allocation per
 * lookup, so mas_start and mtree_lookup_walk run on locals, with the same word reads in the
 * same order.
 */
export function mtreeLoadImpl(tree: MapleTree, index: Index): MaybeEntry {
  const mem = tree.mem;
  for (;;) {
    // mas_start
    const root = readRoot(tree);
    if (isNode(root)) {
      if (rootDeadAtStart(tree, root)) continue;
      const entry = lookupFrom(mem, root, index);
      if (entry === DEAD_NODE_MET) continue;
      return isZeroEntry(entry) ? null : entry;
    }
    // An empty tree, or a single entry in the root pointer, which only index 0 sees.
    if (root === null || index > 0n) return null;
    return isZeroEntry(root) ? null : asEntry(root);
  }
}

/**
 * mt_find: the first entry in [index, max] (XA_ZERO_ENTRY skipped), with the index a caller
 * continues from (last + 1, 0 after ULONG_MAX); null when there is none.
 */
export function mtFindImpl(tree: MapleTree, index: Index, max: Index): FindResult | null {
  if (index > max) return null;
  const mas = new MaState(tree, index, index);
  let entry: MaybeEntry;
  do entry = masStateWalk(mas);
  while (statusOf(mas) === MaStatus.start);
  if (isZeroEntry(entry)) entry = null;
  if (entry === null) {
    while (statusOf(mas) === MaStatus.active && mas.last < max) {
      entry = masNextEntry(mas, max, { index, find: true });
      if (entry !== null && !isZeroEntry(entry)) break;
    }
    if (isZeroEntry(entry)) entry = null;
  }
  if (entry === null) return null;
  return { entry, next: inc64(mas.last) };
}
