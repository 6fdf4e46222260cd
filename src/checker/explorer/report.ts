/** An exploration result as text: the verdict line, the counts, then the first violation. */
import type { ExplorationResult } from "./scenario.js";

export function formatResult(r: ExplorationResult, opts: { timeline?: boolean } = {}): string {
  const lines = [
    `${r.scenario}: ${r.verdict.toUpperCase()}${r.incompleteReason !== undefined ? ` (${r.incompleteReason})` : ""}`,
    `  executions ${r.executions}, distinct observations ${r.distinctObservations}, naive interleavings ${r.naiveInterleavings}`,
    `  writer stores ${r.writerStores}, copy blocks [${r.copyBlocks.join(", ")}], grace periods ${r.gracePeriods}, reader steps ${r.readerSteps.join("+")}, ${r.elapsedMs} ms`,
  ];
  if (r.violatingExecutions > 0) lines.push(`  violating executions ${r.violatingExecutions}`);
  const v = r.violations[0];
  if (v !== undefined) {
    lines.push(
      `  first violation (execution ${v.execution}, path [${v.path.join(",")}]): ${v.kind}`,
    );
    lines.push(
      ...(opts.timeline === false ? v.message : v.text).split("\n").map((l) => `    ${l}`),
    );
  }
  return lines.join("\n");
}
