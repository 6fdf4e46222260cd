/**
 * `maple-check trace --kernel DIR` streams the trace file to the C runner and its output back:
 * the bytes of the oracle's expected output, and a crash of the C code is `crash` and exit 1.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { kernelTreeForTests } from "../backend/kernel/kernel-tree-for-tests.js";
import { cli } from "./run/helpers.js";

const dir = kernelTreeForTests("6.12");
const root = join(import.meta.dirname, "../..");
const fixtures = join(root, "test/trace/fixtures");

describe.skipIf(dir === undefined)("trace --kernel (linux 6.12)", () => {
  it("prints specs/sample.expected for specs/sample.trace", { timeout: 300_000 }, async () => {
    const r = await cli("trace", "--kernel", dir as string, join(root, "specs/sample.trace"));
    expect(r.code).toBe(0);
    expect(r.out).toBe(readFileSync(join(root, "specs/sample.expected"), "utf8"));
  });

  it("--guard --echo, and a crash of the C code", { timeout: 300_000 }, async () => {
    const echo = await cli(
      "trace",
      "--kernel",
      dir as string,
      "--echo",
      join(fixtures, "parsing.trace"),
    );
    expect(echo.out).toBe(readFileSync(join(fixtures, "parsing.echo.expected"), "utf8"));
    const guard = await cli(
      "trace",
      "--kernel",
      dir as string,
      "--guard",
      join(fixtures, "guard.trace"),
    );
    expect(guard.out).toBe(readFileSync(join(fixtures, "guard.expected"), "utf8"));
    const crash = await cli("trace", "--kernel", dir as string, join(fixtures, "crash.trace"));
    expect(crash.code).toBe(1);
    expect(crash.out).toBe(readFileSync(join(fixtures, "crash.expected"), "utf8"));
    expect(crash.err).toMatch(/the kernel code crashed/);
  });
});

it("trace --kernel: a missing trace file is one line and exit 4, before the runner is built", async () => {
  const r = await cli("trace", "--kernel", "/no/such/dir", "/no/such/file.trace");
  expect(r.code).toBe(4);
  expect(r.err).toBe("maple-check: cannot read trace '/no/such/file.trace': no such file\n");
});
