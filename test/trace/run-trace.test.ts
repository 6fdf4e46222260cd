/**
 * End-to-end: small traces whose expected outputs were produced by the kernel oracle
 * (`maple-oracle [--guard|--echo] < NAME.trace > NAME.expected`, Linux 6.12.117).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runTrace, runTraceText } from "../../src/trace/run-trace.js";

const dir = join(import.meta.dirname, "fixtures");
const read = (name: string) => readFileSync(join(dir, name), "utf8");

describe("runTraceText against oracle outputs", () => {
  it.each([
    ["parsing", {}],
    ["crlf", {}],
    ["corrupt", {}],
    ["guard", { guard: true }],
    ["fuzz-plain", {}],
    ["fuzz-cursor", { guard: true }],
    // Differences the fuzz script found (and that were fixed), shrunk with --minimize:
    // the gap search reading a pivot past the node in mas_anode_descend...
    ["regress-gap-safe-min", {}],
    ["regress-cyclic-safe-min", {}],
    ["regress-mgap-safe-min", { guard: true }],
    // ...and the cursor range after mas_erase of a root entry.
    ["regress-merase-root", { guard: true }],
  ])("%s", (name, options) => {
    expect(runTraceText(read(`${name}.trace`), options)).toBe(read(`${name}.expected`));
  });

  it("mstorenw (GFP_NOWAIT) fails with -ENOMEM and leaves the cursor in error", () => {
    // Recorded with the project's runner (native/runner, Linux 6.12.118 --guard): the oracle
    // has no mstorenw.
    expect(runTraceText(read("nomem-cursor.trace"), { guard: true })).toBe(
      read("nomem-cursor.expected"),
    );
  });

  it("echo prefixes each result with its input line", () => {
    expect(runTraceText(read("parsing.trace"), { echo: true })).toBe(read("parsing.echo.expected"));
  });

  it("the sample check in specs/ matches", () => {
    const specs = join(import.meta.dirname, "..", "..", "specs");
    expect(runTraceText(readFileSync(join(specs, "sample.trace"), "utf8"))).toBe(
      readFileSync(join(specs, "sample.expected"), "utf8"),
    );
  });

  it("a 6.12 cursor crash prints `crash` and stops the run", () => {
    const run = runTrace(read("crash.trace"));
    expect(run.output).toBe(read("crash.expected"));
    expect(run.crash?.line.text).toBe("mfindr 0");
    expect(run.crash?.error).toBeInstanceOf(Error);
  });

  it("prints nothing for an empty trace and starts as `init 0`", () => {
    expect(runTraceText("")).toBe("");
    expect(runTraceText("flags\nheight\nempty\n")).toBe("0\n0\ntrue\n");
  });

  it("whole-tree writes reset the cursor but keep its range", () => {
    const out = runTraceText("store 1 1 5\nmset 1\nmwalk\nstore 9 9 6\nmstate\n");
    expect(out).toBe("ok\nok\n5 1 1 active\nok\n1 1 start\n");
  });
});
