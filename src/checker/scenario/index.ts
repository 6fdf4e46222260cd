/**
 * The explorer as a checking mode of maple-check: reader/writer scenarios as data, explored
 * exhaustively and judged against the reference model.
 *
 *   runExploreSpec(spec, { replay? }): SpecOutcome     a spec with mode "explore" (runSpec calls it)
 *   compileScenario(data): CompiledScenario            data -> explorer scenario + model check
 *   exploreScenario(compiled, bounds)                  exhaustive run; a violation minimized to
 *                                                      the fewest preemptions and marked
 *   replayScenario(compiled, bounds, fwd, bound, path) exactly one execution again
 *   scenarioArbitrary(spec) / runGenerated(spec, b)    fast-check generated scenarios
 *
 * Scenario data (scenario-data.ts): tree flags, geometry and faults; a prefix of protocol lines;
 * the writer's lines; 1-3 reader threads of read lines (reader-lines.ts), each in one RCU
 * read-side section ("rcu"), one per line ("rcu-per-op") or none ("none"); and the order the
 * check asks for ("linearizable", or "per-thread": each reader alone with the writer).
 *
 * The check (model-check.ts): the model's states S0 (after the prefix) .. Sm (after each writer
 * line); every reader answer must be the model's answer in a state real time allows, by the
 * one-writer fast path checkOneWriter. A cursor step is answered from the cursor position it
 * started from, so each step linearizes on its own. Where a wrong answer left every allowed
 * state is marked in the timeline (divergence.ts).
 */
export { type CompiledScenario, compileScenario, ScenarioError } from "./compile.js";
export { LEAVES_MARK, markDivergence } from "./divergence.js";
export {
  type ExploreBoundsData,
  exploreScenario,
  replayScenario,
  type ScenarioRun,
  type ScenarioViolation,
} from "./explore-scenario.js";
export { readerData, scenarioData, specScenario } from "./from-spec.js";
export { generatedScenario, runGenerated, scenarioArbitrary } from "./generate.js";
export { type CheckFailure, type ModelCheck, modelCheck } from "./model-check.js";
export { type CursorPosition, ReaderAnswer, readerOp, runReaderLine } from "./reader-lines.js";
export { ExploreHarnessError, type ExploreOverrides, runExploreSpec } from "./run-explore-spec.js";
export {
  describeScenario,
  type ReaderData,
  type ReaderKind,
  type ScenarioData,
} from "./scenario-data.js";
