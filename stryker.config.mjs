// StrykerJS: how many mutants of the tree (src/impl) and the model (src/model) the main job
// alone kills. The test runner is vitest on vitest.mutation.config.ts, which runs every spec of
// specs/ and every trace check in-process, one test each, so per-test coverage runs only the
// specs that reach a mutant. `npm run mutation` is the full run (hours on 2 cores: a scheduled
// workflow runs it); `npm run mutation:sample` runs a seeded sample of lines (scripts/mutation-sample.ts).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  vitest: { configFile: "vitest.mutation.config.ts" },
  coverageAnalysis: "perTest",
  mutate: ["src/impl/**/*.ts", "src/model/**/*.ts"],
  ignorePatterns: ["dist", "out", "native", ".stryker-tmp", "reports"],
  reporters: ["clear-text", "json", "progress"],
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  concurrency: 2,
  // 30 s over the baseline: on 2 shared cores 10 s let slow-but-finishing runs count as timeouts (killed).
  timeoutMS: 30_000,
  tempDirName: ".stryker-tmp",
  // Stryker rewrites the tsconfig of its sandbox through TypeScript's JS API, which TypeScript 7
  // does not have; vitest compiles on its own and reads no tsconfig paths, so point it nowhere.
  tsconfigFile: "no-tsconfig-for-stryker.json",
  cleanTempDir: "always",
};
