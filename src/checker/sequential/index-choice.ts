/**
 * Where a command's index comes from. Literal indices come from a universe (a few dozen
 * small values plus the top of the index space, or anything in 64 bits); boundary choices are
 * resolved when the command runs, against the ranges the map holds then and the node
 * boundaries of the tree, so that shrinking keeps them meaningful: "the end of the 3rd range,
 * plus one" still hits a boundary after earlier commands were dropped.
 */
import fc from "fast-check";
import { type Index, ULONG_MAX } from "../../impl/u64.js";

export type IndexChoice =
  | { readonly kind: "lit"; readonly value: Index }
  | {
      readonly kind: "range";
      readonly nth: number;
      readonly end: boolean;
      readonly delta: -1 | 0 | 1;
    }
  | {
      readonly kind: "node";
      readonly nth: number;
      readonly end: boolean;
      readonly delta: -1 | 0 | 1;
    };

export type Universe = "small" | "wide";

/** Boundaries a choice is resolved against: [first, last] of each range / each leaf. */
export interface Boundaries {
  readonly ranges: ReadonlyArray<readonly [Index, Index]>;
  readonly leaves: ReadonlyArray<readonly [Index, Index]>;
}

const TOP = [ULONG_MAX, ULONG_MAX - 1n, ULONG_MAX - 2n] as const;

function literal(universe: Universe): fc.Arbitrary<Index> {
  const small = fc.bigInt({ min: 0n, max: 48n });
  const top = fc.constantFrom(...TOP);
  if (universe === "small")
    return fc.oneof({ weight: 9, arbitrary: small }, { weight: 1, arbitrary: top });
  return fc.oneof(
    { weight: 4, arbitrary: small },
    { weight: 2, arbitrary: top },
    { weight: 3, arbitrary: fc.bigInt({ min: 0n, max: ULONG_MAX }) },
    { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: 32n }).map((s) => 1n << (s * 2n)) },
  );
}

export function indexChoice(universe: Universe): fc.Arbitrary<IndexChoice> {
  const delta = fc.constantFrom(0 as const, 1 as const, -1 as const);
  const boundary = (kind: "range" | "node") =>
    fc.record({ kind: fc.constant(kind), nth: fc.nat(15), end: fc.boolean(), delta });
  return fc.oneof(
    { weight: 5, arbitrary: literal(universe).map((value) => ({ kind: "lit" as const, value })) },
    { weight: 3, arbitrary: boundary("range") },
    { weight: 2, arbitrary: boundary("node") },
  );
}

/** The index a choice names, clamped to [0, ULONG_MAX] (never wrapping). */
export function resolveIndex(choice: IndexChoice, b: Boundaries): Index {
  if (choice.kind === "lit") return choice.value;
  const list = choice.kind === "range" ? b.ranges : b.leaves;
  if (list.length === 0) return 0n;
  const [first, last] = list[choice.nth % list.length];
  const base = choice.end ? last : first;
  const v = base + BigInt(choice.delta);
  return v < 0n ? 0n : v > ULONG_MAX ? ULONG_MAX : v;
}

export function showChoice(c: IndexChoice): string {
  if (c.kind === "lit") return c.value === ULONG_MAX ? "max" : c.value.toString();
  const d = c.delta === 0 ? "" : c.delta > 0 ? "+1" : "-1";
  return `${c.kind}[${c.nth}].${c.end ? "last" : "first"}${d}`;
}
