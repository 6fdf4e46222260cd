/**
 * Which trace a diff run makes as its trace number t: the flag set (t mod the number of
 * sets), whether it is a cursor trace (with --cursor, every other round of flag sets), the
 * index universe (rotating per round with `all`), whether it runs with --guard, and its text,
 * drawn from a generator seeded by the run's seed and t alone. The same seed gives the same
 * traces, whatever ran before.
 */

import { parseFlags } from "../trace/numbers.js";
import { generateTrace, type Universe } from "./generate.js";
import { Rng, traceSeed } from "./rng.js";

export type UniverseChoice = Universe | "all";

export const UNIVERSE_CHOICES: readonly UniverseChoice[] = ["small", "spread", "mixed", "all"];

export interface DiffPlan {
  seed: number;
  traces: number;
  /** Operations per trace (it ends with `validate` and `nodes` after them). */
  ops: number;
  /** Flag sets for `init`, each like `alloc|rcu`. */
  flagSets: readonly string[];
  cursor: boolean;
  /** Cursor traces run without --guard (both sides must then crash alike). */
  unguarded: boolean;
  universe: UniverseChoice;
}

export interface TracePlan {
  /** The trace number, 0-based. */
  index: number;
  flags: string;
  cursor: boolean;
  universe: Universe;
  guard: boolean;
  text: string;
}

/** Null when `set` is a flag set `init` accepts as one token (`0`, `alloc`, `alloc|rcu`, `rcu+alloc`). */
export function flagSetProblem(set: string): string | null {
  if (!/^[a-z0-9|+]+$/.test(set) || parseFlags(set) === null)
    return `bad flag set "${set}": expected 0, alloc or rcu, joined by | or +`;
  return null;
}

export function planTrace(plan: DiffPlan, t: number): TracePlan {
  const sets = plan.flagSets;
  const flags = sets[t % sets.length] as string;
  const round = Math.floor(t / sets.length);
  const cursor = plan.cursor && round % 2 === 1;
  const universes: Universe[] =
    plan.universe === "all" ? ["small", "spread", "mixed"] : [plan.universe];
  const universe = universes[round % universes.length] as Universe;
  const text = generateTrace(new Rng(traceSeed(plan.seed, t)), {
    flags,
    ops: plan.ops,
    cursor,
    universe,
  });
  return { index: t, flags, cursor, universe, guard: cursor && !plan.unguarded, text };
}
