/**
 * A run's budget: wall time (`30s`, `2m`, `500ms`, `1h`) or executions (`100000x`). A spec the
 * budget cuts short is incomplete, never a pass.
 */
export interface Budget {
  /** As the user wrote it (reports). */
  text: string;
  timeMs?: number;
  executions?: number;
}

export class BudgetError extends Error {
  readonly code = "MAPLE_CHECK_BAD_BUDGET";
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export function parseBudget(text: string): Budget {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|x)$/.exec(text.trim());
  if (m === null)
    throw new BudgetError(
      `bad budget "${text}": expected a time (30s, 2m, 500ms, 1h) or executions (100000x)`,
    );
  const n = Number(m[1]);
  if (m[2] === "x") {
    if (!Number.isSafeInteger(n) || n <= 0)
      throw new BudgetError(`bad budget "${text}": executions must be a positive whole number`);
    return { text, executions: n };
  }
  if (!(n > 0)) throw new BudgetError(`bad budget "${text}": must be more than zero`);
  return { text, timeMs: n * UNIT_MS[m[2]] };
}
