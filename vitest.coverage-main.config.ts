// Line and branch coverage of the tree (src/impl) and the model (src/model) under the main job
// alone: the suite StrykerJS runs (vitest.mutation.config.ts), measured by V8. `npm run
// coverage:main`; `node dist/scripts/coverage-gaps.js` then lists what it never reached.
import { defineConfig, mergeConfig } from "vitest/config";
import mutation from "./vitest.mutation.config.js";

export default mergeConfig(
  mutation,
  defineConfig({
    test: {
      coverage: {
        enabled: true,
        provider: "v8",
        include: ["src/impl/**/*.ts", "src/model/**/*.ts"],
        reporter: ["text-summary", "json"],
        reportsDirectory: "reports/coverage-main",
      },
    },
  }),
);
