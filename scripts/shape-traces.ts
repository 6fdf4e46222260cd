/**
 * Writes the structural trace checks of the main job (specs/shape-*.trace, see
 * scripts/fixtures/shape-traces.ts). Their .expected files are recorded from the C runner:
 *
 *   npm run build && node dist/scripts/shape-traces.js [--seed S] [--out specs]
 *   for t in specs/shape-*.trace; do
 *     node dist/src/cli/main.js trace --kernel ~/.cache/maple-check/src/linux-source-6.12 \
 *       "$t" > "${t%.trace}.expected"
 *   done
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { SHAPE_SEED, shapeTraces } from "./fixtures/shape-traces.js";
import { acceptOnly, numberOption, option } from "./script-options.js";

acceptOnly(["seed", "out"], "usage: node dist/scripts/shape-traces.js [--seed S] [--out DIR]");

const seed = numberOption("seed", SHAPE_SEED);
const out = option("out") ?? join(import.meta.dirname, "../../specs");
for (const t of shapeTraces(seed)) {
  const file = join(out, `${t.name}.trace`);
  writeFileSync(file, t.text);
  console.log(`${file}: ${t.text.split("\n").length - 1} lines`);
}
