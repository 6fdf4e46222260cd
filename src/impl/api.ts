/**
 * The maple tree API callers use (include/linux/maple_tree.h): the kernel's free functions on a
 * MapleTree (mtree_*, mt_*) or a MaState (mas_*). The two state classes know no algorithm;
 * this module is where state and algorithms meet, so read/ and write/ depend on the state and
 * nothing in src/impl depends on this module.
 */
export {
  type AllocResult,
  type CyclicResult,
  type FindResult,
  masEmptyArea,
  masEmptyAreaRev,
  masFind,
  masFindRange,
  masFindRangeRev,
  masFindRev,
  masNext,
  masNextRange,
  masPrev,
  masPrevRange,
  masWalk,
  mtFind,
  mtreeAllocCyclic,
  mtreeAllocRange,
  mtreeAllocRrange,
  mtreeLoad,
  mtValidate,
} from "./read/api.js";
export {
  masErase,
  masStoreGfp,
  mtClearInRcu,
  mtreeDestroy,
  mtreeErase,
  mtreeInsertRange,
  mtreeStoreRange,
  mtSetInRcu,
} from "./write/api.js";
