/**
 * Report paths (--json, --junit, --certificate, --html, --emit-test) are tried before the run:
 * one that cannot be written is one line and exit 4 before any spec runs. A write that still
 * fails after the run is one line too, and never hides a violation's exit 1.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { main } from "../../../src/cli/program.js";
import { cli, specDir, tmp, variant } from "./helpers.js";

const OK = ["explore-guard-gap-rcu-on"];
const violating = () =>
  specDir(
    [],
    variant("inversion-expected-pass", "explore-rcu-reader-inversion", { expect: "pass" }),
  );

/** Exit 4, one line naming the option, and nothing run (no summary on stdout). */
function refusedAtOnce(r: { code: number; out: string; err: string }, pattern: RegExp): void {
  expect(r.code).toBe(4);
  expect(r.out).toBe("");
  const lines = r.err.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(lines[0]).toMatch(/nothing was run\)?$/);
}

describe("maple-check run: report paths checked before the run", () => {
  it.each([
    ["--json", "the JSON report"],
    ["--junit", "the JUnit report"],
    ["--certificate", "the certificate"],
  ])("%s into a missing folder", async (flag, what) => {
    const path = join(tmp(), "missing", "out.file");
    const r = await cli("run", "--specs", violating(), flag, path);
    refusedAtOnce(
      r,
      new RegExp(
        `^maple-check: cannot write ${what} '.*out\\.file': ENOENT: no folder '.*missing' \\(${flag};`,
      ),
    );
  });

  it.each([["--html"], ["--emit-test"]])(
    "%s under a file (the folder cannot be made)",
    async (flag) => {
      const file = join(tmp(), "a-file");
      writeFileSync(file, "");
      const r = await cli("run", "--specs", violating(), flag, join(file, "reports"));
      refusedAtOnce(
        r,
        new RegExp(`cannot write the .* folder '.*a-file/reports': (ENOTDIR|EEXIST) \\(${flag};`),
      );
    },
  );

  it("a folder given for a file, a read-only place, and one path named twice", async () => {
    const dir = tmp();
    refusedAtOnce(
      await cli("run", "--specs", violating(), "--junit", dir),
      /': EISDIR: it is a folder \(--junit;/,
    );
    // /sys refuses new files even to root (whose access() checks all pass).
    refusedAtOnce(
      await cli("run", "--specs", violating(), "--json", "/sys/maple-check.json"),
      /'\/sys\/maple-check\.json': E[A-Z]+ \(--json;/,
    );
    const same = join(dir, "r.xml");
    refusedAtOnce(
      await cli("run", "--specs", violating(), "--json", same, "--junit", same),
      /^maple-check: --json and --junit both name '.*r\.xml'; nothing was run$/,
    );
  });

  it("a missing --html/--emit-test folder is created, and trying a file leaves nothing behind", async () => {
    const dir = tmp();
    const r = await cli(
      "run",
      "--specs",
      specDir(OK),
      "--json",
      join(dir, "r.json"),
      "--html",
      join(dir, "a", "b"),
    );
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, "a", "b"))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, "r.json"), "utf8")).verdict).toBe("pass");
    const bad = await cli(
      "run",
      "--specs",
      specDir(OK),
      "--json",
      join(dir, "j.json"),
      "--junit",
      "/no/such/dir/j.xml",
    );
    expect(bad.code).toBe(4);
    expect(existsSync(join(dir, "j.json"))).toBe(false);
  });
});

describe("maple-check run: a report that fails after the run", () => {
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });

  /** Runs the CLI and removes `folder` as soon as the summary is printed (before the reports). */
  async function removingFolderAfterSummary(folder: string, ...argv: string[]) {
    mkdirSync(folder);
    let out = "";
    let err = "";
    const sink = (add: (s: string) => void) =>
      ((chunk: string | Uint8Array, ...rest: unknown[]) => {
        add(String(chunk));
        if (/\d+ specs?: /.test(out)) rmSync(folder, { recursive: true, force: true });
        (rest.find((r) => typeof r === "function") as (() => void) | undefined)?.();
        return true;
      }) as typeof process.stdout.write;
    vi.spyOn(process.stdout, "write").mockImplementation(sink((s) => (out += s)));
    vi.spyOn(process.stderr, "write").mockImplementation(sink((s) => (err += s)));
    const code = await main(argv);
    vi.restoreAllMocks();
    return { code, out, err };
  }

  it("keeps a violation's exit 1 and says which report was lost", async () => {
    const folder = join(tmp(), "reports");
    const r = await removingFolderAfterSummary(
      folder,
      "run",
      "--specs",
      violating(),
      "--json",
      join(folder, "r.json"),
      "--junit",
      join(folder, "r.xml"),
    );
    expect(r.out).toContain("inversion-expected-pass: violation (expected pass)");
    expect(r.code).toBe(1);
    expect(r.err.trimEnd().split("\n")).toEqual([
      expect.stringMatching(/^maple-check: cannot write the JSON report '.*r\.json': ENOENT$/),
      expect.stringMatching(/^maple-check: cannot write the JUnit report '.*r\.xml': ENOENT$/),
    ]);
  });

  it("a passing run whose report is lost exits 4", async () => {
    const folder = join(tmp(), "reports");
    const r = await removingFolderAfterSummary(
      folder,
      "run",
      "--specs",
      specDir(OK),
      "--json",
      join(folder, "r.json"),
    );
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/^maple-check: cannot write the JSON report '.*r\.json': ENOENT\n$/);
  });
});
