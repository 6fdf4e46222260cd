/**
 * Random mixed traces (stores, erases, cursor moves and stores, lookups, gap searches,
 * allocations, validation) replayed live against the kernel oracle's outputs
 * (fixtures/fuzz-N.out, made with gen-fuzz.mjs N 1500 and maple-oracle --guard; fuzz-tiny-N
 * with gen-fuzz.mjs 300+N 800 1 noerase: tiny trees, where the root-entry states occur).
 */
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { replay } from "./replay.js";

const dir = new URL("./fixtures/", import.meta.url);

it.each(["1", "2", "3", "4", "5", "6", "tiny-1", "tiny-2", "tiny-3"])(
  "fuzz trace %s matches the kernel line for line",
  (n) => {
    const trace = readFileSync(new URL(`fuzz-${n}.trace`, dir), "utf8");
    const out = readFileSync(new URL(`fuzz-${n}.out`, dir), "utf8");
    const { mismatches, compared } = replay(trace, out, true);
    expect(compared).toBeGreaterThan(400);
    expect(mismatches.slice(0, 5)).toEqual([]);
  },
);
