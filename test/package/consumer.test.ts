/**
 * maple-check as a dependency: `npm pack` of this repository, the tarball installed into a
 * fresh project in tmp, and the project uses it the three ways a user would: its vitest file
 * imports the API from TypeScript (and tsc checks it against the shipped declarations), a
 * plain node ESM script imports it, and `npx maple-check run` runs the project's own specs/.
 * Slow (a pack, an npm install from the registry or its cache): one generous timeout.
 */
import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");
const FIXTURE = join(import.meta.dirname, "consumer");
const SLOW = 600_000;

/** The environment without npm's own variables (`npm test` sets npm_config_local_prefix...). */
const env = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== "INIT_CWD"),
);

/** Runs a command; throws with its output when it fails to start or (unless allowed) exits non-zero. */
function sh(cmd: string, args: string[], cwd: string, okCodes = [0]): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { cwd, env, encoding: "utf8", timeout: SLOW });
  if (r.error !== undefined || !okCodes.includes(r.status ?? -1))
    throw new Error(
      `${cmd} ${args.join(" ")} (in ${cwd}): ${r.error?.message ?? `exit ${r.status}`}\n${r.stdout}\n${r.stderr}`,
    );
  return r;
}

/** A spec of this repository under another name (so a run of it cannot be the package's own). */
function copySpec(from: string, name: string, to: string, change: Record<string, unknown> = {}) {
  const spec = JSON.parse(readFileSync(join(ROOT, "specs", `${from}.json`), "utf8"));
  writeFileSync(join(to, `${name}.json`), JSON.stringify({ ...spec, ...change, name }, null, 2));
}

interface Packed {
  filename: string;
  size: number;
  unpackedSize: number;
  entryCount: number;
  files: Array<{ path: string }>;
}

let packed: Packed;
let project: string;
const work = mkdtempSync(join(tmpdir(), "maple-check-consumer-"));

afterAll(() => rmSync(work, { recursive: true, force: true }));

beforeAll(() => {
  const pack = sh("npm", ["pack", "--json", "--pack-destination", work], ROOT);
  packed = (JSON.parse(pack.stdout) as Packed[])[0] as Packed;

  project = join(work, "project");
  mkdirSync(join(project, "specs"), { recursive: true });
  mkdirSync(join(project, "failing"));
  mkdirSync(join(project, "test"));
  writeFileSync(
    join(project, "package.json"),
    `${JSON.stringify({ name: "consumer", private: true, type: "module" }, null, 2)}\n`,
  );
  copySpec("explore-guard-gap-rcu-on", "consumer-guard-gap", join(project, "specs"));
  copySpec("explore-seed-bug-rcu-off", "consumer-seed-bug", join(project, "specs"));
  copySpec("explore-rcu-reader-inversion", "consumer-inversion", join(project, "failing"), {
    expect: "pass",
  });
  copyFileSync(join(FIXTURE, "api-test.ts"), join(project, "test", "api.test.ts"));
  copyFileSync(join(FIXTURE, "check.mjs"), join(project, "check.mjs"));
  copyFileSync(join(FIXTURE, "tsconfig.json"), join(project, "tsconfig.json"));

  // The consumer's own vitest, the version this repository tests with (likely in npm's cache).
  const vitest = createRequire(join(ROOT, "package.json"))("vitest/package.json").version;
  sh(
    "npm",
    [
      "install",
      "--prefer-offline",
      "--no-audit",
      "--no-fund",
      join(work, packed.filename),
      `vitest@${vitest}`,
    ],
    project,
  );
}, SLOW);

describe("maple-check installed from its tarball into a fresh project", () => {
  it("the tarball holds the built code with its declarations, specs, README and LICENSE, and no tests", () => {
    const paths = packed.files.map((f) => f.path);
    for (const p of [
      "package.json",
      "LICENSE",
      "README.md",
      "dist/src/index.js",
      "dist/src/index.d.ts",
      "dist/src/cli/main.js",
      "specs/seq-small-alloc.json",
      "native/runner/main.c",
    ])
      expect(paths, p).toContain(p);
    const stray = paths.filter(
      (p) =>
        !/^(package\.json|LICENSE|README\.md)$/.test(p) &&
        !/^dist\/src\/.+\.(js|d\.ts)$/.test(p) &&
        !/^specs\//.test(p) &&
        !/^docs\/[a-z-]+\.md$/.test(p) &&
        !/^native\/(runner|explore)\//.test(p),
    );
    expect(stray).toEqual([]);
    expect(readFileSync(join(ROOT, "LICENSE"), "utf8")).toContain("GNU GENERAL PUBLIC LICENSE");
    console.log(
      `maple-check tarball: ${packed.filename}, ${packed.size} bytes packed, ${packed.unpackedSize} unpacked, ${packed.entryCount} files`,
    );
  });

  it("its vitest file imports the API from TypeScript, and the declarations type-check it", () => {
    const run = sh(
      join(project, "node_modules/.bin/vitest"),
      ["run", "--reporter=default", "--reporter=json", "--outputFile.json=vitest.json"],
      project,
    );
    expect(run.status).toBe(0);
    const report = JSON.parse(readFileSync(join(project, "vitest.json"), "utf8"));
    const names = report.testResults.flatMap((f: { assertionResults: Array<{ title: string }> }) =>
      f.assertionResults.map((a) => a.title),
    );
    expect(names).toEqual([
      "consumer-guard-gap (expects pass)",
      "consumer-seed-bug (expects violation)",
      "assertSpec returns the outcome of a spec that meets its expectation",
      "assertSpec throws the counterexample of a spec that does not",
      "the tree itself",
      "the declarations are real types, not `any` (tsc checks this file)",
    ]);
    expect([report.numPassedTests, report.numFailedTests]).toEqual([6, 0]);

    const tsc = join(ROOT, "node_modules/typescript/bin/tsc");
    const check = sh(process.execPath, [tsc, "-p", project], project, [0, 1, 2]);
    expect(`${check.stdout}${check.stderr}`).toBe("");
    expect(check.status).toBe(0);
  });

  it("a plain node ESM script imports it", () => {
    const r = sh(process.execPath, ["check.mjs"], project);
    expect(r.stdout).toBe(
      "consumer-seed-bug violation ok\n1 specs: 1 ok, 0 failed, 0 incomplete\n",
    );
  });

  it("`npx maple-check run` runs the project's own specs/ and says so", () => {
    const r = sh("npx", ["maple-check", "run", "--no-progress", "--no-times"], project);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines.slice(-2)).toEqual([
      "specs folder: ./specs (the current folder's)",
      "2 specs: 2 ok, 0 failed, 0 incomplete",
    ]);
    expect(r.stdout).toMatch(/^consumer-guard-gap\s+explore\s+1\s+\d+\s+pass\s+pass\s+ok$/m);
    expect(r.stdout).toMatch(
      /^consumer-seed-bug\s+explore\s+1\s+\d+\s+violation\s+violation\s+ok$/m,
    );
    expect(r.stdout).not.toContain("seq-small");
  });

  it("`npx maple-check run --specs DIR` fails (exit 1) on a spec of that folder that does not meet its expectation", () => {
    const r = sh(
      "npx",
      ["maple-check", "run", "--no-progress", "--specs", "failing"],
      project,
      [1],
    );
    expect(r.stdout).toContain("consumer-inversion: violation (expected pass) — FAILED");
    expect(r.stdout.trimEnd().split("\n").slice(-2)).toEqual([
      "specs folder: failing",
      "1 specs: 0 ok, 1 failed, 0 incomplete",
    ]);
  });
});
