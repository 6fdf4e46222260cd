/**
 * Counts and timings of the seed-bug scenarios, exhaustively (no stop at the first violation).
 * Slow (minutes): runs only with EXPLORER_MEASURE=1.
 *   EXPLORER_MEASURE=1 npx vitest run test/checker/explorer/measure.test.ts
 */
import { it } from "vitest";
import { explore, linearizableAgainstSequential } from "../../../src/checker/explorer/index.js";
import { loadInC, seedScenario, walkThenPrev } from "./seed-scenario.js";

it.skipIf(!process.env.EXPLORER_MEASURE)(
  "seed-bug counts",
  () => {
    const rows: string[] = [];
    for (const rcu of [false, true]) {
      for (const readers of [
        [loadInC],
        [walkThenPrev],
        [loadInC, walkThenPrev],
        [loadInC, walkThenPrev, loadInC],
      ]) {
        for (const branchOnRcuStart of rcu ? [false, true] : [false]) {
          const s = seedScenario(rcu, readers);
          const check = linearizableAgainstSequential(s);
          const first = explore(s, { check, branchOnRcuStart });
          const all = explore(s, {
            check,
            branchOnRcuStart,
            stopOnFirstViolation: false,
            maxExecutions: 1_000_000,
          });
          rows.push(
            [
              s.name + (branchOnRcuStart ? " (branchOnRcuStart)" : ""),
              `verdict ${all.verdict}`,
              `executions ${all.executions}`,
              `distinct ${all.distinctObservations}`,
              `violating ${all.violatingExecutions}`,
              `naive ${all.naiveInterleavings}`,
              `writer stores ${all.writerStores}`,
              `reader steps ${all.readerSteps.join("+")}`,
              `all in ${all.elapsedMs} ms`,
              `first violation: execution ${first.violations[0]?.execution ?? "-"} in ${first.elapsedMs} ms`,
            ].join(" | "),
          );
        }
      }
    }
    console.log(rows.join("\n"));
  },
  3_600_000,
);
