/**
 * What the main job never reaches in the tree and the model: every uncovered line and every
 * branch arm never taken, by file, from the V8 coverage `npm run coverage:main` writes.
 *
 *   npm run coverage:main      (the suite with coverage, then this script)
 *   node dist/scripts/coverage-gaps.js [--file src/impl/x.ts]   (again, on the last report)
 *
 * A branch arm is printed as `L:C kind[arm]` (`if[1]` is the else side, `cond-expr[0]` the
 * consequent, `binary-expr[i]` the i-th operand of a && / || / ?? chain). The last line is the
 * total, the figure mutation/survivors.md quotes.
 */

import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { acceptOnly, option } from "./script-options.js";

interface Loc {
  start: { line: number; column: number };
  end: { line: number; column: number };
}
interface FileCoverage {
  path: string;
  statementMap: Record<string, Loc>;
  s: Record<string, number>;
  branchMap: Record<string, { type: string; loc: Loc; locations: Loc[] }>;
  b: Record<string, number[]>;
}

acceptOnly(["file"], "usage: node dist/scripts/coverage-gaps.js [--file src/impl/x.ts]");

const root = join(import.meta.dirname, "../..");
const only = option("file");
const reportPath = join(root, "reports/coverage-main/coverage-final.json");
if (!existsSync(reportPath)) {
  console.error(
    `error: no coverage report at ${relative(root, reportPath)}: run npm run coverage:main`,
  );
  process.exit(4);
}
const report = JSON.parse(readFileSync(reportPath, "utf8")) as Record<string, FileCoverage>;

/** Lines as V8 coverage counts them: a line is covered when any statement starting on it ran. */
function uncoveredLines(fc: FileCoverage): number[] {
  const hit = new Map<number, boolean>();
  for (const [id, loc] of Object.entries(fc.statementMap)) {
    const line = loc.start.line;
    hit.set(line, (hit.get(line) ?? false) || fc.s[id] > 0);
  }
  return [...hit]
    .filter(([, h]) => !h)
    .map(([l]) => l)
    .sort((a, b) => a - b);
}

function ranges(lines: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1] === lines[j] + 1) j++;
    out.push(i === j ? `${lines[i]}` : `${lines[i]}-${lines[j]}`);
    i = j + 1;
  }
  return out.join(",");
}

let lineTotal = 0;
let lineMissed = 0;
let armTotal = 0;
let armMissed = 0;
for (const path of Object.keys(report).sort()) {
  const fc = report[path];
  const name = relative(root, path);
  if (only !== undefined && name !== only) continue;
  const lines = uncoveredLines(fc);
  lineTotal += new Set(Object.values(fc.statementMap).map((l) => l.start.line)).size;
  lineMissed += lines.length;
  const arms: string[] = [];
  for (const [id, br] of Object.entries(fc.branchMap)) {
    fc.b[id].forEach((count, arm) => {
      armTotal++;
      if (count > 0) return;
      armMissed++;
      const at = br.locations[arm]?.start ?? br.loc.start;
      // An arm with no location of its own (an if without else) is placed at its branch.
      const where = at.line > 0 ? at : br.loc.start;
      arms.push(`${where.line}:${where.column + 1} ${br.type}[${arm}]`);
    });
  }
  if (lines.length === 0 && arms.length === 0) continue;
  console.log(name);
  if (lines.length > 0) console.log(`  lines ${ranges(lines)}`);
  if (arms.length > 0) console.log(`  arms  ${arms.join("  ")}`);
}
console.log(
  `uncovered: ${lineMissed} of ${lineTotal} lines, ${armMissed} of ${armTotal} branch arms`,
);
