/**
 * Generated scenarios: fast-check draws them, the explorer enumerates each one; a failure is
 * shrunk as a scenario (fewer, smaller lines) and then as a schedule (fewest preemptions).
 */
import { describe, expect, it } from "vitest";
import { runSpec } from "../../../src/checker/run/run-spec.js";
import { parseToken } from "../../../src/checker/run/replay-token.js";
import { plantedFaultSpec, specNamed } from "./helpers.js";

describe("generated scenarios", () => {
  it("the RCU spec passes: every generated scenario explored completely", () => {
    const o = runSpec(specNamed("explore-generated-rcu"));
    expect(o.verdict).toBe("pass");
    expect(o.scenarios).toBe(12);
    expect(o.exploration).toHaveLength(12);
    for (const e of o.exploration ?? []) expect(e.verdict).toBe("pass");
  });

  it("a planted fault (node store in place under RCU) shrinks to a small scenario", () => {
    const o = runSpec(plantedFaultSpec("node-store-in-place-in-rcu"));
    console.log(o.counterexample?.body.split("\n").slice(0, 8).join("\n"), o.counterexample?.size, o.scenarios);
    expect(o.verdict).toBe("violation");
    const cx = o.counterexample;
    if (cx === undefined) throw new Error("no counterexample");
    const token = parseToken(cx.replayToken);
    expect(token.mode).toBe("explore");
    expect(cx.size.preemptions).toBeLessThanOrEqual(2);
    expect(cx.size.commands).toBeLessThanOrEqual(12);
  });
});
