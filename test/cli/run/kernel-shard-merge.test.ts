/**
 * `run --kernel DIR --shard i/N` on explorations the C explorer runs: a big enough schedule
 * space is cut into subtrees planned from the runner's probes (kernel-subtrees.ts), the
 * shards' certificates merge into the unsharded run's counts and verdict, and a violation
 * one shard finds has a token that replays on the whole space.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  type Certificate,
  mergeCertificates,
  parseCertificate,
} from "../../../src/checker/shard/certificate.js";
import { kernelTreeForTests } from "../../backend/kernel/kernel-tree-for-tests.js";
import { cli, specDir, tmp } from "./helpers.js";

const kernel = kernelTreeForTests("6.12");

/** Runs the specs unsharded and as `count` shards; the certificates, read back. */
async function runSharded(
  names: readonly string[],
  count: number,
): Promise<{ dir: string; full: Certificate; shards: { cert: Certificate; source: string }[] }> {
  const dir = specDir(names);
  const out = tmp();
  const read = (f: string) => parseCertificate(readFileSync(f, "utf8"), f);
  const full = join(out, "full.json");
  const one = await cli("run", "--kernel", kernel as string, "--specs", dir, "--certificate", full);
  expect(one.code, one.err).toBe(0);
  const shards = [];
  for (let i = 1; i <= count; i++) {
    const f = join(out, `s${i}.json`);
    const r = await cli(
      "run",
      ...["--kernel", kernel as string, "--specs", dir],
      ...["--shard", `${i}/${count}`, "--certificate", f],
    );
    expect(r.code, r.err).toBe(0);
    shards.push({ cert: read(f), source: f });
  }
  return { dir, full: read(full), shards };
}

describe.skipIf(kernel === undefined)("maple-check run --kernel --shard and merge", () => {
  it("a vma.c exploration cut into subtrees: the merge counts the unsharded run's executions", {
    timeout: 60_000,
  }, async () => {
    const { full, shards } = await runSharded(["mm-explore-vma-merge-new-in-many-612"], 2);
    // Cut for real: each shard explored a part (a tree dealt whole leaves one shard empty).
    for (const { cert } of shards) {
      expect(cert.covered[0].part).toMatchObject({ unit: "subtrees", of: 2 });
      expect(cert.covered[0].executions).toBeGreaterThan(0);
    }
    const merged = mergeCertificates(shards);
    expect(full.totals.executions).toBeGreaterThan(1000);
    expect(merged.totals.executions).toBe(full.totals.executions);
    expect(merged.verdict).toBe(full.verdict);
    expect(merged.covered[0].verdict).toBe("pass");
  });

  it("a big heavy-tailed vma.c tree deals evenly: 4 shards within 1.4 of the mean, merged to the unsharded count", {
    timeout: 240_000,
  }, async () => {
    // 97336 executions; a plan from 8 uniform paths per subtree and 4 subtrees per shard
    // dealt them 29624 14812 44436 8464 (1.83 of the mean).
    const { full, shards } = await runSharded(["mm-explore-vma-mprotect-middle-612"], 4);
    const runs = shards.map(({ cert }) => cert.covered[0].executions);
    const mean = runs.reduce((a, b) => a + b, 0) / runs.length;
    expect(Math.max(...runs) / mean).toBeLessThanOrEqual(1.4);
    const merged = mergeCertificates(shards);
    expect(merged.totals.executions).toBe(full.totals.executions);
    expect(merged.verdict).toBe(full.verdict);
  });

  it("a violation in one shard's subtrees has a token that replays on the whole space", {
    timeout: 60_000,
  }, async () => {
    const { dir, full, shards } = await runSharded(["mm-explore-vma-expand-pre-seed"], 2);
    for (const { cert } of shards) expect(cert.covered[0].executions).toBeGreaterThan(0);
    const merged = mergeCertificates(shards);
    expect(full.covered[0].verdict).toBe("violation");
    expect(merged.covered[0].verdict).toBe("violation");
    expect(merged.verdict).toBe(full.verdict);
    const token = merged.covered[0].replayToken;
    expect(token).toMatch(/^kernel:explore:mm-explore-vma-expand-pre-seed@/);
    const r = await cli("replay", "--kernel", kernel as string, "--specs", dir, token as string);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/— the counterexample reproduces/);
  });
});
