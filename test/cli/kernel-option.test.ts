/**
 * Bad input around --kernel: one line on stderr naming the problem, exit 4, no stack trace,
 * and nothing run. None of these needs a kernel tree.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { specHash } from "../../src/checker/run/spec-hash.js";
import { loadSpecFile } from "../../src/checker/spec/load-spec.js";
import { cli, SPECS } from "./run/helpers.js";

const oneLine = (err: string) => {
  expect(err.trim().split("\n")).toHaveLength(1);
  expect(err).not.toMatch(/\n\s+at /);
};

describe("--kernel with bad input", () => {
  it("a DIR that does not exist", async () => {
    const r = await cli("run", "seq-kernel-plain", "--kernel", "/no/such/dir", "--no-progress");
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/^maple-check: --kernel \/no\/such\/dir: no such directory$/m);
    oneLine(r.err);
  });

  it("a DIR that is not a kernel tree", async () => {
    const r = await cli("trace", "--kernel", import.meta.dirname, "specs/sample.trace");
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/is not a Linux source tree .*missing .*lib\/maple_tree\.c/);
    oneLine(r.err);
  });

  it("a kernel token replayed without --kernel; faults --kernel on a missing DIR", async () => {
    const hash = specHash(loadSpecFile(join(SPECS, "seq-kernel-plain.json")));
    const k = await cli("replay", `kernel:seq:seq-kernel-plain@${hash}:1:0@`);
    expect(k.code).toBe(4);
    expect(k.err).toMatch(/found on the kernel's C tree: replay it with --kernel DIR/);
    oneLine(k.err);
    const t = await cli("faults", "--kernel", "/no/such/dir");
    expect(t.code).toBe(4);
    oneLine(t.err);
  });
});
