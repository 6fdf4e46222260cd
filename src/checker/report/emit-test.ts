/**
 * A minimized counterexample as a vitest regression test: it replays the failure from its
 * token and asserts the same verdict and the same counterexample text, so the test keeps
 * failing the same way until the tree (or the spec) changes.
 * The test finds its spec and maple-check's code by paths relative to its own file, so it runs
 * from any working directory, wherever the spec was named from.
 */
import { relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { JobOutcome } from "../run/run-all.js";

/** This copy of maple-check's modules (src/ under vitest, dist/src/ when built). */
const RUN_ALL = fileURLToPath(new URL("../run/run-all.js", import.meta.url));
const LOAD_SPEC = fileURLToPath(new URL("../spec/load-spec.js", import.meta.url));

/** `to` relative to the folder `from`, as an import specifier (./ or ../, forward slashes). */
export function relativeSpecifier(from: string, to: string): string {
  const r = relative(resolve(from), resolve(to)).split(sep).join("/");
  return r.startsWith("../") ? r : `./${r}`;
}

/** The name of the regression test written for an outcome. */
export function regressionTestName(o: JobOutcome): string {
  return `${o.spec}.regression.test.ts`;
}

/** The test file's text, for a test written into `testDir` for the spec read from `specFile`. */
export function regressionTestFile(o: JobOutcome, specFile: string, testDir: string): string {
  const cx = o.counterexample;
  if (cx === undefined) throw new Error(`${o.spec}: no counterexample to turn into a test`);
  const from = (p: string) => JSON.stringify(relativeSpecifier(testDir, p));
  return `// Regression test written by \`maple-check run --emit-test\`: replays ${o.spec}'s minimized counterexample.
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { replayOutcome } from ${from(RUN_ALL)};
import { loadSpecFile } from ${from(LOAD_SPEC)};

const TOKEN = ${JSON.stringify(cx.replayToken)};

it(${JSON.stringify(`${o.spec} replays its counterexample: ${o.verdict}`)}, () => {
  const outcome = replayOutcome(loadSpecFile(fileURLToPath(new URL(${from(specFile)}, import.meta.url))), TOKEN);
  expect(outcome.verdict).toBe(${JSON.stringify(o.verdict)});
  expect(outcome.counterexample?.error).toBe(${JSON.stringify(cx.error)});
  expect(outcome.counterexample?.body).toBe(${JSON.stringify(cx.body)});
});
`;
}
