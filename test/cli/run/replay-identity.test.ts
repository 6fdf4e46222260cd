/**
 * Replay tokens stand alone: the printed command names the spec's folder when it is not the
 * default one, and `replay` refuses (exit 4, one line) a token for another version of the spec,
 * a token cut short, and one with choices left over; never a quiet "no longer reproduces".
 */
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, type Ran, replayArgv, specDir, variant } from "./helpers.js";

function refused(r: Ran, pattern: RegExp): void {
  expect(r.code).toBe(4);
  expect(r.out).toBe("");
  const lines = r.err.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
}

// The package's own spec of this name expects the violation; this copy expects a pass.
const SAME_NAME = variant("explore-seed-bug-rcu-off", "explore-seed-bug-rcu-off", {
  expect: "pass",
});

describe("a token from `run --specs DIR`", () => {
  it("is printed with --specs DIR, and that command reproduces it (exit 1)", async () => {
    const dir = specDir([], SAME_NAME);
    const run = await cli("run", "--specs", dir, "--no-times");
    expect(run.code).toBe(1);
    const argv = replayArgv(run.out);
    expect(argv).toEqual([
      "--specs",
      dir,
      expect.stringMatching(/^explore:explore-seed-bug-rcu-off@/),
    ]);
    const r = await cli("replay", "--no-times", ...argv);
    expect(r.code).toBe(1);
    expect(r.out).toContain("— the counterexample reproduces;");
  });

  it("is refused against the package's spec of the same name: the spec hash differs", async () => {
    const run = await cli("run", "--specs", specDir([], SAME_NAME), "--no-times");
    const token = replayArgv(run.out)[2];
    refused(
      await cli("replay", token),
      /^maple-check: spec hash mismatch: the token was found with another version of spec explore-seed-bug-rcu-off \(hash [0-9a-f]{12}; this one's is [0-9a-f]{12}\): replay it with the --specs folder it was found in$/,
    );
  });

  it("is refused cut short or with choices left over", async () => {
    const dir = specDir([], SAME_NAME);
    const [, , token] = replayArgv((await cli("run", "--specs", dir)).out);
    const cut = token.slice(0, token.lastIndexOf("."));
    const n = token.split(":")[3].split(".").length;
    refused(
      await cli("replay", "--specs", dir, cut),
      new RegExp(`gives ${n - 1} choices where the execution makes ${n}: the token is cut short$`),
    );
    refused(
      await cli("replay", "--specs", dir, `${token}.0.1`),
      new RegExp(`the replay path has 2 choices left over after the execution's ${n}$`),
    );
    // Cut inside the spec's hash, or before it (the issue's example): not a token at all.
    refused(await cli("replay", "--specs", dir, token.slice(0, 30)), /not a replay token/);
    refused(
      await cli("replay", "explore:explore-seed-bug-rcu-off:u:0.0.0"),
      /not a replay token: .*cut short/,
    );
  });

  it("for a spec named by path, names the spec's folder", async () => {
    const dir = join(specDir([], SAME_NAME), "nested folder");
    mkdirSync(dir);
    copyFileSync(
      join(dir, "..", "explore-seed-bug-rcu-off.json"),
      join(dir, "explore-seed-bug-rcu-off.json"),
    );
    const run = await cli("run", join(dir, "explore-seed-bug-rcu-off.json"), "--no-times");
    expect(run.code).toBe(1);
    expect(run.out).toMatch(
      /replay: maple-check replay --specs '[^']*\/nested folder' explore:explore-seed-bug-rcu-off@/,
    );
  });

  it("a sequential token cut anywhere is refused, never reported as fixed", async () => {
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
    const [, , token] = replayArgv((await cli("run", "--specs", dir)).out);
    expect((await cli("replay", "--specs", dir, token)).code).toBe(1);
    const at = token.indexOf("@", token.indexOf("@") + 1);
    for (let end = token.indexOf(":", 8); end < token.length; end++) {
      const r = await cli("replay", "--specs", dir, token.slice(0, end));
      expect(r.code, token.slice(0, end)).toBe(4);
      expect(r.err.trimEnd().split("\n")).toHaveLength(1);
      if (end <= at) expect(r.err).toMatch(/not a replay token|cut short/);
    }
  });
});
