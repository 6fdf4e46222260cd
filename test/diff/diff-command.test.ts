/**
 * `maple-check diff` end to end, with no kernel: the CLI and a fake runner (fake-runner.ts, the
 * TypeScript tree behind the runner's protocol, optionally with a fault) are compiled once
 * into node_modules/.cache, and the CLI runs as a process, worker thread included. Usage
 * errors run in-process.
 */
import { spawn, spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAULTS } from "../../src/impl/faults.js";
import { parseTrace } from "../../src/trace/parse.js";
import { cli } from "../cli/run/helpers.js";

const ROOT = join(import.meta.dirname, "../..");
let build: string;
let runner: string;
let work: string;

interface Ran {
  code: number | null;
  out: string;
  err: string;
}

/** Runs the compiled CLI's `diff` in `cwd` with the fake runner (and its faults). */
function diff(args: string[], runnerFaults: string[], cwd: string): Promise<Ran> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MAPLE_CHECK_RUNNER: runner,
    FAKE_RUNNER_FAULTS: runnerFaults.join(","),
  };
  delete env.MAPLE_CHECK_KERNEL;
  const main = join(build, "src/cli/main.js");
  const child = spawn(process.execPath, [main, "diff", "--no-times", ...args], { cwd, env });
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => {
    out += d;
  });
  child.stderr.on("data", (d) => {
    err += d;
  });
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, out, err })));
}

const SEED = ["--seed", "1", "--flags", "0", "--traces", "2"];
let same: Ran;
let runnerFault: Ran;
let tsFault: Ran;
let cwd: string;
let out: string;

beforeAll(async () => {
  const cache = join(ROOT, "node_modules/.cache");
  mkdirSync(cache, { recursive: true });
  build = mkdtempSync(join(cache, "maple-check-diff-test-"));
  const tsc = spawnSync(
    join(ROOT, "node_modules/.bin/tsc"),
    [
      ...["--ignoreConfig", "--outDir", build, "--rootDir", ROOT, "--module", "nodenext"],
      ...["--moduleResolution", "nodenext", "--target", "es2022", "--skipLibCheck"],
      ...["--types", "node", "--noCheck"],
      ...[join(ROOT, "src/cli/main.ts"), join(ROOT, "test/diff/fake-runner.ts")],
    ],
    { cwd: ROOT, encoding: "utf8" },
  );
  if (!existsSync(join(build, "src/cli/main.js")))
    throw new Error(`tsc: ${tsc.stdout}${tsc.stderr}`);
  runner = join(build, "fake-runner.sh");
  const fake = join(build, "test/diff/fake-runner.js");
  writeFileSync(runner, `#!/bin/sh\nexec "${process.execPath}" "${fake}" "$@"\n`);
  chmodSync(runner, 0o755);
  work = mkdtempSync(join(tmpdir(), "maple-check-diff-"));
  cwd = mkdtempSync(join(work, "cwd-"));
  out = join(work, "out");
  // The three runs at once: each spawns the runner once per trace and per shrinking step.
  [same, runnerFault, tsFault] = await Promise.all([
    diff([...SEED, "--ops", "20", "--cursor"], [], work),
    diff([...SEED, "--ops", "20"], [FAULTS.rootExpandOmitsLimitPivot], cwd),
    diff(
      [
        ...SEED,
        "--ops",
        "20",
        "--cursor",
        "--ts-fault",
        FAULTS.prevExhaustedSetsPauseNotNone,
        "--out",
        out,
      ],
      [],
      work,
    ),
  ]);
}, 60_000);

afterAll(() => {
  rmSync(build, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

describe("maple-check diff (fake runner)", () => {
  it("reports no divergence against an identical runner, exit 0", () => {
    expect(same.err).toBe("");
    expect(same.code).toBe(0);
    expect(same.out).toContain("traces: 2 run (1 cursor)");
    expect(same.out).toMatch(/\nno divergence\n$/);
  });

  it("finds a runner that differs, shrinks it to a few lines, writes the trace and exits 1", () => {
    const r = runnerFault;
    expect(r.code).toBe(1);
    expect(r.out).toContain("DIVERGENCE (different result) in trace 0");
    expect(r.out).toMatch(/\n {2}> +\d+ /);
    expect(r.out).toContain("first difference: output line");
    const file = "diff-s1-t0.trace";
    const shrunk = readFileSync(join(cwd, file), "utf8");
    expect(parseTrace(shrunk).length).toBeLessThanOrEqual(4);
    expect(r.out).toContain(`\n  ${runner} < ${file}`);
    expect(r.out).toContain(`\n  maple-check trace ${file}`);
    expect(r.out).toMatch(/\ndivergence: trace 0, shrunk to [2-4] operations/);
    // The written trace still tells the two trees apart.
    const env = { ...process.env, FAKE_RUNNER_FAULTS: FAULTS.rootExpandOmitsLimitPivot };
    const k = spawnSync(runner, [], { input: shrunk, env, encoding: "utf8" }).stdout;
    const t = spawnSync(runner, [], { input: shrunk, encoding: "utf8" }).stdout;
    expect(k).not.toBe(t);
  });

  it("finds a fault switched on in the TypeScript tree (--ts-fault), writing to --out", () => {
    const r = tsFault;
    expect(r.code).toBe(1);
    expect(r.out).toContain(`TypeScript tree with faults: ${FAULTS.prevExhaustedSetsPauseNotNone}`);
    const name = join(out, "diff-s1-t1.guard");
    expect(r.out).toContain(`written: ${name}.trace, ${name}.expected,`);
    expect(r.out).toContain(`maple-check trace --guard ${name}.trace`);
    for (const ext of [".trace", ".expected", ".ts.out", ".original.txt"])
      expect(existsSync(`${name}${ext}`)).toBe(true);
    expect(parseTrace(readFileSync(`${name}.trace`, "utf8")).length).toBeLessThanOrEqual(4);
    expect(readFileSync(`${name}.expected`, "utf8")).not.toBe(
      readFileSync(`${name}.ts.out`, "utf8"),
    );
  });
});

describe("maple-check diff usage errors (exit 4, one line)", () => {
  const saved = { ...process.env };
  afterAll(() => {
    process.env = saved;
  });

  async function usage(args: string[], env: Record<string, string | undefined>) {
    process.env = { ...saved, ...env };
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
    const r = await cli("diff", ...args);
    process.env = saved;
    expect(r.code).toBe(4);
    expect(r.out).toBe("");
    expect(r.err.trim().split("\n")).toHaveLength(1);
    return r.err;
  }

  it("without a kernel", async () => {
    const err = await usage([], { MAPLE_CHECK_RUNNER: undefined, MAPLE_CHECK_KERNEL: undefined });
    expect(err).toMatch(/^maple-check: no kernel: pass --kernel DIR/);
  });

  it("with a bad flag set, universe, fault or count, or --unguarded alone", async () => {
    const env = { MAPLE_CHECK_RUNNER: "/bin/true" };
    expect(await usage(["--flags", "alloc,bogus"], env)).toContain('bad flag set "bogus"');
    expect(await usage(["--flags", ","], env)).toContain("no flag set");
    expect(await usage(["--universe", "huge"], env)).toContain("huge");
    expect(await usage(["--ts-fault", "nope"], env)).toContain('unknown --ts-fault "nope"');
    expect(await usage(["--ops", "0"], env)).toContain("bad --ops");
    expect(await usage(["--unguarded"], env)).toContain("needs --cursor");
  });

  it("with a runner that is missing or does not speak the protocol", async () => {
    expect(await usage([], { MAPLE_CHECK_RUNNER: join(tmpdir(), "no-such-runner") })).toContain(
      "is not an executable file",
    );
    expect(await usage([], { MAPLE_CHECK_RUNNER: "/bin/false" })).toContain(
      "does not speak the trace protocol",
    );
  });
});
