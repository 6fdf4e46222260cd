/**
 * The analysis half of a write: where it starts from (mas_wr_prealloc_setup) and which store
 * type does it (mas_wr_store_type). The order of the tests is the kernel's and decides which
 * writes modify a live node in place.
 */
import { MA_STATE_BULK, MaStatus, StoreType } from "../constants.js";
import { FAULTS } from "../faults.js";
import { isLeafType, type MapleNode } from "../node.js";
import { isRootNode, masStart } from "../node-access.js";
import { ULONG_MAX } from "../u64.js";
import { masWrEndPiv, masWrExtendNull, masWrNewEnd } from "./leaf-analysis.js";
import type { MaWrState } from "./wr-state.js";
import { masWrWalk } from "./wr-walk.js";

/**
 * mas_wr_prealloc_setup: an active state whose node still contains the write continues from
 * there; anything else restarts from the root. A NULL write reaching a leaf's max restarts too,
 * since it may span into the next leaf.
 */
export function masWrPreallocSetup(wrMas: MaWrState): void {
  const mas = wrMas.mas;
  let reset = false;
  if (mas.status !== MaStatus.active) {
    if (mas.status !== MaStatus.start) {
      reset =
        (mas.status === MaStatus.pause &&
          !mas.tree.hasFault(FAULTS.plantedPausedStoreNoRewalk) &&
          !mas.tree.hasFault(FAULTS.storeSetupIgnoresPause)) ||
        mas.status === MaStatus.none ||
        mas.status === MaStatus.overflow ||
        mas.status === MaStatus.underflow;
      if (!reset) reset = mustRestart(wrMas);
    }
  } else {
    reset = mustRestart(wrMas);
  }
  if (reset) mas.reset();
  wrMas.content = masStart(mas);
}

/** The state's node cannot take the write: restart from the root. */
function mustRestart(wrMas: MaWrState): boolean {
  const mas = wrMas.mas;
  if (mas.last > mas.max) return true;
  if (wrMas.entry !== null) return false;
  // mte_is_leaf: a state in ma_root has no node, which decodes as a (dense) leaf; an error
  // state's node decodes as an internal type.
  const leaf = mas.node !== null ? isLeafType(mas.node.type) : mas.status !== MaStatus.error;
  return leaf && mas.last === mas.max;
}

/**
 * Record the decision where the kernel keeps it. The observer hears of it when the store is
 * carried out (mas_wr_store_entry): an analysis whose preallocation failed is redone.
 */
function setStoreType(wrMas: MaWrState, type: StoreType): void {
  wrMas.mas.storeType = type;
}

/** mas_wr_store_type */
export function masWrStoreType(wrMas: MaWrState): void {
  setStoreType(wrMas, chooseStoreType(wrMas));
}

function chooseStoreType(wrMas: MaWrState): StoreType {
  const mas = wrMas.mas;
  const tree = mas.tree;
  if (mas.status === MaStatus.none || mas.status === MaStatus.root) return StoreType.storeRoot;
  if (!masWrWalk(wrMas)) return StoreType.spanningStore;

  // mas is at the leaf to change.
  masWrEndPiv(wrMas);
  if (wrMas.entry === null) masWrExtendNull(wrMas);
  const newEnd = masWrNewEnd(wrMas);
  if (wrMas.rMin === mas.index && wrMas.rMax === mas.last) return StoreType.exactFit;
  if (mas.index === 0n && mas.last === ULONG_MAX) return StoreType.newRoot;

  const layout = (mas.node as MapleNode).layout;
  const bulk = (mas.masFlags & MA_STATE_BULK) !== 0;
  // Under-filled result: collapse into a neighbour unless this is the root.
  if (newEnd < layout.minSlots) {
    if (!isRootNode(tree.mem, mas.node as MapleNode) && !bulk) return StoreType.rebalance;
    return StoreType.nodeStore;
  }
  if (newEnd >= layout.slots) return StoreType.splitStore;

  const inRcu = tree.inRcu;
  if ((!inRcu || tree.hasFault(FAULTS.appendInRcu)) && mas.offset === mas.end)
    return StoreType.append;
  if (newEnd === mas.end && (!inRcu || wrMas.offsetEnd - mas.offset === 1))
    return StoreType.slotStore;
  if (isRootNode(tree.mem, mas.node as MapleNode) || newEnd >= layout.minSlots || bulk)
    return StoreType.nodeStore;
  return StoreType.invalid;
}
