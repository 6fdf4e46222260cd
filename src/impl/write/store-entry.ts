/** mas_wr_store_entry: carry out the store type chosen by mas_wr_store_type. */
import { STORE_TYPE_NAMES, StoreType } from "../constants.js";
import { masWrAppend } from "./append.js";
import { masWrBnode, masWrSpanningStore } from "./big-node-store.js";
import { masWrNewEnd } from "./leaf-analysis.js";
import { masWrNodeStore } from "./node-store.js";
import { masNewRoot, masStoreRoot } from "./root.js";
import { masWrExactFit, masWrSlotStore } from "./slot-store.js";
import type { MaWrState } from "./wr-state.js";

export function masWrStoreEntry(wrMas: MaWrState): void {
  const mas = wrMas.mas;
  const newEnd = masWrNewEnd(wrMas);
  mas.tree.observer.storeType?.(mas.storeType);
  switch (mas.storeType) {
    case StoreType.invalid:
      throw new Error(
        `mas_wr_store_entry: ${STORE_TYPE_NAMES[StoreType.invalid]} for [${mas.index}, ${mas.last}]`,
      );
    case StoreType.newRoot:
      masNewRoot(mas, wrMas.entry);
      break;
    case StoreType.storeRoot:
      masStoreRoot(mas, wrMas.entry);
      break;
    case StoreType.exactFit:
      masWrExactFit(wrMas);
      break;
    case StoreType.append:
      masWrAppend(wrMas, newEnd);
      break;
    case StoreType.slotStore:
      masWrSlotStore(wrMas);
      break;
    case StoreType.nodeStore:
      masWrNodeStore(wrMas, newEnd);
      break;
    case StoreType.spanningStore:
      masWrSpanningStore(wrMas);
      break;
    case StoreType.splitStore:
    case StoreType.rebalance:
      masWrBnode(wrMas);
      break;
  }
}
