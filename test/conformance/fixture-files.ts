/**
 * Finds the committed fixtures (`NAME.trace` with its `NAME.expected`, or both gzipped as
 * `NAME.trace.gz` and `NAME.expected.gz`) of one folder under test/fixtures and runs them
 * through the TypeScript trace runner.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  firstDifference,
  outputLines,
  parseFixture,
} from "../../scripts/fixtures/fixture-format.js";
import { runTrace } from "../../src/trace/run-trace.js";

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures");

export interface FixtureFile {
  name: string;
  tracePath: string;
  expectedPath: string;
}

/** Every `*.trace` / `*.trace.gz` of test/fixtures/SUBDIR, sorted by name. */
export function fixtureFiles(subdir: string): FixtureFile[] {
  const dir = join(FIXTURES, subdir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".trace") || f.endsWith(".trace.gz"))
    .sort()
    .map((f) => {
      const gz = f.endsWith(".gz") ? ".gz" : "";
      const name = f.slice(0, -(".trace".length + gz.length));
      return { name, tracePath: join(dir, f), expectedPath: join(dir, `${name}.expected${gz}`) };
    });
}

/** A fixture file's text, gunzipped when it ends in `.gz`. */
export function readFixtureText(path: string): string {
  const data = readFileSync(path);
  return (path.endsWith(".gz") ? gunzipSync(data) : data).toString("utf8");
}

/**
 * Runs one fixture through runTrace and returns null when the output is byte-identical to
 * the oracle's, or a message naming the first differing line (with its trace line number
 * and operation) and, when the tree threw, the error.
 */
export function compareFixture(f: FixtureFile): string | null {
  const text = readFixtureText(f.tracePath);
  const expectedText = readFixtureText(f.expectedPath);
  const fx = parseFixture(text);
  const run = runTrace(text, { guard: fx.guard });
  if (run.output === expectedText) return null;
  const diff = firstDifference(fx, outputLines(expectedText), outputLines(run.output));
  let msg = `${f.name}${fx.guard ? " (--guard)" : ""}: ${diff ?? "outputs differ only in line endings"}`;
  if (run.crash) {
    const e = run.crash.error;
    const stack = e instanceof Error ? (e.stack ?? e.message) : String(e);
    msg += `\n  the tree threw at trace line ${run.crash.line.lineNo} \`${run.crash.line.text}\`:\n    ${stack.split("\n").slice(0, 8).join("\n    ")}`;
  }
  return msg;
}

/** The largest traces (tens of thousands of operations) take seconds on a busy machine. */
const FIXTURE_TIMEOUT_MS = 180_000;

/**
 * One vitest suite over a fixture folder: each trace must print exactly what the kernel oracle
 * printed for it; a failure names the first differing line, its trace line and operation.
 */
export function describeFixtureSuite(title: string, folder: string): void {
  const files = fixtureFiles(folder);
  describe(title, () => {
    it("the corpus is present", () => {
      expect(files.length).toBeGreaterThan(0);
    });
    it.each(files.map((f) => [f.name, f] as const))(
      "%s",
      (_name, f) => {
        const problem = compareFixture(f);
        if (problem !== null) expect.fail(problem);
      },
      FIXTURE_TIMEOUT_MS,
    );
  });
}
