/**
 * maple-check's public API (the package's one entry, `import ... from "maple-check"`): what a
 * project composes in its own tests. Everything else under src/ is internal and may change.
 *
 *   assertSpec(spec), testSpecs(it, dir)      specs as tests in vitest (or any runner)
 *   loadSpecFile / loadSpecDir / parseSpec    specs as data (zod-checked)
 *   runSpec / runAll / replayOutcome          verdicts as data (SpecOutcome)
 *   checkSequential                           the sequential model-based checker
 *   explore / treeScenario / runExploreSpec   the interleaving explorer
 *   formatOutcome / summaryTable / junitXml   reports
 *   MapleTree and the mtree_* / mas_* API     the TypeScript tree, for hand-written scenarios
 */

export { assertSpec } from "./checker/assert-spec.js";
export {
  beforeOrAfterWriter,
  type CheckFn,
  type ExplorationResult,
  type ExploreOptions,
  type ExplorerViolation,
  explorationVerdict,
  explore,
  formatResult,
  linearizableAgainstSequential,
  type ReaderOp,
  type ReaderThread,
  type Scenario,
  type TreeReaderFn,
  type TreeScenario,
  treeScenario,
  type Verdict as ExplorationVerdict,
  type WriterOp,
} from "./checker/explorer/index.js";
export { type FormatOptions, formatOutcome } from "./checker/report/format-outcome.js";
export { htmlReport } from "./checker/report/html-report.js";
export { junitXml } from "./checker/report/junit.js";
export { summaryLine, summaryTable } from "./checker/report/summary-table.js";
export { readableCounterexample } from "./checker/report/timeline-columns.js";
export { type Budget, BudgetError, parseBudget } from "./checker/run/budget.js";
export {
  type Counterexample,
  type ExplorationSummary,
  meetsExpectation,
  type SpecOutcome,
  type Verdict,
} from "./checker/run/outcome.js";
export {
  type JobOutcome,
  jobVerdict,
  type RunAllOptions,
  type RunAllResult,
  replayOutcome,
  runAll,
  selectSpecs,
} from "./checker/run/run-all.js";
export { HarnessError, type RunOverrides, runSpec } from "./checker/run/run-spec.js";
export { type ExploreOverrides, runExploreSpec } from "./checker/scenario/run-explore-spec.js";
export {
  checkSequential,
  type SequentialCounterexample,
  type SequentialOutcome,
  type SequentialRunOptions,
} from "./checker/sequential/check-sequential.js";
export { loadSpecDir, loadSpecFile, parseSpec, SpecError } from "./checker/spec/load-spec.js";
export {
  type ExploreSpec,
  type SequentialSpec,
  Spec,
  type TreeSpec,
} from "./checker/spec/schema.js";
export { type TestFunction, type TestSpecsOptions, testSpecs } from "./checker/test-specs.js";
export * from "./impl/api.js";
export { MT_FLAGS_ALLOC_RANGE, MT_FLAGS_USE_RCU } from "./impl/constants.js";
export { type Geometry, KERNEL_GEOMETRY, SMALL_GEOMETRY } from "./impl/geometry.js";
export { MapleTree, type TreeOptions } from "./impl/tree.js";
export { packageRoot, type SpecsFolder, specsFolder } from "./package-root.js";
