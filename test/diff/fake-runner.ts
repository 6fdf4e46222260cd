/**
 * A stand-in for the kernel runner in the `maple-check diff` tests: the TypeScript tree behind
 * the runner's protocol (the trace on stdin, one result line per operation, `--guard`, `crash`
 * and exit 1 when the tree throws), with the faults named in $FAKE_RUNNER_FAULTS (comma
 * separated) switched on: a deliberate divergence that needs no kernel.
 */
import { readFileSync } from "node:fs";
import type { Fault } from "../../src/impl/faults.js";
import { runTrace } from "../../src/trace/run-trace.js";

const faults = (process.env.FAKE_RUNNER_FAULTS ?? "").split(",").filter((f) => f !== "");
const run = runTrace(readFileSync(0, "utf8"), {
  guard: process.argv.includes("--guard"),
  tree: { faults: faults as Fault[] },
});
process.stdout.write(run.output);
process.exitCode = run.crash ? 1 : 0;
