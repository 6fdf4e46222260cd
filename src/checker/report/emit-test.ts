/**
 * A minimized counterexample as a vitest regression test: it replays the failure from its
 * token and asserts the same verdict and the same counterexample text, so the test keeps
 * failing the same way until the tree (or the spec) changes.
 * `specPath` and `importFrom` are relative to the test file's folder.
 */
import type { JobOutcome } from "../run/run-all.js";

export function regressionTestFile(o: JobOutcome, specPath: string, importFrom: string): string {
  const cx = o.counterexample;
  if (cx === undefined) throw new Error(`${o.spec}: no counterexample to turn into a test`);
  return `// Regression test written by \`maple-check run --emit-test\`: replays ${o.spec}'s minimized counterexample.
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { replayOutcome } from ${JSON.stringify(`${importFrom}/src/checker/run/run-all.js`)};
import { loadSpecFile } from ${JSON.stringify(`${importFrom}/src/checker/spec/load-spec.js`)};

const TOKEN = ${JSON.stringify(cx.replayToken)};

it(${JSON.stringify(`${o.spec} replays its counterexample: ${o.verdict}`)}, () => {
  const outcome = replayOutcome(loadSpecFile(fileURLToPath(new URL(${JSON.stringify(specPath)}, import.meta.url))), TOKEN);
  expect(outcome.verdict).toBe(${JSON.stringify(o.verdict)});
  expect(outcome.counterexample?.error).toBe(${JSON.stringify(cx.error)});
  expect(outcome.counterexample?.body).toBe(${JSON.stringify(cx.body)});
});
`;
}
