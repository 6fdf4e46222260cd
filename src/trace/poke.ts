/**
 * `poke`: overwrite one word of one node behind the tree's back, so that a trace can hand the
 * validator a tree that no write path made. The node is found by a plain descent (the pivots
 * and slots as they stand, no tree logic) and written through the node-word memory layer, as
 * the C runner writes the kernel's node fields.
 */
import { EINVAL, NodeType } from "../impl/constants.js";
import type { MaybeEntry } from "../impl/entry.js";
import { PARENT_WORD } from "../impl/geometry.js";
import { isNode, type MapleNode, Meta } from "../impl/node.js";
import {
  dataEnd,
  readMetaEnd,
  readMetaGap,
  readParentWord,
  readPivot,
  readRoot,
  readSlot,
  writeGap,
  writePivot,
  writeSlot,
} from "../impl/node-access.js";
import type { MapleTree } from "../impl/tree.js";
import { type Index, ULONG_MAX } from "../impl/u64.js";
import type { PokeWord } from "./ops.js";

/** The node at `depth` (0: the root node) on the way to `index`, or null when there is none. */
function nodeOnPath(tree: MapleTree, index: Index, depth: Index): MapleNode | null {
  const mem = tree.mem;
  let w = readRoot(tree);
  let max = ULONG_MAX;
  for (let d = 0n; ; d++) {
    if (!isNode(w)) return null;
    const n = w;
    if (d === depth) return n;
    if (n.type === NodeType.leaf64) return null;
    const end = dataEnd(mem, n, max);
    let offset = 0;
    while (offset < end && index > readPivot(mem, n, offset)) offset++;
    // mas_safe_pivot: past the last pivot the bound is the parent's.
    if (offset < n.layout.pivots) max = readPivot(mem, n, offset);
    w = readSlot(mem, n, offset);
  }
}

/** Runs `poke`; 0 or -EINVAL (no node at that depth, or no such word in it). */
export function poke(
  tree: MapleTree,
  index: Index,
  depth: Index,
  word: PokeWord,
  value: MaybeEntry,
): number {
  const n = nodeOnPath(tree, index, depth);
  if (n === null) return EINVAL;
  const mem = tree.mem;
  const l = n.layout;
  switch (word.field) {
    case "parent": {
      // A root node's parent word names the tree; a dead root would end every walk.
      if (depth === 0n) return EINVAL;
      if (word.self) {
        mem.write(n, PARENT_WORD, n);
        return 0;
      }
      const from = nodeOnPath(tree, value as Index, depth);
      if (from === null) return EINVAL;
      mem.write(n, PARENT_WORD, readParentWord(mem, from));
      return 0;
    }
    case "pivot":
      if (word.pos >= l.pivots) return EINVAL;
      writePivot(mem, n, word.pos, value as Index);
      return 0;
    case "slot":
      if (word.pos >= l.slots) return EINVAL;
      writeSlot(mem, n, word.pos, value);
      return 0;
    case "gap":
      if (l.gapBase < 0 || word.pos >= l.slots) return EINVAL;
      writeGap(mem, n, word.pos, value as Index);
      return 0;
    default: {
      // The metadata of a range node overlays its last slot: only when the last pivot is 0
      // (ma_data_end reads the metadata then) is that slot free to hold it.
      if (n.type !== NodeType.arange64 && readPivot(mem, n, l.pivots - 1) !== 0n) return EINVAL;
      const byte = Number(value as Index);
      const end = word.field === "end" ? byte : readMetaEnd(mem, n);
      const gap = word.field === "metagap" ? byte : readMetaGap(mem, n);
      mem.write(n, l.metaWord, Meta.of(end, gap));
      return 0;
    }
  }
}
