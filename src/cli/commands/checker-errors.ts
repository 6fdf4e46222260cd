/**
 * The checker's own error classes (bad spec, token, budget, shard, certificate, a harness that
 * does not replay) carry a `MAPLE_CHECK_*` code; at the command line each becomes one line on
 * stderr and exit 4. Anything else is left alone (an internal error, printed with its stack).
 */
import { ExitCode, HarnessError } from "../exit-codes.js";

export function asUsageError(e: unknown): unknown {
  if (e instanceof HarnessError) return e;
  const code = (e as { code?: unknown } | null)?.code;
  if (e instanceof Error && typeof code === "string" && code.startsWith("MAPLE_CHECK_"))
    return new HarnessError(e.message, ExitCode.usage);
  return e;
}

/** Runs `fn`, turning the checker's errors into usage errors. */
export async function usageErrors<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw asUsageError(e);
  }
}

/** Commander argument parsers that reject bad numbers with one line. */
export function intArg(name: string, min: number, max?: number): (text: string) => number {
  return (text: string) => {
    const n = Number(text);
    if (
      !/^-?\d+$/.test(text.trim()) ||
      !Number.isSafeInteger(n) ||
      n < min ||
      (max !== undefined && n > max)
    )
      throw new HarnessError(
        `bad ${name} "${text}": expected a whole number${max !== undefined ? ` from ${min} to ${max}` : min >= 0 ? ` of at least ${min}` : ""}`,
      );
    return n;
  };
}

/** A seed: fast-check takes 32 bits, and replay tokens carry it as printed. */
export const seedArg = intArg("--seed", 0, 2 ** 32 - 1);
