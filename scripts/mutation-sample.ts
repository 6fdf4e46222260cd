/**
 * The main job's mutation score on a seeded sample of source lines, with StrykerJS.
 *
 *   npm run build && node dist/scripts/mutation-sample.js [--lines N] [--seed S]
 *
 * A full `npm run mutation` mutates every line of src/impl and src/model; on 2 cores that takes
 * many hours (each surviving mutant runs every spec), so the scheduled workflow runs it. This
 * script picks N code lines uniformly at random (seeded; blank and comment lines excluded),
 * hands them to Stryker as `--mutate file:L-L`, and prints the score with a 95% Wilson interval:
 * an estimate of the full score whose error is stated. Timeouts count as killed, as Stryker
 * counts them (a mutant that makes the main job hang fails the CI job), but only after each is
 * re-checked alone with a long timeout: on busy cores a slow pass looks like a hang. Surviving
 * mutants are printed one per line, for triage in mutation/survivors.md; the whole sample, with
 * the re-checked statuses, is kept in reports/mutation/sample.json.
 */

import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join, relative } from "node:path";
import { rng } from "./fixtures/prng.js";
import { acceptOnly, numberOption } from "./script-options.js";

acceptOnly(["lines", "seed"], "usage: node dist/scripts/mutation-sample.js [--lines N] [--seed S]");

const lineCount = numberOption("lines", 60);
const seed = numberOption("seed", 1);
const root = join(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith(".ts"))
    .map((d) => relative(root, join(d.parentPath, d.name)))
    .sort();
}

/** Lines Stryker could mutate: not blank, not only a comment, not only a brace or an import. */
function codeLines(file: string): number[] {
  const out: number[] = [];
  let inComment = false;
  readFileSync(join(root, file), "utf8")
    .split("\n")
    .forEach((text, i) => {
      const t = text.trim();
      if (inComment) {
        if (t.includes("*/")) inComment = false;
        return;
      }
      if (t.startsWith("/*")) {
        inComment = !t.includes("*/");
        return;
      }
      if (t === "" || t.startsWith("//") || /^[{}()[\];,]*$/.test(t) || t.startsWith("import "))
        return;
      out.push(i + 1);
    });
  return out;
}

const candidates = [...sourceFiles("src/impl"), ...sourceFiles("src/model")].flatMap((f) =>
  codeLines(f).map((line) => `${f}:${line}-${line}`),
);
const next = rng(seed);
const chosen = new Set<string>();
while (chosen.size < Math.min(lineCount, candidates.length)) {
  chosen.add(candidates[Math.floor(next() * candidates.length)]);
}
console.log(`mutation sample: ${chosen.size} of ${candidates.length} code lines (seed ${seed})`);
// A timeout counts as a kill, so a busy machine can turn slow-but-passing runs into kills:
// say how busy it was, and re-check every timeout alone (below).
const loadLine = (when: string): string =>
  `load average ${when}: ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores`;
const loadAtStart = loadLine("at start");
console.log(loadAtStart);

interface Mutant {
  status: string;
  mutatorName: string;
  replacement?: string;
  location: { start: { line: number; column: number } };
}
type Report = { files: Record<string, { mutants: Mutant[] }> };

/** One Stryker run over `lines` (file:L-L), and the report it wrote. */
function stryker(lines: string[], options: string[] = []): Report {
  const run = spawnSync("npx", ["stryker", "run", ...options, "--mutate", lines.join(",")], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
  return JSON.parse(readFileSync(join(root, "reports/mutation/mutation.json"), "utf8")) as Report;
}

const mutantKey = (file: string, m: Mutant): string =>
  `${file}:${m.location.start.line}:${m.location.start.column} ${m.mutatorName} ${m.replacement ?? ""}`;

const report = stryker([...chosen].sort());

// Re-check: on 2 shared cores a spec that passes in 40 s can take minutes, and Stryker then calls
// the mutant a timeout, a kill. Each timeout's line runs again alone, one mutant at a time, with
// 5 minutes over the baseline; only a mutant that times out again (a real hang) stays a kill.
const timeouts = Object.entries(report.files).flatMap(([file, { mutants }]) =>
  mutants.filter((m) => m.status === "Timeout").map((m) => ({ file, m })),
);
const firstPassTimeouts = timeouts.length;
if (timeouts.length > 0) {
  const lines = [
    ...new Set(
      timeouts.map(({ file, m }) => `${file}:${m.location.start.line}-${m.location.start.line}`),
    ),
  ];
  console.log(
    `re-checking ${timeouts.length} timeouts on ${lines.length} lines, alone, 5 minutes over the baseline`,
  );
  const again = new Map<string, string>();
  for (const [file, { mutants }] of Object.entries(
    stryker(lines.sort(), ["--concurrency", "1", "--timeoutMS", "300000"]).files,
  ))
    for (const m of mutants) again.set(mutantKey(file, m), m.status);
  for (const { file, m } of timeouts) m.status = again.get(mutantKey(file, m)) ?? m.status;
}
// The re-check's run overwrote mutation.json with its own few mutants: keep the whole sample,
// with the re-checked statuses, for whoever triages its survivors.
writeFileSync(join(root, "reports/mutation/sample.json"), `${JSON.stringify(report, null, 1)}\n`);

let killed = 0;
let timedOut = 0;
let survived = 0;
let other = 0;
const survivors: string[] = [];
for (const [file, { mutants }] of Object.entries(report.files)) {
  for (const m of mutants) {
    if (m.status === "Killed" || m.status === "Timeout") {
      killed++;
      if (m.status === "Timeout") {
        timedOut++;
        survivors.push(`timeout ${file}:${m.location.start.line} ${m.mutatorName}`);
      }
    } else if (m.status === "Survived" || m.status === "NoCoverage") {
      survived++;
      const at = `${file}:${m.location.start.line}:${m.location.start.column}`;
      survivors.push(`survived ${at} ${m.mutatorName} -> ${JSON.stringify(m.replacement ?? "")}`);
    } else other++;
  }
}
const n = killed + survived;
const p = n === 0 ? 0 : killed / n;
// Wilson score interval, 95%.
const z = 1.96;
const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
console.log(
  `main-job mutation score: ${killed}/${n} killed (${timedOut} by a timeout that held when re-checked alone, of ${firstPassTimeouts} first-pass timeouts) = ${(100 * p).toFixed(1)}% ` +
    `(95% interval ${(100 * (centre - half)).toFixed(1)}-${(100 * (centre + half)).toFixed(1)}%); ` +
    `${other} not counted (compile or runtime errors, ignored)`,
);
console.log(`${loadAtStart}, ${loadLine("at the end")}`);
for (const s of survivors.sort()) console.log(s);
