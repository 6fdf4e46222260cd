/**
 * A sequential spec whose prefix itself fails (here on a planted tree fault) is a violation
 * whose counterexample is `init` and the prefix up to the failing line, each line once, and
 * its replay token fails the same way; a failure after the prefix still shows the whole
 * prefix and then the shrunk commands.
 */
import { describe, expect, it } from "vitest";
import { parseToken } from "../../../src/checker/run/replay-token.js";
import { runSpec } from "../../../src/checker/run/run-spec.js";
import { parseSpec } from "../../../src/checker/spec/load-spec.js";

const PREFIX = ["store 3 3 1", "erase 3", "store 5 6 null", "load 5", "load 0"];

const specWith = (faults: string[], prefix: string[], runs = 10) =>
  parseSpec(
    JSON.stringify({
      name: "seq-prefix-cx",
      mode: "sequential",
      tree: { flags: [], geometry: "kernel", faults },
      expect: "pass",
      sequential: { runs, seed: 4, maxCommands: 4, universe: "small", prefix },
    }),
    "inline",
  );

describe("a sequential counterexample", () => {
  it("is init and the prefix up to its failing line, once, when the prefix fails", () => {
    const s = specWith(["store-null-expands-root"], PREFIX);
    const o = runSpec(s);
    expect(o.verdict).toBe("violation");
    expect(o.counterexample?.error).toMatch(/^validate differs after `store 5 6 null`/);
    expect(o.counterexample?.body).toBe(
      `${["# oracle-flags: --guard", "init 0", ...PREFIX.slice(0, 3)].join("\n")}\n`,
    );
    expect(o.counterexample?.size).toEqual({ commands: 3 });
    const token = parseToken(o.counterexample?.replayToken ?? "");
    if (token.mode !== "seq") throw new Error(`not a sequential token: ${token.mode}`);
    const again = runSpec(s, { seed: token.seed, path: token.path, replayPath: token.replayPath });
    expect(again.counterexample?.body).toBe(o.counterexample?.body);
  });

  it("is the whole prefix and then the shrunk commands when the failure comes after it", () => {
    const prefix = ["store 0 0 1", "erase 0"];
    const o = runSpec(specWith(["store-null-expands-root"], prefix, 200));
    expect(o.verdict).toBe("violation");
    const body = (o.counterexample?.body ?? "").trimEnd().split("\n");
    expect(body.slice(0, 4)).toEqual(["# oracle-flags: --guard", "init 0", ...prefix]);
    // The rest is the shrunk commands alone, each line of them once.
    expect(body.length - 4).toBe(o.counterexample?.size?.commands);
  });
});
