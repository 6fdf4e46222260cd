import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, specDir, tmp, variant } from "./helpers.js";

const PASSING = [
  "explore-guard-gap-rcu-on",
  "explore-seed-bug-rcu-off",
  "explore-fault-stackrot-fixed",
];

describe("maple-check run: verdicts and exit codes", () => {
  it("exits 0 when every spec meets its expectation, expected violations included", async () => {
    const r = await cli("run", "--specs", specDir(PASSING));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /^spec\s+mode\s+scenarios\s+executions\s+verdict\s+expected\s+result\s+time$/m,
    );
    expect(r.out).toMatch(
      /^explore-seed-bug-rcu-off\s+explore\s+1\s+\d+\s+violation\s+violation\s+ok\s+\d+\.\d\ds$/m,
    );
    expect(r.out).toContain("3 specs: 3 ok, 0 failed, 0 incomplete");
    // Expected violations are not printed as counterexamples.
    expect(r.out).not.toContain("replay:");
  });

  it("exits 1 and prints the counterexample (timeline in columns) when a spec fails unexpectedly", async () => {
    const dir = specDir(
      [],
      variant("inversion-expected-pass", "explore-rcu-reader-inversion", { expect: "pass" }),
    );
    const r = await cli("run", "--specs", dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain("inversion-expected-pass: violation (expected pass) — FAILED");
    expect(r.out).toMatch(
      /replay: maple-check replay --specs \S+ explore:inversion-expected-pass@[0-9a-f]{12}:u:[\d.]+/,
    );
    expect(r.out).toMatch(/step \| writer\s+\| walk-new\s+\| cursor-old/);
    expect(r.out).toContain("model range maps the reader may see");
    expect(r.out).toMatch(/S0 is \[4096,8191\]=1/);
    expect(r.out).toMatch(
      /^inversion-expected-pass\s+explore\s+1\s+\d+\s+violation\s+pass\s+FAILED/m,
    );
  });

  it("exits 1 when a spec expected to fail stops failing", async () => {
    const dir = specDir(
      [],
      variant("fixed-expected-violation", "explore-fault-stackrot-fixed", { expect: "violation" }),
    );
    const r = await cli("run", "--specs", dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      /^fixed-expected-violation\s+explore\s+1\s+\d+\s+pass\s+violation\s+FAILED/m,
    );
  });

  it("exits 2 (incomplete, never a pass) when an executions budget cuts a spec short", async () => {
    const r = await cli(
      "run",
      "--specs",
      specDir(["explore-slot-store-both-sides-rcu-on"]),
      "--budget",
      "10x",
      "--no-times",
    );
    expect(r.code).toBe(2);
    expect(r.out).toMatch(
      /^explore-slot-store-both-sides-rcu-on\s+explore\s+1\s+10\s+incomplete\s+pass\s+INCOMPLETE$/m,
    );
    expect(r.out).toContain("execution budget of 10 spent");
  });

  it("exits 2 when a time budget is spent before a spec starts", async () => {
    const r = await cli("run", "--specs", specDir(PASSING), "--budget", "1ms", "--no-times");
    expect(r.code).toBe(2);
    expect(r.out).toContain("incomplete");
    expect(r.out).toContain("time budget of 1ms spent before it started");
  });

  it("exits 2 when a time budget runs out inside a running spec", async () => {
    const r = await cli(
      "run",
      "--specs",
      specDir(["seq-small-deep-alloc"]),
      "--runs",
      "10000000",
      "--budget",
      "300ms",
      "--no-times",
    );
    expect(r.code).toBe(2);
    // A sequential spec's scenarios and executions columns hold its runs and commands: said so.
    expect(r.out).toMatch(
      /^seq-small-deep-alloc\s+sequential\s+\d+ runs?\s+\d+ commands?\s+incomplete\s+pass\s+INCOMPLETE$/m,
    );
    // The header of an incomplete spec says so, not FAILED.
    expect(r.out).toMatch(
      /^seq-small-deep-alloc: incomplete \(expected pass\) — INCOMPLETE; \d+ runs, \d+ commands$/m,
    );
    expect(r.out).not.toContain("FAILED");
    expect(r.out).toMatch(/time budget spent after \d+ of 10000000 runs/);
  });

  it("runs only the specs named, by name or by path", async () => {
    const dir = specDir(PASSING);
    const r = await cli(
      "run",
      "--specs",
      dir,
      "explore-guard-gap-rcu-on",
      join(dir, "explore-seed-bug-rcu-off.json"),
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain("2 specs: 2 ok");
    expect(r.out).not.toContain("explore-fault-stackrot-fixed");
  });

  it("writes JSON and JUnit reports", async () => {
    const out = tmp();
    const dir = specDir(
      ["explore-guard-gap-rcu-on"],
      variant("inversion-expected-pass", "explore-rcu-reader-inversion", { expect: "pass" }),
    );
    const r = await cli(
      "run",
      "--specs",
      dir,
      "--json",
      join(out, "r.json"),
      "--junit",
      join(out, "r.xml"),
    );
    expect(r.code).toBe(1);
    const json = JSON.parse(readFileSync(join(out, "r.json"), "utf8"));
    expect(json.verdict).toBe("violation");
    expect(json.outcomes.map((o: { spec: string }) => o.spec)).toEqual([
      "explore-guard-gap-rcu-on",
      "inversion-expected-pass",
    ]);
    const xml = readFileSync(join(out, "r.xml"), "utf8");
    expect(xml).toMatch(/<testsuite name="maple-check" tests="2" failures="1" errors="0"/);
    expect(xml).toContain(
      '<testcase name="explore-guard-gap-rcu-on" classname="maple-check.explore"',
    );
    expect(xml).toMatch(
      /<failure type="violation" message="violation \(expected pass\): check-failed: not linearizable/,
    );
    // Quotes and angle brackets of the counterexample are escaped.
    expect(xml).toContain("-&gt; &quot;3 20480 32767 active&quot;");
    expect(xml).not.toMatch(/-> "/);
  });
});

describe("maple-check run: same seed, same output", () => {
  it("prints byte-identical output twice with --no-times", async () => {
    const dir = specDir(
      ["explore-generated-rcu", "explore-fault-stackrot"],
      variant("inversion-expected-pass", "explore-rcu-reader-inversion", { expect: "pass" }),
    );
    const a = await cli("run", "--specs", dir, "--seed", "7", "--runs", "3", "--no-times");
    const b = await cli("run", "--specs", dir, "--seed", "7", "--runs", "3", "--no-times");
    expect(a.code).toBe(1);
    expect(a.out.length).toBeGreaterThan(1000);
    expect(b.out).toBe(a.out);
    expect(a.out).not.toMatch(/\d\.\d\d s|\d\.\d\ds/);
  });
});
