/**
 * Explore specs that expect a violation pin it (reader, line, answer) and name a fixed twin that
 * passes: another answer in the same scenario fails the spec; a spec without pin or twin, or
 * with a twin that does not pass, is refused when specs are loaded.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { meetsExpectation } from "../../../src/checker/run/outcome.js";
import { checkPinAndTwin } from "../../../src/checker/run/pin.js";
import { selectSpecs } from "../../../src/checker/run/run-all.js";
import { runSpec } from "../../../src/checker/run/run-spec.js";
import { specNamed, variant } from "./helpers.js";

describe("pinned violations", () => {
  it("the violation found is the pinned one, and the spec keeps its verdict", () => {
    const o = runSpec(specNamed("explore-seed-bug-rcu-off"));
    expect(o.counterexample?.found).toEqual({
      reader: "walk-then-prev",
      line: "mprev 0",
      answer: "2 12288 16383 active",
    });
    expect(o.pinMismatch).toBeUndefined();
    expect(meetsExpectation(o)).toBe(true);
  });

  it("a crash is pinned as `crash`", () => {
    const o = runSpec(specNamed("explore-next-emptied-tree"));
    expect(o.counterexample?.found).toEqual({
      reader: "next-from-0",
      line: "next 0 1",
      answer: "crash",
    });
    expect(meetsExpectation(o)).toBe(true);
  });

  it("another answer in the same scenario fails the spec, though the verdict is a violation", () => {
    const spec = variant("explore-seed-bug-rcu-off", (j) => {
      j.pin.answer = "4 36864 40959 active";
    });
    const o = runSpec(spec);
    expect(o.verdict).toBe("violation");
    expect(o.pinMismatch).toBe(
      'pinned walk-then-prev `mprev 0` -> "4 36864 40959 active", found walk-then-prev `mprev 0` -> "2 12288 16383 active"',
    );
    expect(meetsExpectation(o)).toBe(false);
  });

  it("a planted fault in the pinned scenario of another bug is caught as different", () => {
    // explore-seed-bug-rcu-on with the fault of explore-fault-node-store-in-place finds that
    // fault's answer; pinned to the load reader, the spec fails.
    const spec = variant("explore-fault-node-store-in-place", (j) => {
      j.pin = { reader: "load-in-C", line: "load 0x9500", answer: "null" };
    });
    const o = runSpec(spec);
    expect(o.verdict).toBe("violation");
    expect(o.pinMismatch).toMatch(/found walk-then-prev `mprev 0`/);
  });

  it("every explore spec of specs/ that expects a violation has a pin and a passing twin", () => {
    const specs = selectSpecs("specs", []);
    const pinned = specs.filter((s) => s.pin !== undefined);
    expect(pinned.length).toBeGreaterThanOrEqual(15);
    for (const s of pinned) {
      const twin = specs.find((t) => t.name === s.twin);
      expect(twin?.expect).toBe("pass");
    }
  });

  it("load refuses a missing pin, a missing twin, and a twin that does not pass", () => {
    const dir = mkdtempSync(join(tmpdir(), "maple-pin-"));
    const base = specNamed("explore-seed-bug-rcu-off");
    const write = (name: string, json: object) =>
      writeFileSync(join(dir, `${name}.json`), JSON.stringify(json));
    write("fails", { ...base, name: "fails", pin: undefined, twin: undefined });
    expect(() => selectSpecs(dir, ["fails"])).toThrow(/pins it/);
    write("no-twin", { ...base, name: "no-twin", twin: undefined });
    expect(() => selectSpecs(dir, ["no-twin"])).toThrow(/names its fixed twin/);
    write("lost-twin", { ...base, name: "lost-twin", twin: "nowhere" });
    expect(() => selectSpecs(dir, ["lost-twin"])).toThrow(/twin nowhere is not a spec/);
    write("bad-twin", { ...base, name: "bad-twin", twin: "fails" });
    expect(() => selectSpecs(dir, ["bad-twin"])).toThrow(/must expect a pass/);
    write("good-twin", { ...base, name: "good-twin", twin: "pass-twin" });
    write("pass-twin", { ...specNamed("explore-seed-bug-rcu-on"), name: "pass-twin" });
    expect(() => checkPinAndTwin(selectSpecs(dir, ["good-twin"])[0], dir)).not.toThrow();
  });
});
