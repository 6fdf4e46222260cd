/**
 * The completeness certificate one shard writes, and the merge of N of them. A certificate
 * names the spec set (a hash of the specs and the run options), its shard i/N, what it
 * covered (each spec it ran, with its counts, verdict and whether a bound was hit) and the
 * specs it left to the other shards. `mergeCertificates` accepts a set only when all N
 * shards of the same spec set are there, each once, and together cover every spec exactly
 * once; the merged totals are then those of the unsharded run.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import type { Verdict } from "../run/outcome.js";
import type { JobOutcome } from "../run/run-all.js";
import type { Spec } from "../spec/schema.js";
import type { Shard } from "./shard.js";
import { certificateInconsistency } from "./verdict-consistency.js";

export const CERTIFICATE_FORMAT = "maple-check-certificate/1";

export class CertificateError extends Error {
  readonly code = "MAPLE_CHECK_BAD_CERTIFICATE";
}

const Covered = z.strictObject({
  spec: z.string(),
  mode: z.enum(["sequential", "explore", "mm-sequential", "mm-explore"]),
  verdict: z.enum(["pass", "violation", "incomplete", "not-applicable"]),
  expected: z.enum(["pass", "violation"]),
  scenarios: z.number().int().nonnegative(),
  executions: z.number().int().nonnegative(),
  boundHit: z.string().nullable(),
  replayToken: z.string().nullable(),
  /** A sequential spec's block of runs [from, to) of `of`; null when the whole spec ran here. */
  part: z
    .strictObject({
      unit: z.enum(["runs", "subtrees"]),
      from: z.number().int().nonnegative(),
      to: z.number().int().nonnegative(),
      of: z.number().int().positive(),
    })
    .nullable(),
});

export const Certificate = z.strictObject({
  format: z.literal(CERTIFICATE_FORMAT),
  specSet: z.string().regex(/^[0-9a-f]{64}$/),
  options: z.strictObject({
    seed: z.number().nullable(),
    runs: z.number().nullable(),
    budget: z.string().nullable(),
  }),
  shard: z.strictObject({ index: z.number().int().positive(), count: z.number().int().positive() }),
  specs: z.array(z.string()),
  covered: z.array(Covered),
  totals: z.strictObject({ specs: z.number(), scenarios: z.number(), executions: z.number() }),
  verdict: z.enum(["pass", "violation", "incomplete", "not-applicable"]),
});
export type Certificate = z.infer<typeof Certificate>;
export type CoveredSpec = z.infer<typeof Covered>;

export interface RunOptionsText {
  seed?: number;
  runs?: number;
  budget?: string;
}

/** A hash of the specs (as loaded, defaults filled in) and the options that change the work. */
export function specSetHash(specs: readonly Spec[], opts: RunOptionsText): string {
  const sorted = [...specs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const text = JSON.stringify({
    specs: sorted,
    seed: opts.seed ?? null,
    runs: opts.runs ?? null,
    budget: opts.budget ?? null,
  });
  return createHash("sha256").update(text).digest("hex");
}

export function totalsOf(covered: readonly CoveredSpec[]): Certificate["totals"] {
  return {
    specs: covered.length,
    scenarios: covered.reduce((n, c) => n + c.scenarios, 0),
    executions: covered.reduce((n, c) => n + c.executions, 0),
  };
}

export function makeCertificate(
  specs: readonly Spec[],
  shard: Shard,
  opts: RunOptionsText,
  outcomes: readonly JobOutcome[],
  verdict: Verdict,
): Certificate {
  const covered: CoveredSpec[] = outcomes.map((o) => ({
    spec: o.spec,
    mode: o.mode,
    verdict: o.verdict,
    expected: o.expected,
    scenarios: o.scenarios,
    executions: o.executions,
    boundHit: o.verdict === "incomplete" ? (o.incompleteReason ?? "budget spent") : null,
    replayToken: o.counterexample?.replayToken ?? null,
    part: o.part ?? null,
  }));
  return {
    format: CERTIFICATE_FORMAT,
    specSet: specSetHash(specs, opts),
    options: { seed: opts.seed ?? null, runs: opts.runs ?? null, budget: opts.budget ?? null },
    shard,
    specs: specs.map((s) => s.name).sort(),
    covered,
    totals: totalsOf(covered),
    verdict,
  };
}

export function parseCertificate(text: string, source: string): Certificate {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CertificateError(
      `${source}: not a certificate: not valid JSON (${(e as Error).message})`,
    );
  }
  const parsed = Certificate.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CertificateError(
      `${source}: not a certificate: ${issue.path.length > 0 ? issue.path.join(".") : "(top level)"}: ${issue.message}`,
    );
  }
  const c = parsed.data;
  if (c.shard.index > c.shard.count)
    throw new CertificateError(
      `${source}: shard ${c.shard.index}/${c.shard.count} is out of range`,
    );
  const sum = totalsOf(c.covered);
  if (
    sum.specs !== c.totals.specs ||
    sum.scenarios !== c.totals.scenarios ||
    sum.executions !== c.totals.executions
  )
    throw new CertificateError(
      `${source}: totals do not add up to the covered specs (edited by hand?)`,
    );
  const inconsistent = certificateInconsistency(c);
  if (inconsistent !== undefined)
    throw new CertificateError(`${source}: ${inconsistent} (edited by hand?)`);
  return c;
}

export interface MergeResult {
  count: number;
  covered: CoveredSpec[];
  totals: Certificate["totals"];
  verdict: Verdict;
}

/** One spec's entries from the shards as one: a whole spec once, or parts tiling [0, of). */
function joinParts(spec: string, list: readonly { c: CoveredSpec; source: string }[]): CoveredSpec {
  if (list.length === 1 && list[0].c.part === null) return list[0].c;
  const whole = list.find((x) => x.c.part === null);
  if (whole !== undefined)
    throw new CertificateError(
      `${whole.source}: spec ${spec} covered twice (also by ${list.find((x) => x !== whole)?.source})`,
    );
  const parts = [...list].sort((a, b) => (a.c.part?.from ?? 0) - (b.c.part?.from ?? 0));
  const of = parts[0].c.part?.of ?? 0;
  let at = 0;
  for (const { c, source } of parts) {
    const p = c.part;
    if (
      p === null ||
      p.unit !== parts[0].c.part?.unit ||
      p.of !== of ||
      p.from !== at ||
      p.to < p.from
    )
      throw new CertificateError(
        `${source}: spec ${spec}: runs ${p?.from}-${p?.to} of ${p?.of} do not continue the other shards' runs at ${at} of ${of}`,
      );
    at = p.to;
  }
  if (at !== of) throw new CertificateError(`spec ${spec}: the shards cover runs 0-${at} of ${of}`);
  const cs = parts.map((x) => x.c);
  // The first part that failed holds the unsharded run's first failure (for runs: the same
  // token; a split exploration minimizes preemptions within its part, so its token may differ).
  const failed = cs.find((c) => c.verdict === "violation");
  const verdict =
    failed !== undefined
      ? "violation"
      : cs.some((c) => c.verdict === "incomplete")
        ? "incomplete"
        : cs.every((c) => c.verdict === "not-applicable")
          ? "not-applicable"
          : "pass";
  return {
    spec,
    mode: cs[0].mode,
    verdict,
    expected: cs[0].expected,
    // Every part of a split exploration explores the same one scenario.
    scenarios:
      parts[0].c.part?.unit === "subtrees"
        ? Math.max(...cs.map((c) => c.scenarios))
        : cs.reduce((n, c) => n + c.scenarios, 0),
    executions: cs.reduce((n, c) => n + c.executions, 0),
    boundHit: cs.find((c) => c.boundHit !== null)?.boundHit ?? null,
    replayToken: failed?.replayToken ?? null,
    part: null,
  };
}

/** Checks that the certificates are the N distinct shards of one run and merges them. */
export function mergeCertificates(
  certs: readonly { cert: Certificate; source: string }[],
): MergeResult {
  if (certs.length === 0) throw new CertificateError("no certificates to merge");
  const first = certs[0].cert;
  const n = first.shard.count;
  const byIndex = new Map<number, string>();
  for (const { cert, source } of certs) {
    if (cert.specSet !== first.specSet)
      throw new CertificateError(
        `${source}: spec set ${cert.specSet.slice(0, 12)} differs from ${certs[0].source}'s ${first.specSet.slice(0, 12)} (different specs or options)`,
      );
    if (cert.shard.count !== n)
      throw new CertificateError(
        `${source}: shard ${cert.shard.index}/${cert.shard.count}, but ${certs[0].source} is one of ${n}`,
      );
    const dup = byIndex.get(cert.shard.index);
    if (dup !== undefined)
      throw new CertificateError(
        `${source}: shard ${cert.shard.index}/${n} given twice (also ${dup})`,
      );
    byIndex.set(cert.shard.index, source);
  }
  const missing = Array.from({ length: n }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0)
    throw new CertificateError(
      `missing shard${missing.length > 1 ? "s" : ""} ${missing.map((i) => `${i}/${n}`).join(", ")}`,
    );
  // Every spec covered exactly once: whole by one shard, or by parts that tile its runs.
  const bySpec = new Map<string, { c: CoveredSpec; source: string }[]>();
  for (const { cert, source } of certs)
    for (const c of cert.covered) {
      if (!first.specs.includes(c.spec))
        throw new CertificateError(`${source}: spec ${c.spec} is not in the spec set`);
      const list = bySpec.get(c.spec) ?? [];
      list.push({ c, source });
      bySpec.set(c.spec, list);
    }
  const uncovered = first.specs.filter((s) => !bySpec.has(s));
  if (uncovered.length > 0)
    throw new CertificateError(
      `spec${uncovered.length > 1 ? "s" : ""} not covered by any shard: ${uncovered.join(", ")}`,
    );
  const covered: CoveredSpec[] = [];
  for (const [spec, list] of bySpec) covered.push(joinParts(spec, list));
  covered.sort((a, b) => (a.spec < b.spec ? -1 : a.spec > b.spec ? 1 : 0));
  const verdict: Verdict = covered.some(
    (c) => c.verdict !== "incomplete" && c.verdict !== "not-applicable" && c.verdict !== c.expected,
  )
    ? "violation"
    : covered.some((c) => c.verdict === "incomplete")
      ? "incomplete"
      : "pass";
  return { count: n, covered, totals: totalsOf(covered), verdict };
}
