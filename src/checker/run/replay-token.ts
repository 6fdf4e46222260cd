/**
 * Replay tokens: one line that names a spec, a mode, a seed and fast-check's replay path, so
 * that `maple-check replay TOKEN` re-runs exactly one counterexample.
 *   seq:<spec>:<seed>:<path>
 * The path uses fast-check's own notation (digits and colons), so the token is split on the
 * first three colons only.
 */
export interface ReplayToken {
  mode: "seq";
  spec: string;
  seed: number;
  path: string;
}

export class ReplayTokenError extends Error {
  readonly code = "MAPLE_CHECK_BAD_TOKEN";
}

export function stringifyToken(t: ReplayToken): string {
  return `${t.mode}:${t.spec}:${t.seed}:${t.path}`;
}

export function parseToken(text: string): ReplayToken {
  const m = /^(seq):([a-z0-9][a-z0-9-]*):(-?\d+):([0-9:]*)$/.exec(text.trim());
  if (m === null)
    throw new ReplayTokenError(`not a replay token: "${text}" (expected seq:<spec>:<seed>:<path>, as printed with a failure)`);
  const seed = Number(m[3]);
  if (!Number.isSafeInteger(seed) || seed < -(2 ** 31) || seed >= 2 ** 32)
    throw new ReplayTokenError(`replay token seed out of range: ${m[3]}`);
  return { mode: "seq", spec: m[2], seed, path: m[4] };
}
