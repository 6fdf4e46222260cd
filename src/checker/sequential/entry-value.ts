/**
 * The entries commands store. The protocol's entries are NULL and xa_mk_value(v) for v in
 * [0, LONG_MAX]: v = 0 is the word 1 (the lowest non-NULL entry, falsy as a JavaScript bigint),
 * v = LONG_MAX is the word ULONG_MAX; no value entry has the low bits 10 of a node or a reserved
 * entry, so every one of them may also live in the root. Values are drawn from the whole
 * space, and some are tied to the indices they are stored at (equal to the first index, or just
 * above it), so that a slot read as a pivot, or a pivot as a slot, gives a plausible answer
 * only by accident.
 */
import fc from "fast-check";
import { type Index, LONG_MAX } from "../../impl/u64.js";

/** A value the command stores: NULL, a literal, or the index of argument `from` plus `plus`. */
export type ValueChoice =
  | { readonly kind: "null" }
  | { readonly kind: "lit"; readonly value: Index }
  | { readonly kind: "index"; readonly from: number; readonly plus: Index };

const BIG = [LONG_MAX, LONG_MAX - 1n, 1n << 62n, (1n << 32n) - 1n, 1n << 32n, 255n, 256n] as const;

/** The value a choice names once the index of argument `from` is known, clamped to LONG_MAX. */
export function resolveValue(c: ValueChoice, resolved: ReadonlyArray<Index | null>): Index | null {
  if (c.kind === "null") return null;
  if (c.kind === "lit") return c.value;
  const v = (resolved[c.from] ?? 0n) + c.plus;
  return v > LONG_MAX ? LONG_MAX : v;
}

/**
 * Values for an entry argument; `from` is the argument whose index index-tied values follow.
 * Small values (0 among them) dominate, as before, so that equal entries side by side stay
 * common; the rest cover large values and values equal to or above the index.
 */
export function valueChoice(nullable: boolean, from: number): fc.Arbitrary<ValueChoice> {
  const lit = (a: fc.Arbitrary<Index>) => a.map((value) => ({ kind: "lit" as const, value }));
  const tied = fc
    .constantFrom(0n, 0n, 1n, 2n, 1n << 32n)
    .map((plus) => ({ kind: "index" as const, from, plus }));
  const some = fc.oneof(
    { weight: 10, arbitrary: lit(fc.bigInt({ min: 0n, max: 6n })) },
    { weight: 3, arbitrary: tied },
    { weight: 2, arbitrary: lit(fc.constantFrom(...BIG)) },
    { weight: 1, arbitrary: lit(fc.bigInt({ min: 0n, max: LONG_MAX })) },
  );
  if (!nullable) return some;
  return fc.option(some, { freq: 6, nil: null }).map((c) => c ?? { kind: "null" as const });
}

/** The value classes coverage counts, in the order they are printed. */
export const VALUE_CLASSES = [
  "null",
  "zero",
  "small",
  "=index",
  ">index",
  "large",
  "LONG_MAX",
] as const;
export type ValueClass = (typeof VALUE_CLASSES)[number];

/**
 * The class of an entry stored at `index`: =index and >index (1, 2 or 2^32 above it, the
 * offsets valueChoice ties values with) take precedence over the size classes, except for
 * zero and LONG_MAX themselves.
 */
export function valueClass(v: Index | null, index: Index): ValueClass {
  if (v === null) return "null";
  if (v === 0n) return "zero";
  if (v === LONG_MAX) return "LONG_MAX";
  if (v === index) return "=index";
  const above = v - index;
  if (above === 1n || above === 2n || above === 1n << 32n) return ">index";
  return v < 256n ? "small" : "large";
}

/**
 * The entry a protocol line stores and the index it is tied to ([value, index]), or undefined
 * for a line that stores none. Allocations are tied to their lower limit, mstore to nothing (0).
 */
export function storedEntry(
  name: string,
  args: ReadonlyArray<Index | null>,
): readonly [Index | null, Index] | undefined {
  switch (name) {
    case "store":
    case "insert":
      return [args[2] ?? null, args[0] ?? 0n];
    case "alloc":
    case "ralloc":
      return [args[3] ?? null, args[1] ?? 0n];
    case "cyclic":
      return [args[2] ?? null, args[0] ?? 0n];
    case "mstore":
    case "mstorenw":
      return [args[0] ?? null, 0n];
    default:
      return undefined;
  }
}
