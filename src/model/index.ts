/** The reference model: a maple tree as an immutable map of ranges (see README.md). */
export * as cursor from "./cursor.js";
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
