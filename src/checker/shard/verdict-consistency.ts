/**
 * A shard certificate's verdicts must agree with what it counted and found: a violation has
 * its counterexample's token (for that spec, in that mode) and an incomplete spec the bound it
 * hit, nothing else has either; a whole spec that ran has run something; and the shard's
 * verdict is the one its specs give. A verdict edited by hand fails one of these.
 */

import type { Verdict } from "../run/outcome.js";
import { parseToken } from "../run/replay-token.js";
import type { Certificate, CoveredSpec } from "./certificate.js";

/** Why one covered spec's verdict disagrees with its counts and counterexample, or undefined. */
export function coveredInconsistency(c: CoveredSpec): string | undefined {
  if (c.verdict === "violation") {
    if (c.replayToken === null) return "verdict violation without a counterexample";
    let token: ReturnType<typeof parseToken>;
    try {
      token = parseToken(c.replayToken);
    } catch {
      return "verdict violation with a counterexample token that does not parse";
    }
    if (token.spec !== c.spec) return `counterexample token names spec ${token.spec}`;
    if ((token.mode === "seq") !== (c.mode === "sequential"))
      return `a ${token.mode} counterexample token for a ${c.mode} spec`;
  } else if (c.replayToken !== null)
    return `verdict ${c.verdict} with a counterexample (a violation's)`;
  if (c.verdict === "incomplete" && c.boundHit === null)
    return "verdict incomplete without the bound it hit";
  if (c.verdict !== "incomplete" && c.boundHit !== null)
    return `verdict ${c.verdict} with a bound hit ("${c.boundHit}": an incomplete run's)`;
  if (c.verdict === "not-applicable" && (c.scenarios !== 0 || c.executions !== 0))
    return "verdict not-applicable, yet it ran";
  if ((c.verdict === "pass" || c.verdict === "violation") && c.part === null && c.scenarios === 0)
    return `verdict ${c.verdict} for a whole spec that ran no ${c.mode === "sequential" ? "runs" : "scenarios"}`;
  return undefined;
}

/** The shard's verdict as its specs give it (run-all.ts jobVerdict, on certificate entries). */
export function shardVerdict(covered: readonly CoveredSpec[]): Verdict {
  const pending = (c: CoveredSpec) =>
    c.part !== null && c.verdict === "pass" && c.expected === "violation";
  const missed = (c: CoveredSpec) =>
    c.verdict !== "incomplete" && c.verdict !== "not-applicable" && c.verdict !== c.expected;
  if (covered.some((c) => missed(c) && !pending(c))) return "violation";
  if (covered.some((c) => c.verdict === "incomplete")) return "incomplete";
  return "pass";
}

/** One line naming the first disagreement in a certificate, or undefined when there is none. */
export function certificateInconsistency(cert: Certificate): string | undefined {
  for (const c of cert.covered) {
    const why = coveredInconsistency(c);
    if (why !== undefined) return `spec ${c.spec}: ${why}`;
  }
  const verdict = shardVerdict(cert.covered);
  if (verdict !== cert.verdict) return `verdict ${cert.verdict}, but its specs give ${verdict}`;
  return undefined;
}
