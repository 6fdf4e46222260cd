/**
 * `maple-check trace --kernel DIR` prints what the TypeScript tree prints for the same trace
 * (specs/sample.trace: whole-tree operations on plain, alloc and RCU trees, the cursor, rejected
 * input), except the `version` line, which names the kernel.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildKernelRunner } from "../../../src/backend/kernel/build.js";
import { runTraceText } from "../../../src/trace/run-trace.js";
import { kernelTreeForTests } from "./kernel-tree-for-tests.js";

const dir = kernelTreeForTests("6.12");
const root = join(import.meta.dirname, "../../..");

describe.skipIf(dir === undefined)("the runner speaks the trace protocol (linux 6.12)", () => {
  it("prints specs/sample.expected for specs/sample.trace, version aside", () => {
    const build = buildKernelRunner(dir as string);
    const trace = readFileSync(join(root, "specs/sample.trace"), "utf8");
    const r = spawnSync(build.binary, [], { input: trace, encoding: "utf8" });
    expect(r.status).toBe(0);
    const expected = readFileSync(join(root, "specs/sample.expected"), "utf8").split("\n");
    const got = r.stdout.split("\n");
    expect(got.length).toBe(expected.length);
    const versionLines = got.flatMap((l, i) => (l.startsWith("linux-") ? [i] : []));
    for (const i of versionLines) expect(got[i]).toMatch(/^linux-6\.12\.\d+ maple-check-runner$/);
    expect(got.filter((_l, i) => !versionLines.includes(i))).toEqual(
      expected.filter((_l, i) => !versionLines.includes(i)),
    );
    // And the TypeScript tree prints the same (its own version line aside).
    const ts = runTraceText(trace).split("\n");
    expect(ts.filter((_l, i) => !versionLines.includes(i))).toEqual(
      got.filter((_l, i) => !versionLines.includes(i)),
    );
  }, 300_000);
});
