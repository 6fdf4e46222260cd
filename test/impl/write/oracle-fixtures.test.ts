/**
 * Conformance with the kernel oracle: each fixture is a trace whose expected output the oracle
 * produced (fixtures/NAME.out). Lines may carry `#! TYPE` or `#! NONRCU/RCU` to assert the store
 * type mas_wr_store_type chose for that line.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { STORE_TYPE_NAMES, type StoreType } from "../../../src/impl/constants.js";
import { Replayer } from "./replay.js";

const here = dirname(fileURLToPath(import.meta.url));

function fixture(name: string): { lines: string[]; expected: string[] } {
  const lines = readFileSync(join(here, "fixtures", `${name}.txt`), "utf8").split("\n");
  const expected = readFileSync(join(here, "fixtures", `${name}.out`), "utf8").split("\n");
  return { lines, expected };
}

interface Mismatch {
  line: number;
  input: string;
  want: string;
  got: string;
}

function replayFixture(name: string): { mismatches: Mismatch[]; compared: number; typed: number } {
  const { lines, expected } = fixture(name);
  let chosen: string[] = [];
  const r = new Replayer({
    observer: { storeType: (t: StoreType) => chosen.push(STORE_TYPE_NAMES[t]) },
  });
  const mismatches: Mismatch[] = [];
  let oi = 0;
  let typed = 0;
  lines.forEach((raw, i) => {
    const note = raw.match(/#!\s*(\S+)/);
    const input = raw.replace(/#!.*$/, "").trim();
    chosen = [];
    const got = r.run(input);
    if (got === null) return;
    if (got !== expected[oi]) mismatches.push({ line: i + 1, input, want: expected[oi], got });
    oi++;
    if (note) {
      const [plain, rcu] = note[1].split("/");
      const want = r.tree.inRcu ? (rcu ?? plain) : plain;
      typed++;
      const last = chosen.at(-1) ?? "none";
      if (last !== want)
        mismatches.push({ line: i + 1, input: `${input} (store type)`, want, got: last });
    }
  });
  expect(oi).toBe(expected.length - 1);
  return { mismatches, compared: oi, typed };
}

describe("write path matches the kernel oracle", () => {
  for (const name of ["fast-paths", "null-merge", "root-forms", "errors", "cursor-writes"]) {
    it(`${name}: every output line and annotated store type`, () => {
      const { mismatches, compared, typed } = replayFixture(name);
      expect(mismatches).toEqual([]);
      expect(compared).toBeGreaterThan(100);
      if (name !== "cursor-writes") expect(typed).toBeGreaterThan(20);
    });
  }

  it("two-level trees: fast paths in non-root leaves and gap propagation", () => {
    const { mismatches, compared } = replayFixture("gaps");
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(300);
  });

  it("random single-leaf traces in all four flag sets", () => {
    const { mismatches, compared } = replayFixture("random-leaf");
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(compared).toBeGreaterThan(4000);
  });

  it("random traces over the whole 64-bit index space", () => {
    const { mismatches, compared } = replayFixture("random-huge");
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(compared).toBeGreaterThan(1000);
  });

  it("random multi-level traces in all four flag sets", () => {
    const { mismatches, compared } = replayFixture("random-deep");
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(compared).toBeGreaterThan(2500);
  });
});
