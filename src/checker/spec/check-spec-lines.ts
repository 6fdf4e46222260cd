import { parseLine } from "../../trace/parse.js";
import { mixCommandNames } from "../sequential/check-sequential.js";
import type { Spec } from "./schema.js";
import { SpecError } from "./spec-error.js";

/**
 * An explore spec's written-out lines must each be an operation of the oracle's protocol: a
 * misspelt one would otherwise run as a no-op and the spec pass without checking anything.
 */
export function checkSpecLines(spec: Spec): void {
  if (spec.sequential !== undefined) {
    checkLines(spec, "sequential.prefix", spec.sequential.prefix);
    checkMixNames(spec, spec.sequential.mix);
  }
  const e = spec.explore;
  if (e === undefined) return;
  const groups: [string, readonly string[]][] = [["prefix", e.prefix]];
  if (e.writer) groups.push(["writer", e.writer]);
  (e.readers ?? []).forEach((r, i) => {
    groups.push([
      `readers.${i}${Array.isArray(r) ? "" : ".lines"}`,
      Array.isArray(r) ? r : r.lines,
    ]);
  });
  for (const [where, lines] of groups) checkLines(spec, `explore.${where}`, lines);
}

function checkLines(spec: Spec, where: string, lines: readonly string[]): void {
  lines.forEach((line, i) => {
    const parsed = parseLine(line, i + 1);
    if (parsed !== null && parsed.parsed.kind === "parse-error" && parsed.parsed.reason)
      throw new SpecError(`${spec.name}: ${where}.${i}: "${line}": ${parsed.parsed.reason}`);
    if (parsed === null || parsed.parsed.kind !== "op")
      throw new SpecError(
        `${spec.name}: ${where}.${i}: "${line}" is not an operation of the protocol (${parsed === null ? "blank or comment" : parsed.parsed.kind})`,
      );
  });
}

/** A misspelt command in a mix would weight nothing and leave the intended command at its default. */
function checkMixNames(spec: Spec, mix: Record<string, number>): void {
  const known = new Set(mixCommandNames());
  const unknown = Object.keys(mix).filter((name) => !known.has(name));
  if (unknown.length > 0)
    throw new SpecError(
      `${spec.name}: sequential.mix: ${unknown.map((n) => `"${n}"`).join(", ")} ${unknown.length === 1 ? "is not a command" : "are not commands"} of the sequential checker`,
    );
}
