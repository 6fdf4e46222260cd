import { it } from "vitest";
import { runSpec } from "../../../src/checker/run/run-spec.js";
import { formatOutcome } from "../../../src/checker/report/format-outcome.js";
import { specNamed } from "./helpers.js";
it("tmp", () => {
  for (const n of (process.env.SPECS ?? "").split(",")) console.log(formatOutcome(runSpec(specNamed(n))).split("\n").slice(0, 30).join("\n"));
}, 600000);
