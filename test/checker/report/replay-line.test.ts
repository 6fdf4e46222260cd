import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
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
