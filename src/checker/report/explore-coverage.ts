/**
 * The summary's coverage lines for generated explore specs: per spec, what its scenarios
 * covered (reader ops, writer store types, root forms, heights), and the total over all of them.
 */
import type { SpecOutcome } from "../run/outcome.js";
import { coverageLines, emptyExploreCoverage, mergeExploreCoverage } from "../scenario/coverage.js";

export function exploreCoverageText(outcomes: readonly SpecOutcome[]): string[] {
  const withCoverage = outcomes.filter((o) => o.exploreCoverage !== undefined);
  if (withCoverage.length === 0) return [];
  const out: string[] = [];
  const total = emptyExploreCoverage();
  for (const o of withCoverage) {
    const c = o.exploreCoverage;
    if (c === undefined) continue;
    mergeExploreCoverage(total, c);
    out.push(`coverage of ${o.spec} (${c.scenarios} scenarios):`);
    for (const l of coverageLines(c)) out.push(`  ${l}`);
  }
  if (withCoverage.length > 1) {
    out.push(`coverage of all generated scenarios (${total.scenarios}):`);
    for (const l of coverageLines(total)) out.push(`  ${l}`);
  }
  return out;
}
