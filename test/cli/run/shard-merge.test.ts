import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Certificate } from "../../../src/checker/shard/certificate.js";
import { cli, specDir, tmp } from "./helpers.js";

const NAMES = [
  "explore-guard-gap-rcu-on",
  "explore-seed-bug-rcu-off",
  "explore-fault-stackrot-fixed",
  "explore-generated-rcu",
  "explore-slot-store-both-sides-rcu-on",
  "seq-small-plain",
];

function cert(path: string): Certificate {
  return JSON.parse(readFileSync(path, "utf8")) as Certificate;
}

describe("maple-check run --shard and merge", () => {
  it("N shards cover exactly what one job covers, and merge checks it", { timeout: 60_000 }, async () => {
    const dir = specDir(NAMES);
    const out = tmp();
    const full = join(out, "full.json");
    const one = await cli("run", "--specs", dir, "--runs", "20", "--certificate", full, "--no-times");
    expect(one.code).toBe(0);
    const shards = [1, 2, 3].map((i) => join(out, `s${i}.json`));
    const ran: string[][] = [];
    for (let i = 1; i <= 3; i++) {
      const r = await cli("run", "--specs", dir, "--runs", "20", "--shard", `${i}/3`, "--certificate", shards[i - 1], "--no-times");
      expect(r.code).toBe(0);
      expect(r.out).toMatch(new RegExp(`shard ${i}/3: 2 of 6 specs \\(4 left to the other shards\\)`));
      ran.push(cert(shards[i - 1]).covered.map((c) => c.spec));
    }
    // Every spec in exactly one shard.
    expect(ran.flat().sort()).toEqual([...NAMES].sort());
    const f = cert(full);
    const parts = shards.map(cert);
    expect(parts.every((p) => p.specSet === f.specSet)).toBe(true);
    const sum = (k: "scenarios" | "executions") => parts.reduce((n, p) => n + p.totals[k], 0);
    expect(sum("scenarios")).toBe(f.totals.scenarios);
    expect(sum("executions")).toBe(f.totals.executions);
    expect(f.totals.specs).toBe(6);

    const m = await cli("merge", ...shards, "--against", full);
    expect(m.code).toBe(0);
    expect(m.out).toContain(`merged 3 shards: 6 specs, ${f.totals.scenarios} scenarios, ${f.totals.executions} executions`);
    expect(m.out).toContain("per-spec counts equal the unsharded run's");
    expect(m.out).toContain("verdict: pass");

    const missing = await cli("merge", shards[0], shards[2]);
    expect(missing.code).toBe(4);
    expect(missing.err).toMatch(/^maple-check: missing shard 2\/3\n$/);
    const twice = await cli("merge", shards[0], shards[1], shards[1]);
    expect(twice.code).toBe(4);
    expect(twice.err).toMatch(/shard 2\/3 given twice/);

    // A certificate edited by hand, or one from another run, is refused.
    const edited = cert(shards[0]);
    edited.covered[0].executions += 1;
    writeFileSync(join(out, "edited.json"), JSON.stringify(edited));
    const e = await cli("merge", join(out, "edited.json"), shards[1], shards[2]);
    expect(e.code).toBe(4);
    expect(e.err).toMatch(/edited\.json: totals do not add up to the covered specs/);
    const other = join(out, "other.json");
    await cli("run", "--specs", dir, "--runs", "5", "--shard", "1/3", "--certificate", other);
    const o = await cli("merge", other, shards[1], shards[2]);
    expect(o.code).toBe(4);
    expect(o.err).toMatch(/spec set [0-9a-f]{12} differs from/);
    const against = await cli("merge", ...shards, "--against", other);
    expect(against.code).toBe(4);
  });

  it("a shard with an incomplete spec makes the merge incomplete (exit 2)", async () => {
    const dir = specDir(["explore-guard-gap-rcu-on", "explore-slot-store-both-sides-rcu-on"]);
    const out = tmp();
    const certs = [1, 2].map((i) => join(out, `c${i}.json`));
    const codes: number[] = [];
    for (let i = 1; i <= 2; i++) codes.push((await cli("run", "--specs", dir, "--budget", "20x", "--shard", `${i}/2`, "--certificate", certs[i - 1])).code);
    expect(codes.sort()).toEqual([0, 2]);
    const m = await cli("merge", ...certs);
    expect(m.code).toBe(2);
    expect(m.out).toMatch(/explore-slot-store-both-sides-rcu-on: incomplete \(execution budget of 20 spent\)/);
  });
});
