/** The first difference between the two outputs, and the operation that printed it. */
import { describe, expect, it } from "vitest";
import { compareOutputs, divergenceKind, traceUpTo } from "../../src/diff/compare.js";

const trace = "init alloc\n# a comment\n\nstore 1 5 7\n  load 3\nload 9\n";

describe("compareOutputs", () => {
  it("is null for equal outputs", () => {
    expect(compareOutputs(trace, "ok\nok\n7\nnull\n", "ok\nok\n7\nnull\n")).toBeNull();
  });

  it("names the output line, its operation (blank and # lines print nothing) and the column", () => {
    const d = compareOutputs(trace, "ok\nok\n7\nnull\n", "ok\nok\n8\nnull\n");
    expect(d).toMatchObject({ line: 3, kernel: "7", ts: "8", column: 0 });
    expect(d?.op?.text).toBe("load 3");
    expect(d?.op?.lineNo).toBe(5);
    expect(compareOutputs(trace, "ok\nok\n7\nvalid 12\n", "ok\nok\n7\nvalid 13\n")?.column).toBe(7);
  });

  it("reports a side whose output ended as undefined, and a line after the last operation", () => {
    const short = compareOutputs(trace, "ok\ncrash\n", "ok\nok\n7\nnull\n");
    expect(short).toMatchObject({ line: 2, kernel: "crash", ts: "ok" });
    const ended = compareOutputs(trace, "ok\nok\n", "ok\nok\n7\nnull\n");
    expect(ended).toMatchObject({ line: 3, kernel: undefined, ts: "7" });
    const after = compareOutputs(trace, "ok\nok\n7\nnull\ncrash\n", "ok\nok\n7\nnull\n");
    expect(after).toMatchObject({ line: 5, op: undefined, kernel: "crash", ts: undefined });
  });
});

describe("divergenceKind", () => {
  it("tells crashes and hangs of either side from different results", () => {
    const kind = (k: string, t: string) => {
      const d = compareOutputs("load 1\n", `${k}\n`, `${t}\n`);
      return d && divergenceKind(d);
    };
    expect(kind("crash", "null")).toBe("kernel crash");
    expect(kind("null", "crash")).toBe("maple-check crash");
    expect(kind("hang (no result within 1s)", "null")).toBe("kernel hang");
    expect(kind("null", "hang (no result within 1s)")).toBe("maple-check hang");
    expect(kind("7", "null")).toBe("different result");
  });
});

it("traceUpTo keeps the input lines up to one", () => {
  expect(traceUpTo(trace, 4)).toBe("init alloc\n# a comment\n\nstore 1 5 7\n");
});
