/**
 * Replay tokens: one line that names a spec, a mode and what it takes to re-run exactly one
 * counterexample with `maple-check replay TOKEN`. <spec>@<hash> is the spec's name and the
 * short hash of its content (spec-hash.ts): a token replays only the spec it was found with.
 *   seq:<spec>@<hash>:<seed>:<path>@<replayPath>
 *       sequential mode: the seed, fast-check's path to the shrunk case (digits and colons),
 *       and the replayPath fast-check's commands() records for it (base64 and colons, maybe
 *       empty); the `@` is always there, so a token cut before it does not parse.
 *   explore:<spec>@<hash>:<bound>:<choices>[:g<seed>:<path>]
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
  /** specHash of the spec the counterexample was found with. */
  hash: string;
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
  /** specHash of the spec the counterexample was found with. */
  hash: string;
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
  if (t.mode === "seq") return `seq:${t.spec}@${t.hash}:${t.seed}:${t.path}@${t.replayPath ?? ""}`;
  const g = t.generated === undefined ? "" : `:g${t.generated.seed}:${t.generated.path}`;
  return `explore:${t.spec}@${t.hash}:${t.bound ?? "u"}:${t.path.join(".")}${g}`;
}

function checkSeed(text: string): number {
  const seed = Number(text);
  if (!Number.isSafeInteger(seed) || seed < -(2 ** 31) || seed >= 2 ** 32)
    throw new ReplayTokenError(`replay token seed out of range: ${text}`);
  return seed;
}

/** The spec's name and hash, as every token starts (after its mode). */
const SPEC = "([a-z0-9][a-z0-9-]*)@([0-9a-f]{12})";

export function parseToken(text: string): ReplayToken {
  const trimmed = text.trim();
  if (trimmed.startsWith("kernel:")) return { ...parseToken(trimmed.slice(7)), backend: "kernel" };
  if (!/^(seq|explore):[a-z0-9][a-z0-9-]*@[0-9a-f]{12}:/.test(trimmed))
    throw new ReplayTokenError(
      `not a replay token: "${text}" (a token starts seq:<spec>@<hash>: or explore:<spec>@<hash>:, as printed with a failure; a token without the spec's hash is from an older maple-check or cut short)`,
    );
  if (trimmed.startsWith("explore:")) return parseExploreToken(trimmed);
  const m = new RegExp(`^seq:${SPEC}:(-?\\d+):([0-9:]*)@([A-Za-z0-9+/:]*)$`).exec(trimmed);
  if (m === null)
    throw new ReplayTokenError(
      `not a replay token: "${text}" (expected seq:<spec>@<hash>:<seed>:<path>@<replayPath>, as printed with a failure; cut short?)`,
    );
  const token: SeqToken = {
    mode: "seq",
    spec: m[1],
    hash: m[2],
    seed: checkSeed(m[3]),
    path: m[4],
  };
  if (m[5] !== "") token.replayPath = m[5];
  return token;
}

function parseExploreToken(text: string): ExploreToken {
  const m = new RegExp(
    `^explore:${SPEC}:(u|\\d+):((?:-?\\d+(?:\\.-?\\d+)*)?)(?::g(-?\\d+):([0-9:]*))?$`,
  ).exec(text);
  if (m === null)
    throw new ReplayTokenError(
      `not an explore replay token: "${text}" (expected explore:<spec>@<hash>:<bound>:<choices>[:g<seed>:<path>])`,
    );
  const bound = m[3] === "u" ? null : Number(m[3]);
  if (bound !== null && !Number.isSafeInteger(bound))
    throw new ReplayTokenError(`replay token bound out of range: ${m[3]}`);
  const path = m[4] === "" ? [] : m[4].split(".").map(Number);
  // A choice is an index into the options of one step: never negative, and far below 2^53.
  const bad = (m[4] === "" ? [] : m[4].split(".")).find(
    (c, i) => c.startsWith("-") || !Number.isSafeInteger(path[i]),
  );
  if (bad !== undefined)
    throw new ReplayTokenError(`replay token choice ${bad}: index out of range in "${text}"`);
  const token: ExploreToken = { mode: "explore", spec: m[1], hash: m[2], bound, path };
  if (m[5] !== undefined) token.generated = { seed: checkSeed(m[5]), path: m[6] ?? "" };
  return token;
}
