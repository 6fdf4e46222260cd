/** The reference model: a maple tree as an immutable map of ranges (see README.md). */
import type { MaybeEntry } from "../impl/entry.js";
import type { Index } from "../impl/u64.js";
import * as c from "./cursor.js";
import type { ModelState, Step } from "./state.js";

export * as ops from "./ops.js";
export { allRanges, type Range, type Span } from "./range-map.js";
export {
  type Cursor,
  initialModel,
  type ModelState,
  type RootForm,
  ranges,
  type Step,
} from "./state.js";

type Move = (s: ModelState, limit: Index) => Step<MaybeEntry>;

/** The cursor operations under their kernel names (mas_*), on the state's one cursor. */
export const mas = {
  walk: c.mwalk,
  next: ((s, max) => c.mnext(s, max)) as Move,
  nextRange: ((s, max) => c.mnext(s, max, true)) as Move,
  prev: ((s, min) => c.mprev(s, min)) as Move,
  prevRange: ((s, min) => c.mprev(s, min, true)) as Move,
  find: ((s, max) => c.mfind(s, max)) as Move,
  findRange: ((s, max) => c.mfind(s, max, true)) as Move,
  findRev: ((s, min) => c.mfindRev(s, min)) as Move,
  findRangeRev: ((s, min) => c.mfindRev(s, min, true)) as Move,
  pause: c.mpause,
  set: (s: ModelState, i: Index) => c.mset(s, i),
  setRange: c.mset,
  reset: c.mreset,
  store: c.mstore,
  erase: c.merase,
  emptyArea: (s: ModelState, min: Index, max: Index, size: Index) => c.mgap(s, min, max, size),
  emptyAreaRev: (s: ModelState, min: Index, max: Index, size: Index) =>
    c.mgap(s, min, max, size, true),
};
