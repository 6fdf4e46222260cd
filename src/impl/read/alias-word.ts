/**
 * Reads past a node's pivot array. The kernel's pivots are followed in memory by the slots
 * (and, in arange64 nodes, by the gaps and the metadata), so pivots[i] with i >= the pivot
 * count reads those words as a number. Only a state that does not fit its node does this
 * (a gap search continued from a used cursor); the number is what the kernel would see.
 */
import type { MaState } from "../ma-state.js";
import { isNode, type MapleNode, Meta, POISON_INDEX, Poison } from "../node.js";
import { readPivot, safeMin } from "../node-access.js";
import { type Index, inc64 } from "../u64.js";

/** A stand-in kernel address for a node pointer (direct map, 256-byte nodes, type bits). */
function nodeAddress(n: MapleNode): Index {
  return 0xffff888000000000n + BigInt(n.id) * 256n + BigInt((n.type << 3) | 4);
}

/** The word at pivots[i] as the kernel would read it, for any i inside the node. */
export function pivotAlias(mas: MaState, n: MapleNode, i: number): Index {
  const l = n.layout;
  if (i < l.pivots) return readPivot(mas.tree.mem, n, i);
  const word = l.pivotBase + i;
  const w = mas.tree.mem.read(n, word);
  if (typeof w === "bigint") {
    // Gap words hold numbers; slot words hold entries, and a value entry v reads as 2v + 1.
    const inSlots = word >= l.slotBase && word < l.slotBase + l.slots && word !== l.metaWord;
    return inSlots ? (2n * w + 1n) & ((1n << 64n) - 1n) : w;
  }
  if (w === null) return 0n;
  if (isNode(w)) return nodeAddress(w);
  if (w instanceof Meta) return BigInt(w.end | (w.gap << 8));
  if (w instanceof Poison) return POISON_INDEX;
  return 0xffff888000000001n; // some other kernel pointer
}

/** mas_safe_min for offsets that may run past the pivots. */
export function looseMin(mas: MaState, n: MapleNode, offset: number): Index {
  if (offset <= n.layout.pivots) return safeMin(mas, n, offset);
  return inc64(pivotAlias(mas, n, offset - 1));
}
