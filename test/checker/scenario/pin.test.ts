/**
 * Explore specs that expect a violation pin it (reader, line, answer, and a crash's site) and
 * name a fixed twin that passes: another answer or crash site in the same scenario fails the spec; a spec without pin or twin, or
 * with a twin that does not pass, is refused when specs are loaded.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { meetsExpectation, type SpecOutcome } from "../../../src/checker/run/outcome.js";
import {
  checkPinAndTwin,
  needsPin,
  pinMismatch,
  pinUnchecked,
} from "../../../src/checker/run/pin.js";
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

  it("a crash is pinned as `crash`, with the site the tree's error names", () => {
    const o = runSpec(specNamed("explore-next-emptied-tree"));
    expect(o.counterexample?.found).toEqual({
      reader: "next-from-0",
      line: "next 0 1",
      answer: "crash",
      crashIn: "mas_next_slot",
    });
    expect(o.pinMismatch).toBeUndefined();
    expect(meetsExpectation(o)).toBe(true);
  });

  it("a crash whose text names no site is placed by the tree's function on the stack", () => {
    // A dead node's reused pivot is not a number: inc64 throws V8's BigInt TypeError, whose
    // text names no function; u64.ts is a helper, so the site is its caller, mas_prev_slot.
    const o = runSpec(specNamed("explore-fault-dead-prev-node"));
    expect(o.counterexample?.error).toMatch(/TypeError: Cannot mix BigInt/);
    expect(o.counterexample?.found?.crashIn).toBe("mas_prev_slot");
    expect(meetsExpectation(o)).toBe(true);
  });

  it("a crash at another site fails the spec, naming both sites", () => {
    const spec = variant("explore-next-emptied-tree", (j) => {
      j.pin.crashIn = "mas_prev_node";
    });
    const o = runSpec(spec);
    expect(o.verdict).toBe("violation");
    expect(o.pinMismatch).toBe(
      'pinned next-from-0 `next 0 1` -> "crash" in mas_prev_node, found next-from-0 `next 0 1` -> "crash" in mas_next_slot',
    );
    expect(meetsExpectation(o)).toBe(false);
  });

  it("a pinned crash without a site is compared as `crash` only", () => {
    const spec = variant("explore-next-emptied-tree", (j) => {
      delete j.pin.crashIn;
    });
    const o = runSpec(spec);
    expect(o.counterexample?.found?.crashIn).toBe("mas_next_slot");
    expect(o.pinMismatch).toBeUndefined();
    expect(pinUnchecked(spec, o)).toBeUndefined();
    expect(meetsExpectation(o)).toBe(true);
  });

  it("a crash without a site on the TypeScript tree fails a pinned site", () => {
    const spec = specNamed("explore-next-emptied-tree");
    const o = runSpec(spec);
    const found = { reader: "next-from-0", line: "next 0 1", answer: "crash" };
    const unnamed = { ...o, counterexample: { ...o.counterexample, found } } as SpecOutcome;
    expect(pinMismatch(spec, unnamed)).toBe(
      'pinned next-from-0 `next 0 1` -> "crash" in mas_next_slot, found next-from-0 `next 0 1` -> "crash" at a site it does not name',
    );
  });

  it("the C tree's crash is not placed as the TypeScript tree's: the site is left out, said in the report", () => {
    const spec = specNamed("explore-next-emptied-tree");
    const o = runSpec(spec);
    const found = { reader: "next-from-0", line: "next 0 1", answer: "crash" };
    const error =
      "reader-crashed: reader crashed: next-from-0 next 0 1: SIGSEGV: at ma_dead_node:563";
    const onC = {
      ...o,
      backend: "linux 6.12.118",
      counterexample: { ...o.counterexample, error, found },
    } as SpecOutcome;
    expect(pinMismatch(spec, onC)).toBeUndefined();
    expect(pinUnchecked(spec, onC)).toBe(
      "the pinned crash site mas_next_slot (the TypeScript tree's) is not compared: this tree stopped in ma_dead_node",
    );
    const unplaced = { ...onC, counterexample: { ...onC.counterexample, error: "x" } };
    expect(pinUnchecked(spec, unplaced as SpecOutcome)).toMatch(/this tree's crash names no site$/);
    expect(pinUnchecked(spec, o)).toBeUndefined();
  });

  it("only a pinned crash takes a site", () => {
    expect(() =>
      variant("explore-seed-bug-rcu-off", (j) => {
        j.pin.crashIn = "mas_prev_slot";
      }),
    ).toThrow(/only a pinned crash/);
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
    for (const s of specs) checkPinAndTwin(s, "specs", true);
    expect(specs.filter(needsPin).every((s) => s.pin !== undefined && s.twin !== undefined)).toBe(
      true,
    );
    // Sequential specs pin a validator check instead (test/checker/sequential/validator-pin.test.ts).
    const pinned = specs.filter((s) => s.pin !== undefined && !("validate" in s.pin));
    expect(pinned.length).toBeGreaterThanOrEqual(15);
    for (const s of pinned) {
      const twin = specs.find((t) => t.name === s.twin);
      expect(twin?.expect).toBe("pass");
    }
  });

  it("load refuses a twin that is missing or does not pass; strict, a missing pin or twin", () => {
    const dir = mkdtempSync(join(tmpdir(), "maple-pin-"));
    const base = specNamed("explore-seed-bug-rcu-off");
    const write = (name: string, json: object) =>
      writeFileSync(join(dir, `${name}.json`), JSON.stringify(json));
    write("fails", { ...base, name: "fails", pin: undefined, twin: undefined });
    const fails = selectSpecs(dir, ["fails"])[0];
    expect(() => checkPinAndTwin(fails, dir, true)).toThrow(/pins it/);
    write("no-twin", { ...base, name: "no-twin", twin: undefined });
    const noTwin = selectSpecs(dir, ["no-twin"])[0];
    expect(() => checkPinAndTwin(noTwin, dir, true)).toThrow(/names its fixed twin/);
    write("lost-twin", { ...base, name: "lost-twin", twin: "nowhere" });
    const lost = selectSpecs(dir, ["lost-twin"])[0];
    expect(() => checkPinAndTwin(lost, dir, true)).toThrow(/twin nowhere is not a spec/);
    write("bad-twin", { ...base, name: "bad-twin", twin: "fails" });
    expect(() => selectSpecs(dir, ["bad-twin"])).toThrow(/must expect a pass/);
    write("good-twin", { ...base, name: "good-twin", twin: "pass-twin" });
    write("pass-twin", { ...specNamed("explore-seed-bug-rcu-on"), name: "pass-twin" });
    expect(() => checkPinAndTwin(selectSpecs(dir, ["good-twin"])[0], dir)).not.toThrow();
  });
});
