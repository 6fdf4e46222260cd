/** The read side of the tree: lookups, cursor iteration, gap search, allocation and validation. */
import type { Entry, MaybeEntry } from "../entry.js";
import type { MaState } from "../ma-state.js";
import type { AllocResult, CyclicResult, FindResult, MapleTree } from "../tree.js";
import type { Index } from "../u64.js";
import { mtValidateImpl } from "../validate/mt-validate.js";
import type { Violation } from "../validate/violation.js";
import { mtreeAllocCyclicImpl, mtreeAllocRangeImpl, mtreeAllocRrangeImpl } from "./alloc.js";
import { masEmptyAreaImpl, masEmptyAreaRevImpl } from "./empty-area.js";
import { masFindImpl, masFindRangeImpl, masFindRangeRevImpl, masFindRevImpl } from "./find.js";
import { mtFindImpl, mtreeLoadImpl } from "./load.js";
import { masNextImpl, masNextRangeImpl } from "./next.js";
import { masPrevImpl, masPrevRangeImpl } from "./prev.js";
import { masWalkImpl } from "./walk.js";

export { kernelViolations, mtValidateImpl } from "../validate/mt-validate.js";
export { type KernelViolation, violationKey } from "../validate/report.js";
export { masAllocCyclic } from "./alloc.js";
export { masAnodeDescend, masAwalk, masSkipNode } from "./awalk.js";
export { NullNodeError } from "./cursor-node.js";
export { masNextEntry, masNextNode, masNextSlot } from "./next.js";
export { masPrevNode, masPrevSlot } from "./prev.js";
export { masRevAwalk, masRewindNode } from "./rev-awalk.js";
export { masDescend, masRewalk, masStateWalk, mtreeLookupWalk, mtreeRangeWalk } from "./walk.js";

export function mtreeLoad(t: MapleTree, index: Index): MaybeEntry {
  return mtreeLoadImpl(t, index);
}
export function mtFind(t: MapleTree, index: Index, max: Index): FindResult | null {
  return mtFindImpl(t, index, max);
}
export function mtreeAllocRange(
  t: MapleTree,
  size: Index,
  min: Index,
  max: Index,
  e: Entry,
): AllocResult {
  return mtreeAllocRangeImpl(t, size, min, max, e);
}
export function mtreeAllocRrange(
  t: MapleTree,
  size: Index,
  min: Index,
  max: Index,
  e: Entry,
): AllocResult {
  return mtreeAllocRrangeImpl(t, size, min, max, e);
}
export function mtreeAllocCyclic(
  t: MapleTree,
  e: Entry,
  min: Index,
  max: Index,
  next: Index,
): CyclicResult {
  return mtreeAllocCyclicImpl(t, e, min, max, next);
}
export function mtValidate(t: MapleTree): Violation[] {
  return mtValidateImpl(t);
}
export function masWalk(m: MaState): MaybeEntry {
  return masWalkImpl(m);
}
export function masNext(m: MaState, max: Index): MaybeEntry {
  return masNextImpl(m, max);
}
export function masPrev(m: MaState, min: Index): MaybeEntry {
  return masPrevImpl(m, min);
}
export function masNextRange(m: MaState, max: Index): MaybeEntry {
  return masNextRangeImpl(m, max);
}
export function masPrevRange(m: MaState, min: Index): MaybeEntry {
  return masPrevRangeImpl(m, min);
}
export function masFind(m: MaState, max: Index): MaybeEntry {
  return masFindImpl(m, max);
}
export function masFindRev(m: MaState, min: Index): MaybeEntry {
  return masFindRevImpl(m, min);
}
export function masFindRange(m: MaState, max: Index): MaybeEntry {
  return masFindRangeImpl(m, max);
}
export function masFindRangeRev(m: MaState, min: Index): MaybeEntry {
  return masFindRangeRevImpl(m, min);
}
export function masEmptyArea(m: MaState, min: Index, max: Index, size: Index): number {
  return masEmptyAreaImpl(m, min, max, size);
}
export function masEmptyAreaRev(m: MaState, min: Index, max: Index, size: Index): number {
  return masEmptyAreaRevImpl(m, min, max, size);
}
