import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  loadSpecDir,
  loadSpecFile,
  parseSpec,
  SpecError,
} from "../../../src/checker/spec/load-spec.js";

const minimal = {
  name: "x",
  mode: "sequential",
  expect: "pass",
  sequential: { runs: 3 },
};

describe("spec loading", () => {
  it("fills defaults for a minimal sequential spec", () => {
    const s = parseSpec(JSON.stringify(minimal), "inline");
    expect(s.tree).toEqual({ flags: [], geometry: "kernel", faults: [] });
    expect(s.sequential).toMatchObject({ runs: 3, seed: 1, maxCommands: 40, universe: "small" });
  });

  it.each([
    ["{", /not valid JSON/],
    [JSON.stringify({ ...minimal, mode: "fuzz" }), /mode: Invalid option/],
    [JSON.stringify({ ...minimal, sequential: undefined }), /sequential: a sequential spec needs/],
    [JSON.stringify({ ...minimal, tree: { flags: ["rcu", "lock"] } }), /tree\.flags\.1/],
    [JSON.stringify({ ...minimal, extra: 1 }), /Unrecognized key/],
    [JSON.stringify({ ...minimal, sequential: { runs: -1 } }), /sequential\.runs/],
    [JSON.stringify({ ...minimal, name: "Bad Name" }), /name: lower-case/],
  ])("rejects %s with one clear line", (text, message) => {
    let error: unknown;
    try {
      parseSpec(text, "specs/x.json");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SpecError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain("\n");
  });

  it("rejects a mix that weights a command the sequential checker does not have", () => {
    const spec = { ...minimal, sequential: { runs: 3, mix: { store: 2, stroe: 4 } } };
    expect(() => parseSpec(JSON.stringify(spec), "inline")).toThrow(
      'x: sequential.mix: "stroe" is not a command of the sequential checker',
    );
  });

  it("accepts every command name the sequential checker has in a mix", () => {
    const spec = { ...minimal, sequential: { runs: 3, mix: { fill: 1, mstorenw: 2, rgap: 0 } } };
    expect(parseSpec(JSON.stringify(spec), "inline").sequential?.mix).toEqual({
      fill: 1,
      mstorenw: 2,
      rgap: 0,
    });
  });

  it("rejects an explore line that is not an operation of the protocol", () => {
    const spec = {
      name: "x",
      mode: "explore",
      expect: "pass",
      explore: { prefix: ["store 1 2 3"], writer: ["frob 1 2"], readers: [["load 1"]] },
    };
    expect(() => parseSpec(JSON.stringify(spec), "inline")).toThrow(
      /explore\.writer\.0: "frob 1 2" is not an operation/,
    );
  });

  it.each([
    ["load 18446744073709551616", "index out of range"],
    ["load -1", "index out of range"],
    ["store 1 2 -3", "value out of range"],
  ])("says a spec line %j has an %s, not that it is no operation", (line, reason) => {
    const spec = {
      name: "x",
      mode: "explore",
      expect: "pass",
      explore: { prefix: ["store 1 2 3"], writer: ["erase 1"], readers: [[line]] },
    };
    expect(() => parseSpec(JSON.stringify(spec), "inline")).toThrow(
      `x: explore.readers.0.0: "${line}": ${reason}`,
    );
  });

  it("requires the name to match the file name", () => {
    const dir = mkdtempSync(join(tmpdir(), "spec-"));
    writeFileSync(join(dir, "other.json"), JSON.stringify(minimal));
    expect(() => loadSpecFile(join(dir, "other.json"))).toThrow(/must match the file name "other"/);
  });

  it("names a missing file and a missing directory", () => {
    expect(() => loadSpecFile("/nonexistent/x.json")).toThrow(/cannot read \(ENOENT\)/);
    expect(() => loadSpecDir("/nonexistent")).toThrow(/cannot read the spec directory/);
  });

  it("loads every spec shipped in specs/", () => {
    const specs = loadSpecDir("specs");
    expect(specs.length).toBeGreaterThan(5);
    expect(new Set(specs.map((s) => s.name)).size).toBe(specs.length);
  });
});
