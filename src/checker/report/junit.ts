/**
 * The outcomes as JUnit XML (the format GitHub Actions, GitLab, Jenkins and others read): one
 * testsuite, one testcase per spec. A spec that missed its expectation is a <failure>, an
 * incomplete one an <error> (never a pass); the counterexample goes in the element's text.
 */

import { meetsExpectation } from "../run/outcome.js";
import type { JobOutcome } from "../run/run-all.js";
import { formatOutcome } from "./format-outcome.js";

/** Escapes text for XML content and attribute values; drops characters XML 1.0 forbids. */
export function xmlEscape(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

export function junitXml(outcomes: readonly JobOutcome[], suite = "maple-check"): string {
  const failures = outcomes.filter(
    (o) => o.verdict !== "incomplete" && !meetsExpectation(o),
  ).length;
  const errors = outcomes.filter((o) => o.verdict === "incomplete").length;
  const skipped = outcomes.filter((o) => o.verdict === "not-applicable").length;
  const time = outcomes.reduce((t, o) => t + o.timeMs, 0) / 1000;
  const cases = outcomes.map((o) => {
    const attrs = `name="${xmlEscape(o.spec)}" classname="${xmlEscape(`maple-check.${o.mode}`)}" time="${(o.timeMs / 1000).toFixed(3)}"`;
    const props = `    <properties>\n      <property name="verdict" value="${o.verdict}"/>\n      <property name="expected" value="${o.expected}"/>\n      <property name="scenarios" value="${o.scenarios}"/>\n      <property name="executions" value="${o.executions}"/>\n    </properties>\n`;
    let body = "";
    if (o.verdict === "not-applicable")
      body = `    <skipped message="${xmlEscape(`not applicable: ${o.notApplicable ?? ""}`)}"/>\n`;
    else if (o.verdict === "incomplete")
      body = `    <error type="incomplete" message="${xmlEscape(o.incompleteReason ?? "budget spent")}">${xmlEscape(formatOutcome(o))}</error>\n`;
    else if (!meetsExpectation(o))
      body = `    <failure type="${o.verdict}" message="${xmlEscape(`${o.verdict} (expected ${o.expected})${o.counterexample ? `: ${o.counterexample.error}` : ""}`)}">${xmlEscape(formatOutcome(o))}</failure>\n`;
    return `  <testcase ${attrs}>\n${props}${body}  </testcase>\n`;
  });
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites name="${xmlEscape(suite)}" tests="${outcomes.length}" failures="${failures}" errors="${errors}" time="${time.toFixed(3)}">\n` +
    `<testsuite name="${xmlEscape(suite)}" tests="${outcomes.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${time.toFixed(3)}">\n` +
    cases.join("") +
    `</testsuite>\n</testsuites>\n`
  );
}
