import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { CheckKind, Verdict } from "../../src/cli/checks/check.js";
import { runChecks } from "../../src/cli/commands/run.js";
import { ExitCode } from "../../src/cli/exit-codes.js";
import { main } from "../../src/cli/program.js";

let out: string;
let err: string;

function capture(stream: NodeJS.WriteStream, sink: (s: string) => void) {
  return vi.spyOn(stream, "write").mockImplementation(((
    chunk: string | Uint8Array,
    ...rest: unknown[]
  ) => {
    sink(String(chunk));
    const cb = rest.find((r) => typeof r === "function") as (() => void) | undefined;
    cb?.();
    return true;
  }) as typeof stream.write);
}

beforeEach(() => {
  out = "";
  err = "";
  capture(process.stdout, (s) => {
    out += s;
  });
  capture(process.stderr, (s) => {
    err += s;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "maple-check-cli-"));
}

describe("maple-check trace", () => {
  it("prints the oracle-format output and exits 0", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "t.trace"), "store 10 20 1\nload 15\nbogus\nload x\n");
    expect(await main(["trace", join(dir, "t.trace")])).toBe(ExitCode.pass);
    expect(out).toBe("ok\n1\nerr unknown-op\nerr parse\n");
    expect(err).toBe("");
  });

  it("honours --guard and --echo", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "t.trace"), "store 10 19 1\nmset 10\nmnext 5\nmfindr 0\n");
    expect(await main(["trace", "--guard", "--echo", join(dir, "t.trace")])).toBe(ExitCode.pass);
    expect(out).toBe(
      "store 10 19 1 => ok\nmset 10 => ok\nmnext 5 => null 10 10 overflow\nmfindr 0 => err ub\n",
    );
  });

  it("a crash of the tree prints `crash` and exits 1", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "t.trace"), "store 10 19 1\nmset 10\nmnext 5\nmfindr 0\nload 1\n");
    expect(await main(["trace", join(dir, "t.trace")])).toBe(ExitCode.violation);
    expect(out).toBe("ok\nok\nnull 10 10 overflow\ncrash\n");
    expect(err).toMatch(/^maple-check: crash at line 4 \(mfindr 0\)/);
  });

  it("a missing file is one line on stderr and exit 4, without a stack trace", async () => {
    expect(await main(["trace", "/nonexistent/dir/x.trace"])).toBe(ExitCode.usage);
    expect(out).toBe("");
    expect(err).toBe("maple-check: cannot read trace '/nonexistent/dir/x.trace': no such file\n");
  });

  it("a directory given as the file is a usage error", async () => {
    expect(await main(["trace", tempDir()])).toBe(ExitCode.usage);
    expect(err.split("\n").filter((l) => l !== "")).toHaveLength(1);
  });

  it("unknown options and commands are usage errors (exit 4)", async () => {
    expect(await main(["trace", "--bogus"])).toBe(ExitCode.usage);
    expect(await main(["bogus"])).toBe(ExitCode.usage);
    expect(err).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe("maple-check run", () => {
  it("passes on the project's specs/", { timeout: 180_000 }, async () => {
    expect(await main(["run"])).toBe(ExitCode.pass);
    expect(out).toMatch(/trace sample: pass/);
    expect(out.trimEnd().split("\n").at(-1)).toMatch(/^trace checks: (\d+) of \1 passed$/);
  });

  it("exits 1 and shows the first differing line when an output differs", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "a.trace"), "store 1 2 3\nload 1\n");
    writeFileSync(join(dir, "a.expected"), "ok\n4\n");
    expect(await main(["run", "--specs", dir])).toBe(ExitCode.violation);
    expect(out).toContain("trace a: FAIL at output line 2");
    expect(out).toContain("  expected: 4");
    expect(out).toContain("  actual:   3");
    expect(out).toContain("trace checks: 0 of 1 passed");
  });

  it("a missing expected output or specs folder is a harness error (exit 4)", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "b.trace"), "load 1\n");
    expect(await main(["run", "--specs", dir])).toBe(ExitCode.usage);
    expect(err).toContain("cannot read expected output");
    expect(await main(["run", "--specs", join(dir, "nope")])).toBe(ExitCode.usage);
  });
});

describe("runChecks", () => {
  const kind = (verdicts: Verdict[]): CheckKind => ({
    find: () => verdicts.map((v, i) => ({ name: `c${i}`, run: () => v })),
  });

  it("exits with the worst verdict: violation 1, then incomplete 2, else 0", () => {
    const lines: string[] = [];
    const log = (l: string) => lines.push(l);
    expect(runChecks("/unused", log, [kind(["pass", "pass"])])).toBe(ExitCode.pass);
    expect(lines.at(-1)).toBe("trace checks: 2 of 2 passed");
    expect(runChecks("/unused", log, [kind(["pass", "incomplete"])])).toBe(ExitCode.incomplete);
    expect(lines.at(-1)).toBe("trace checks: 1 of 2 passed (1 incomplete)");
    expect(runChecks("/unused", log, [kind(["incomplete"]), kind(["violation"])])).toBe(
      ExitCode.violation,
    );
  });

  it("no checks at all is a harness error", () => {
    expect(() => runChecks("/unused", () => {}, [kind([])])).toThrow(/no checks/);
  });
});
