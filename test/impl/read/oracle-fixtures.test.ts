/**
 * Conformance against the kernel oracle: each fixture trace was run through
 * /tmp/maple-oracle/maple-oracle --guard (outputs committed beside it); the trees are rebuilt
 * word by word from its `nodes` lines and every read operation must print what the kernel did.
 * The traces come from fixtures/gen-traces.mjs (read, gap, cursor, corrupt) and
 * fixtures/gen-state-table.mjs (every cursor function from every status).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { replay } from "./replay.js";

const dir = new URL("./fixtures/", import.meta.url);
const load = (name: string) => readFileSync(new URL(name, dir), "utf8");

describe.each(["read", "gap", "cursor", "corrupt", "state-table"])("oracle fixture %s", (name) => {
  it("matches the kernel line for line", () => {
    const { mismatches, compared } = replay(load(`${name}.trace`), load(`${name}.out`));
    expect(compared).toBeGreaterThan(100);
    expect(mismatches.slice(0, 10)).toEqual([]);
  });
});
