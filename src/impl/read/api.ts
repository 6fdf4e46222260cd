/** The read side of the tree: lookups, cursor iteration, gap search, allocation and validation. */
export {
  kernelViolations,
  mtValidateImpl as mtValidate,
  mtValidateImpl,
} from "../validate/mt-validate.js";
export { type KernelViolation, violationKey } from "../validate/report.js";
export {
  type AllocResult,
  type CyclicResult,
  masAllocCyclic,
  mtreeAllocCyclicImpl as mtreeAllocCyclic,
  mtreeAllocRangeImpl as mtreeAllocRange,
  mtreeAllocRrangeImpl as mtreeAllocRrange,
} from "./alloc.js";
export { masAnodeDescend, masAwalk, masSkipNode } from "./awalk.js";
export { NullNodeError } from "./cursor-node.js";
export {
  masEmptyAreaImpl as masEmptyArea,
  masEmptyAreaRevImpl as masEmptyAreaRev,
} from "./empty-area.js";
export {
  masFindImpl as masFind,
  masFindRangeImpl as masFindRange,
  masFindRangeRevImpl as masFindRangeRev,
  masFindRevImpl as masFindRev,
} from "./find.js";
export {
  type FindResult,
  mtFindImpl as mtFind,
  mtreeLoadImpl as mtreeLoad,
} from "./load.js";
export {
  masNextEntry,
  masNextImpl as masNext,
  masNextNode,
  masNextRangeImpl as masNextRange,
  masNextSlot,
} from "./next.js";
export {
  masPrevImpl as masPrev,
  masPrevNode,
  masPrevRangeImpl as masPrevRange,
  masPrevSlot,
} from "./prev.js";
export { masRevAwalk, masRewindNode } from "./rev-awalk.js";
export {
  masDescend,
  masRewalk,
  masStateWalk,
  masWalkImpl as masWalk,
  mtreeLookupWalk,
  mtreeRangeWalk,
} from "./walk.js";
