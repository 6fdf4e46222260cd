// The consumer project's plain node ESM script: maple-check's API without TypeScript.
import { loadSpecFile, meetsExpectation, runSpec, summaryLine } from "maple-check";

const outcome = runSpec(loadSpecFile("specs/consumer-seed-bug.json"));
console.log(`${outcome.spec} ${outcome.verdict} ${meetsExpectation(outcome) ? "ok" : "FAILED"}`);
console.log(summaryLine([outcome]));
