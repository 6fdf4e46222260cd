import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { replayOutcome } from "../../../src/checker/run/run-all.js";
import { loadSpecFile } from "../../../src/checker/spec/load-spec.js";
import { cli, replayArgv, specDir, tmp, variant } from "./helpers.js";

describe("maple-check replay", () => {
  it("re-runs an explore counterexample from its token and prints it again", async () => {
    const dir = specDir(
      [],
      variant("inversion-expected-pass", "explore-rcu-reader-inversion", { expect: "pass" }),
    );
    const run = await cli("run", "--specs", dir, "--no-times");
    const argv = replayArgv(run.out);
    expect(argv.slice(0, 2)).toEqual(["--specs", dir]);
    expect(argv[2]).toMatch(/^explore:inversion-expected-pass@[0-9a-f]{12}:u:/);
    const r = await cli("replay", "--no-times", ...argv);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      /^inversion-expected-pass: violation \(expected pass\) — the counterexample reproduces; 1 scenario, 1 executions$/m,
    );
    expect(r.out).not.toMatch(/— ok/);
    expect(r.out).toContain("check-failed: not linearizable: reader #4 t2");
    // The same timeline, step for step.
    const timeline = (text: string) => text.slice(text.indexOf("timeline (one column"));
    expect(timeline(r.out).split("\n").slice(0, 80)).toEqual(
      timeline(run.out).split("\n").slice(0, 80),
    );
  });

  it("re-runs a sequential counterexample from its token", async () => {
    const dir = specDir(
      [],
      variant("fault-seq", "seq-small-plain", {
        expect: "pass",
        tree: { flags: [], geometry: "small", faults: ["prev-exhausted-sets-pause-not-none"] },
        sequential: {
          runs: 300,
          seed: 20261125,
          maxCommands: 60,
          universe: "small",
          mix: { mprev: 4, mfind: 4, mnext: 3 },
        },
      }),
    );
    const run = await cli("run", "--specs", dir, "--no-times");
    expect(run.code).toBe(1);
    const argv = replayArgv(run.out);
    expect(argv[2]).toMatch(/^seq:fault-seq@[0-9a-f]{12}:20261125:/);
    const r = await cli("replay", ...argv);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      /^fault-seq: violation \(expected pass\) — the counterexample reproduces;/m,
    );
    expect(r.out).toContain("# oracle-flags: --guard");
    const trace = (text: string) =>
      text.slice(text.indexOf("minimized counterexample"), text.indexOf("hint:"));
    expect(trace(r.out)).toBe(trace(run.out));
  });
});

describe("maple-check run --emit-test", () => {
  it("writes a vitest file per counterexample that replays the token and asserts the verdict", async () => {
    const dir = specDir(["explore-seed-bug-rcu-off", "explore-guard-gap-rcu-on"]);
    const out = tmp();
    const r = await cli("run", "--specs", dir, "--emit-test", out);
    expect(r.code).toBe(0);
    expect(readdirSync(out)).toEqual(["explore-seed-bug-rcu-off.regression.test.ts"]);
    const text = readFileSync(join(out, "explore-seed-bug-rcu-off.regression.test.ts"), "utf8");
    const token = /const TOKEN = "([^"]+)";/.exec(text)?.[1] as string;
    expect(token).toMatch(/^explore:explore-seed-bug-rcu-off@[0-9a-f]{12}:/);
    expect(text).toContain('expect(outcome.verdict).toBe("violation");');
    expect(text).toMatch(
      /import \{ replayOutcome \} from "(\.\.\/)+.*src\/checker\/run\/run-all\.js";/,
    );
    // What the emitted test asserts holds: the token replays to the same counterexample.
    const again = replayOutcome(loadSpecFile(join(dir, "explore-seed-bug-rcu-off.json")), token);
    expect(again.verdict).toBe("violation");
    expect(text).toContain(JSON.stringify(again.counterexample?.body));
  });
});
