/**
 * An outcome as text, in the order a reader needs it: the verdict against the expectation,
 * the replay line to paste back, the minimized counterexample, then a hint.
 */
import { meetsExpectation, type SpecOutcome } from "../run/outcome.js";

export function formatOutcome(o: SpecOutcome): string {
  const ok = meetsExpectation(o);
  const lines = [
    `${o.spec}: ${o.verdict} (expected ${o.expected}) — ${ok ? "ok" : "FAILED"}; ${o.scenarios} ${
      o.mode === "sequential" ? "runs" : "scenarios"
    }, ${o.executions} ${o.mode === "sequential" ? "commands" : "executions"}, ${(o.timeMs / 1000).toFixed(2)} s`,
  ];
  const cx = o.counterexample;
  if (cx) {
    lines.push(`  replay: maple-check replay ${cx.replayToken}`);
    lines.push(`  ${cx.error}`);
    const size = Object.entries(cx.size)
      .map(([k, v]) => `${v} ${k}`)
      .join(", ");
    lines.push(`  minimized counterexample (${size}):`);
    for (const l of cx.body.trimEnd().split("\n")) lines.push(`    ${l}`);
    if (o.mode === "sequential")
      lines.push("  hint: run the trace above on the kernel oracle (maple-oracle --guard) to see whether the tree or the model is wrong");
  }
  return lines.join("\n");
}
