/**
 * The tree explore mode runs a scenario on: the TypeScript tree (here) or the kernel's C tree
 * (src/backend/kernel/explore). Spec running, generated scenarios, minimizing and replay are
 * written once against this; a tree says how to explore one scenario's data.
 */
import type { BackendName } from "../../backend/backend.js";
import { compileScenario } from "./compile.js";
import {
  type ExploreBoundsData,
  exploreMinimized,
  replayWith,
  type ScenarioRun,
  tsExplorer,
} from "./explore-scenario.js";
import type { ScenarioData } from "./scenario-data.js";

/** One scenario, ready to explore on a tree. */
export interface ScenarioOnTree {
  explore(bounds: ExploreBoundsData, minimize: boolean): ScenarioRun;
  replay(bounds: ExploreBoundsData, bound: number | null, path: readonly number[]): ScenarioRun;
}

export interface ScenarioTree {
  /** The tree a replay token names (undefined: the TypeScript tree). */
  backend?: BackendName;
  /**
   * The scenario on this tree. Throws ScenarioError when the model refutes it sequentially;
   * undefined when this tree cannot run it (a generated one then counts as passing).
   */
  scenario(data: ScenarioData, forwardCopyOnly: boolean): ScenarioOnTree | undefined;
  /**
   * Why this tree cannot run the scenario (a line its runner lacks), or undefined: generated
   * scenarios it cannot run are counted under the reason, not explored and not passed.
   */
  notApplicable?(data: ScenarioData): string | undefined;
}

export const TS_SCENARIO_TREE: ScenarioTree = {
  scenario(data, forwardCopyOnly) {
    const e = tsExplorer(compileScenario(data), forwardCopyOnly);
    return {
      explore: (bounds, minimize) => exploreMinimized(e, bounds, minimize),
      replay: (bounds, bound, path) => replayWith(e, bounds, bound, path),
    };
  },
};
