/**
 * A spec's identity for replay tokens: a short hash of its content as the schema reads it,
 * serialized canonically (object keys sorted, absent fields left out), so the same spec hashes
 * the same whatever its file's key order, indentation or default fields written out.
 */
import { createHash } from "node:crypto";
import type { Spec } from "../spec/schema.js";

/** Hex digits of the hash a token carries: enough to tell edits apart, short enough to paste. */
export const SPEC_HASH_DIGITS = 12;

/** JSON with every object's keys in sorted order; undefined fields are left out, as JSON does. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function specHash(spec: Spec): string {
  return createHash("sha256").update(canonicalJson(spec)).digest("hex").slice(0, SPEC_HASH_DIGITS);
}
