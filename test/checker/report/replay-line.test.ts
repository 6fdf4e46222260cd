import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { formatOutcome } from "../../../src/checker/report/format-outcome.js";
import { htmlReport } from "../../../src/checker/report/html-report.js";
import {
  replayCommandLine,
  shellWord,
  specsFolderToName,
} from "../../../src/checker/report/replay-line.js";

describe("the replay command beside a counterexample", () => {
  const def = join(import.meta.dirname, "specs");

  it("names no folder for the run's default one, however it is written", () => {
    expect(specsFolderToName(def, def)).toBeUndefined();
    expect(specsFolderToName(`${def}/`, def)).toBeUndefined();
    expect(specsFolderToName(relative(process.cwd(), def), def)).toBeUndefined();
    expect(specsFolderToName("/tmp/mine", def)).toBe("/tmp/mine");
    expect(specsFolderToName("specs", "/elsewhere/specs")).toBe("specs");
  });

  it("carries --specs (quoted when needed) and --kernel DIR for a kernel token", () => {
    expect(replayCommandLine("explore:x@0123456789ab:u:0")).toBe(
      "maple-check replay explore:x@0123456789ab:u:0",
    );
    expect(replayCommandLine("seq:x@0123456789ab:1:0", "my specs")).toBe(
      "maple-check replay --specs 'my specs' seq:x@0123456789ab:1:0",
    );
    expect(replayCommandLine("kernel:seq:x@0123456789ab:1:0", "d")).toBe(
      "maple-check replay --kernel DIR --specs d kernel:seq:x@0123456789ab:1:0",
    );
    expect(shellWord("it's")).toBe(`'it'\\''s'`);
  });
});

describe("reports with a counterexample", () => {
  const outcome = {
    spec: "x",
    mode: "sequential" as const,
    verdict: "violation" as const,
    expected: "pass" as const,
    scenarios: 1,
    executions: 3,
    timeMs: 0,
    counterexample: {
      error: "boom",
      body: "store 1 2 3\n",
      replayToken: "seq:x@0123456789ab:1:0@",
      size: { commands: 1 },
    },
  };

  it("print the replay command with the spec's folder, in text and in HTML", () => {
    const line = "maple-check replay --specs /my/specs seq:x@0123456789ab:1:0@";
    expect(formatOutcome(outcome, { specsFolder: "/my/specs" })).toContain(`replay: ${line}`);
    expect(htmlReport(outcome, "/my/specs")).toContain(line);
    expect(formatOutcome(outcome)).toContain("replay: maple-check replay seq:x@");
  });

  it("head an unmet expectation FAILED, an incomplete spec INCOMPLETE, a replay by what it shows", () => {
    const head = (o: Parameters<typeof formatOutcome>[0], replay = false) =>
      formatOutcome(o, { times: false, replay }).split("\n")[0];
    expect(head(outcome)).toBe("x: violation (expected pass) — FAILED; 1 runs, 3 commands");
    expect(head({ ...outcome, verdict: "incomplete", counterexample: undefined })).toBe(
      "x: incomplete (expected pass) — INCOMPLETE; 1 runs, 3 commands",
    );
    expect(head(outcome, true)).toBe(
      "x: violation (expected pass) — the counterexample reproduces; 1 runs, 3 commands",
    );
    expect(head({ ...outcome, verdict: "incomplete", counterexample: undefined }, true)).toBe(
      "x: incomplete (expected pass) — it does not reproduce; 1 runs, 3 commands",
    );
  });
});
