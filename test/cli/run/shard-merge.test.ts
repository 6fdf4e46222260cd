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
  it("N shards cover exactly what one job covers, and merge checks it", {
    timeout: 60_000,
  }, async () => {
    const dir = specDir(NAMES);
    const out = tmp();
    const full = join(out, "full.json");
    const one = await cli(
      "run",
      "--specs",
      dir,
      "--runs",
      "20",
      "--certificate",
      full,
      "--no-times",
    );
    expect(one.code).toBe(0);
    const shards = [1, 2, 3].map((i) => join(out, `s${i}.json`));
    const ran: string[][] = [];
    for (let i = 1; i <= 3; i++) {
      const r = await cli(
        "run",
        "--specs",
        dir,
        "--runs",
        "20",
        "--shard",
        `${i}/3`,
        "--certificate",
        shards[i - 1],
        "--no-times",
      );
      expect(r.code).toBe(0);
      expect(r.out).toContain(
        `shard ${i}/3: ${i === 3 ? 1 : 0} whole specs (${i === 3 ? 0 : 1} left to the other shards), a part of 5 split specs`,
      );
      ran.push(cert(shards[i - 1]).covered.map((c) => c.spec));
    }
    // The generated explore spec is dealt to one shard (the last); the others are split over
    // all three: the sequential one's 20 runs in three blocks, each exploration's schedule
    // subtrees (these are small: each goes whole to one of the three).
    expect(ran.flat().filter((s) => s === "explore-generated-rcu")).toHaveLength(1);
    expect(
      shards.map((p) => cert(p).covered.find((c) => c.spec === "seq-small-plain")?.part),
    ).toEqual([
      { unit: "runs", from: 0, to: 6, of: 20 },
      { unit: "runs", from: 6, to: 13, of: 20 },
      { unit: "runs", from: 13, to: 20, of: 20 },
    ]);
    const both = shards.map((p) =>
      cert(p).covered.find((c) => c.spec === "explore-slot-store-both-sides-rcu-on"),
    );
    expect(both.map((c) => c?.part)).toEqual(
      [1, 2, 3].map((i) => ({ unit: "subtrees", from: i - 1, to: i, of: 3 })),
    );
    // Too small to cut: one shard explores all of it.
    expect(both.filter((c) => (c?.executions ?? 0) > 0).length).toBe(1);
    const f = cert(full);
    const parts = shards.map(cert);
    expect(parts.every((p) => p.specSet === f.specSet)).toBe(true);
    // Passing specs: the parts' executions add up to the unsharded run's (a failing one stops
    // at its first failure there, while other parts go on).
    for (const c of f.covered.filter((x) => x.verdict === "pass")) {
      const sum = parts
        .flatMap((p) => p.covered.filter((x) => x.spec === c.spec))
        .reduce((n, x) => n + x.executions, 0);
      expect([c.spec, sum]).toEqual([c.spec, c.executions]);
    }
    expect(f.totals.specs).toBe(6);
    expect(both.reduce((n, c) => n + (c?.executions ?? 0), 0)).toBe(
      f.covered.find((c) => c.spec === "explore-slot-store-both-sides-rcu-on")?.executions,
    );

    const m = await cli("merge", ...shards, "--against", full);
    expect(m.code).toBe(0);
    expect(m.out).toMatch(
      new RegExp(`merged 3 shards: 6 specs, ${f.totals.scenarios} scenarios, \\d+ executions`),
    );
    expect(m.out).toContain(
      "per-spec counts (and first counterexamples) equal the unsharded run's",
    );
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

  it("a sequential spec expected to fail: the shards' first failure is the unsharded run's", {
    timeout: 60_000,
  }, async () => {
    const dir = specDir([]);
    const src = join(
      import.meta.dirname,
      "../../../specs/faults/fault-prev-exhausted-sets-pause-not-none.json",
    );
    writeFileSync(
      join(dir, "fault-prev-exhausted-sets-pause-not-none.json"),
      readFileSync(src, "utf8"),
    );
    const out = tmp();
    const full = join(out, "full.json");
    expect((await cli("run", "--specs", dir, "--certificate", full)).code).toBe(0);
    const certs = [1, 2, 3, 4].map((i) => join(out, `p${i}.json`));
    const words: string[] = [];
    for (let i = 1; i <= 4; i++) {
      const r = await cli(
        "run",
        "--specs",
        dir,
        "--shard",
        `${i}/4`,
        "--certificate",
        certs[i - 1],
        "--no-times",
      );
      // A block that passes is not a failure of the shard: the whole spec is judged at merge.
      expect(r.code).toBe(0);
      words.push(r.out.includes(" part\n") ? "part" : "ok");
    }
    expect(words).toContain("ok");
    const m = await cli("merge", ...certs, "--against", full);
    expect(m.code).toBe(0);
    expect(m.out).toContain("verdict: pass");
    const token = cert(full).covered[0].replayToken;
    expect(token).toMatch(/^seq:fault-prev-exhausted-sets-pause-not-none@[0-9a-f]{12}:/);
    expect(certs.map((p) => cert(p).covered[0].replayToken)).toContain(token);
  });

  it("a shard with an incomplete spec makes the merge incomplete (exit 2)", async () => {
    const dir = specDir(["explore-guard-gap-rcu-on", "explore-slot-store-both-sides-rcu-on"]);
    const out = tmp();
    const certs = [1, 2].map((i) => join(out, `c${i}.json`));
    const codes: number[] = [];
    for (let i = 1; i <= 2; i++)
      codes.push(
        (
          await cli(
            "run",
            "--specs",
            dir,
            "--budget",
            "20x",
            "--shard",
            `${i}/2`,
            "--certificate",
            certs[i - 1],
          )
        ).code,
      );
    expect(codes).toContain(2);
    const m = await cli("merge", ...certs);
    expect(m.code).toBe(2);
    expect(m.out).toMatch(
      /explore-slot-store-both-sides-rcu-on: incomplete \(execution budget of 20 spent\)/,
    );
  });
});
