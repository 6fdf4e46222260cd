import { it } from "vitest";
import { explore, linearizableAgainstSequential } from "../../../src/checker/explorer/index.js";
import { loadInC, seedScenario, walkThenPrev } from "./seed-scenario.js";

it("probe", () => {
  for (const rcu of [false, true]) {
    for (const readers of [[loadInC], [walkThenPrev], [loadInC, walkThenPrev], [loadInC, walkThenPrev, loadInC]]) {
      const s = seedScenario(rcu, readers);
      const r = explore(s, { check: linearizableAgainstSequential(s), stopOnFirstViolation: false, maxExecutions: 100000 });
      console.log(r.scenario, r.verdict, "exec", r.executions, "distinct", r.distinctObservations, "naive", r.naiveInterleavings, "stores", r.writerStores, "steps", r.readerSteps, "blocks", r.copyBlocks, "gp", r.gracePeriods, "ms", r.elapsedMs, "violations", r.violations.length);
      const first = explore(s, { check: linearizableAgainstSequential(s) });
      console.log("  first violation at", first.violations[0]?.execution, first.elapsedMs, "ms", first.violations[0]?.message);
    }
  }
});
