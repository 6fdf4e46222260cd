/**
 * `merge` checks each shard's verdicts against its own counts and counterexamples: a verdict
 * edited by hand is refused with one line and exit 4, never merged.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Certificate } from "../../../src/checker/shard/certificate.js";
import { cli, specDir, tmp } from "./helpers.js";

let certPath = "";
let out = "";

beforeAll(async () => {
  // explore-seed-bug-rcu-off finds its expected violation; explore-guard-gap-rcu-on passes.
  const dir = specDir(["explore-guard-gap-rcu-on", "explore-seed-bug-rcu-off"]);
  out = tmp();
  certPath = join(out, "cert.json");
  const r = await cli("run", "--specs", dir, "--certificate", certPath, "--no-times");
  expect(r.code).toBe(0);
}, 60_000);

/** The certificate with `edit` applied, written beside the original. */
function edited(edit: (c: Certificate) => void): string {
  const c = JSON.parse(readFileSync(certPath, "utf8")) as Certificate;
  edit(c);
  const path = join(out, "edited.json");
  writeFileSync(path, JSON.stringify(c));
  return path;
}

const entry = (c: Certificate, spec: string) => {
  const e = c.covered.find((x) => x.spec === spec);
  if (e === undefined) throw new Error(`no ${spec}`);
  return e;
};

describe("merge: verdicts against counts and counterexamples", () => {
  it("merges the certificate as written", async () => {
    const m = await cli("merge", certPath);
    expect(m.code).toBe(0);
    expect(m.out).toContain("verdict: pass");
  });

  it.each<[string, (c: Certificate) => void, RegExp]>([
    [
      "a violation turned into a pass",
      (c) => {
        entry(c, "explore-seed-bug-rcu-off").verdict = "pass";
      },
      /spec explore-seed-bug-rcu-off: verdict pass with a counterexample \(a violation's\)/,
    ],
    [
      "a violation turned into a pass, its counterexample removed",
      (c) => {
        const e = entry(c, "explore-seed-bug-rcu-off");
        e.verdict = "pass";
        e.replayToken = null;
      },
      /verdict pass, but its specs give violation/,
    ],
    [
      "a pass turned into a violation",
      (c) => {
        entry(c, "explore-guard-gap-rcu-on").verdict = "violation";
      },
      /spec explore-guard-gap-rcu-on: verdict violation without a counterexample/,
    ],
    [
      "a pass turned into incomplete",
      (c) => {
        entry(c, "explore-guard-gap-rcu-on").verdict = "incomplete";
      },
      /spec explore-guard-gap-rcu-on: verdict incomplete without the bound it hit/,
    ],
    [
      "another spec's counterexample",
      (c) => {
        const e = entry(c, "explore-seed-bug-rcu-off");
        e.replayToken = (e.replayToken ?? "").replace("explore-seed-bug-rcu-off", "other");
      },
      /spec explore-seed-bug-rcu-off: counterexample token names spec other/,
    ],
    [
      "the shard's own verdict",
      (c) => {
        c.verdict = "violation";
      },
      /verdict violation, but its specs give pass/,
    ],
  ])("refuses %s", async (_what, edit, pattern) => {
    const r = await cli("merge", edited(edit));
    expect(r.code).toBe(4);
    expect(r.out).toBe("");
    const lines = r.err.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^maple-check: .*edited\.json: /);
    expect(lines[0]).toMatch(pattern);
  });
});
