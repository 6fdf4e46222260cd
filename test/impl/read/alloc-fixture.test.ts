/**
 * Allocation against the kernel oracle, run live: the stores go through the write side, the
 * searches and allocations through the read side, and every line (including the `nodes`
 * structure after allocations) must match what the kernel printed (fixtures/alloc.out).
 */
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { replay } from "./replay.js";

const dir = new URL("./fixtures/", import.meta.url);

it("alloc / ralloc / cyclic and gap searches match the kernel", () => {
  const trace = readFileSync(new URL("alloc.trace", dir), "utf8");
  const out = readFileSync(new URL("alloc.out", dir), "utf8");
  const { mismatches, compared } = replay(trace, out, true);
  expect(compared).toBeGreaterThan(2000);
  expect(mismatches.slice(0, 5)).toEqual([]);
});
