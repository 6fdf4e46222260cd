// The main job as a vitest suite, for `npm run mutation` (StrykerJS) only.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/mutation/*.mutation.ts"],
    testTimeout: 120_000,
    setupFiles: ["test/setup-env.ts"],
  },
});
