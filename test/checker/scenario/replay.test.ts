/** Explore replay tokens: they round-trip, and they re-run exactly the reported execution. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatOutcome } from "../../../src/checker/report/format-outcome.js";
import {
  parseToken,
  ReplayTokenError,
  stringifyToken,
} from "../../../src/checker/run/replay-token.js";
import { runSpec } from "../../../src/checker/run/run-spec.js";
import { plantedFaultSpec, specNamed } from "./helpers.js";

describe("explore tokens", () => {
  it("round-trip through stringify and parse", () => {
    const token = fc.record(
      {
        mode: fc.constant("explore" as const),
        spec: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/),
        hash: fc.stringMatching(/^[0-9a-f]{12}$/),
        bound: fc.option(fc.nat(20), { nil: null }),
        path: fc.array(fc.nat(40), { maxLength: 30 }),
        generated: fc.record({
          seed: fc.integer({ min: -(2 ** 31), max: 2 ** 32 - 1 }).map((s) => s + 0),
          path: fc.array(fc.nat(40), { maxLength: 12 }).map((xs) => xs.join(":")),
        }),
      },
      { requiredKeys: ["mode", "spec", "hash", "bound", "path"] },
    );
    fc.assert(
      fc.property(token, (t) => {
        expect(parseToken(stringifyToken(t))).toEqual(t);
      }),
      { seed: 1 },
    );
  });

  it("keep seq tokens as they were", () => {
    const t = {
      mode: "seq" as const,
      spec: "seq-small-alloc",
      hash: "0123456789ab",
      seed: 5,
      path: "1:2:3",
    };
    expect(parseToken(stringifyToken(t))).toEqual(t);
    expect(
      stringifyToken({
        mode: "explore",
        spec: "x",
        hash: "0123456789ab",
        bound: null,
        path: [0, 1, 0],
      }),
    ).toBe("explore:x@0123456789ab:u:0.1.0");
  });

  it.each([
    "explore:x",
    "explore:x:u",
    "explore:x:u:0",
    "explore:x@0123456789ab",
    "explore:x@0123456789ab:u",
    "explore:x@0123456789a:u:0",
    "explore:X@0123456789ab:u:0",
    "explore:x@0123456789ab:-1:0",
    "explore:x@0123456789ab:u:0..1",
    "explore:x@0123456789ab:u:0:g1",
    "explore:x@0123456789ab:u:a",
  ])("rejects %j with a ReplayTokenError", (text) => {
    expect(() => parseToken(text)).toThrow(ReplayTokenError);
  });
});

describe("replaying a violation", () => {
  for (const name of [
    "explore-seed-bug-rcu-off",
    "explore-fault-append-in-rcu",
    "explore-prev-emptied-tree",
  ]) {
    it(`${name}: the token gives the byte-identical counterexample`, () => {
      const spec = specNamed(name);
      const first = runSpec(spec);
      const cx = first.counterexample;
      if (cx === undefined) throw new Error("no counterexample");
      const token = parseToken(cx.replayToken);
      if (token.mode !== "explore") throw new Error("not an explore token");
      const again = runSpec(spec, { replay: token });
      expect(again.verdict).toBe("violation");
      expect(again.executions).toBe(1);
      expect(again.counterexample?.body).toBe(cx.body);
      expect(again.counterexample?.replayToken).toBe(cx.replayToken);
      expect(formatOutcome(first)).toContain(cx.body.split("\n")[0]);
    });
  }

  it("a generated scenario's token names the shrunk scenario and the execution", () => {
    const spec = plantedFaultSpec("node-store-in-place-in-rcu");
    const first = runSpec(spec);
    const cx = first.counterexample;
    if (cx === undefined) throw new Error("no counterexample");
    const token = parseToken(cx.replayToken);
    if (token.mode !== "explore") throw new Error("not an explore token");
    expect(token.generated).toBeDefined();
    const again = runSpec(spec, { replay: token });
    expect(again.counterexample?.body).toBe(cx.body);
  });

  it("a path that violates nothing replays as incomplete, never pass", () => {
    const spec = specNamed("explore-seed-bug-rcu-on");
    // The first execution (every first choice): its length is the one the explorer names.
    const made = /the execution makes (\d+)/.exec(
      String(
        (() => {
          try {
            runSpec(spec, { replay: zeros(spec.name, 0) });
          } catch (e) {
            return e;
          }
        })(),
      ),
    );
    const o = runSpec(spec, { replay: zeros(spec.name, Number(made?.[1])) });
    expect(o.verdict).toBe("incomplete");
    expect(o.executions).toBe(1);
  });

  it("a path cut short or with choices left over is refused, never replayed as another execution", () => {
    const spec = specNamed("explore-seed-bug-rcu-off");
    const token = parseToken(runSpec(spec).counterexample?.replayToken ?? "");
    if (token.mode !== "explore") throw new Error("not an explore token");
    const n = token.path.length;
    expect(() => runSpec(spec, { replay: { ...token, path: token.path.slice(0, -1) } })).toThrow(
      `the replay path gives ${n - 1} choices where the execution makes ${n}: the token is cut short`,
    );
    expect(() => runSpec(spec, { replay: { ...token, path: [...token.path, 0, 0] } })).toThrow(
      `the replay path has 2 choices left over after the execution's ${n}`,
    );
  });
});

function zeros(spec: string, n: number) {
  return {
    mode: "explore" as const,
    spec,
    hash: "000000000000",
    bound: null,
    path: new Array<number>(n).fill(0),
  };
}

describe("explore token choices", () => {
  it.each([
    ["-1", "replay token choice -1: index out of range"],
    ["18446744073709551616", "replay token choice 18446744073709551616: index out of range"],
  ])("a choice of %s is an index out of range", (choice, message) => {
    expect(() => parseToken(`explore:x@0123456789ab:u:0.${choice}.1`)).toThrow(message);
  });
});
