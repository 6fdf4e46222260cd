/**
 * Replay tokens: one line that names a spec, a mode and what it takes to re-run exactly one
 * counterexample with `maple-check replay TOKEN`.
 *   seq:<spec>:<seed>:<path>[@<replayPath>]
 *       sequential mode: the seed, fast-check's path to the shrunk case (digits and colons),
 *       and the replayPath fast-check's commands() records for it (base64 and colons).
 *   explore:<spec>:<bound>:<choices>[:g<seed>:<path>]
 *       explore mode: the preemption bound the execution was found with (`u`: none) and its
 *       choices (dot-separated indices, the explorer's replayPath); for a generated scenario
 *       also fast-check's seed and replay path of the (shrunk) scenario.
 * A counterexample found on the kernel's C tree has the prefix `kernel:` (kernel:seq:...): it
 * replays only with --kernel, and a TypeScript-tree token only without it.
 */
import type { BackendName } from "../../backend/backend.js";

export interface SeqToken {
  mode: "seq";
  spec: string;
  seed: number;
  path: string;
  /** fc.commands' replayPath of the shrunk command list ("" when it has none). */
  replayPath?: string;
  /** The tree it was found on, when not the TypeScript tree. */
  backend?: BackendName;
}

export interface ExploreToken {
  mode: "explore";
  spec: string;
  /** Preemption bound of the exploration that found the execution; null = unbounded. */
  bound: number | null;
  /** The explorer's choice path. */
  path: number[];
  /** A generated scenario: fast-check's seed and replay path. */
  generated?: { seed: number; path: string };
  backend?: BackendName;
}

export type ReplayToken = SeqToken | ExploreToken;

export class ReplayTokenError extends Error {
  readonly code = "MAPLE_CHECK_BAD_TOKEN";
}

export function stringifyToken(t: ReplayToken): string {
  const prefix = t.backend !== undefined && t.backend !== "ts" ? `${t.backend}:` : "";
  return prefix + unprefixedToken(t);
}

function unprefixedToken(t: ReplayToken): string {
  if (t.mode === "seq")
    return `seq:${t.spec}:${t.seed}:${t.path}${t.replayPath ? `@${t.replayPath}` : ""}`;
  const g = t.generated === undefined ? "" : `:g${t.generated.seed}:${t.generated.path}`;
  return `explore:${t.spec}:${t.bound ?? "u"}:${t.path.join(".")}${g}`;
}

function checkSeed(text: string): number {
  const seed = Number(text);
  if (!Number.isSafeInteger(seed) || seed < -(2 ** 31) || seed >= 2 ** 32)
    throw new ReplayTokenError(`replay token seed out of range: ${text}`);
  return seed;
}

export function parseToken(text: string): ReplayToken {
  const trimmed = text.trim();
  if (trimmed.startsWith("kernel:")) return { ...parseToken(trimmed.slice(7)), backend: "kernel" };
  if (trimmed.startsWith("explore:")) return parseExploreToken(trimmed);
  const m = /^(seq):([a-z0-9][a-z0-9-]*):(-?\d+):([0-9:]*)(?:@([A-Za-z0-9+/:]+))?$/.exec(trimmed);
  if (m === null)
    throw new ReplayTokenError(
      `not a replay token: "${text}" (expected seq:<spec>:<seed>:<path>[@<replayPath>] or explore:<spec>:<bound>:<choices>, as printed with a failure)`,
    );
  const token: SeqToken = { mode: "seq", spec: m[2], seed: checkSeed(m[3]), path: m[4] };
  if (m[5] !== undefined) token.replayPath = m[5];
  return token;
}

function parseExploreToken(text: string): ExploreToken {
  const m =
    /^explore:([a-z0-9][a-z0-9-]*):(u|\d+):((?:\d+(?:\.\d+)*)?)(?::g(-?\d+):([0-9:]*))?$/.exec(
      text,
    );
  if (m === null)
    throw new ReplayTokenError(
      `not an explore replay token: "${text}" (expected explore:<spec>:<bound>:<choices>[:g<seed>:<path>])`,
    );
  const bound = m[2] === "u" ? null : Number(m[2]);
  if (bound !== null && !Number.isSafeInteger(bound))
    throw new ReplayTokenError(`replay token bound out of range: ${m[2]}`);
  const path = m[3] === "" ? [] : m[3].split(".").map(Number);
  if (path.some((i) => !Number.isSafeInteger(i)))
    throw new ReplayTokenError(`replay token choice out of range in "${text}"`);
  const token: ExploreToken = { mode: "explore", spec: m[1], bound, path };
  if (m[4] !== undefined) token.generated = { seed: checkSeed(m[4]), path: m[5] ?? "" };
  return token;
}
