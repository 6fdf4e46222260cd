import { runSpec } from "../../src/checker/run/run-spec.js";
import { loadSpecFile } from "../../src/checker/spec/load-spec.js";
import { formatOutcome } from "../../src/checker/report/format-outcome.js";
for (const f of process.argv.slice(2)) {
  const spec = loadSpecFile(f);
  const o = runSpec(spec);
  console.log(formatOutcome(o).slice(0, 4000)); if (process.env.COV) console.log(JSON.stringify(o.coverage).slice(0, 600));
}
