/**
 * Unsigned 64-bit index arithmetic. Indices are bigints in [0, ULONG_MAX]; the kernel relies
 * on unsigned wrap-around in a few places (last + 1 in mt_find, min - 1 when building big
 * nodes, ULONG_MAX - pivot as a gap size), so those spots call these helpers explicitly.
 */
export type Index = bigint;

export const ULONG_MAX: Index = (1n << 64n) - 1n;
/** LONG_MAX: the largest value the oracle protocol accepts as an entry. */
export const LONG_MAX = (1n << 63n) - 1n;

/**
 * a + b modulo 2^64. Every bigint operation allocates, and these run on every walk step:
 * the result is masked only when it actually wrapped, so the common case costs one operation.
 */
export function add64(a: Index, b: Index): Index {
  const s = a + b;
  return s >= 0n && s <= ULONG_MAX ? s : s & ULONG_MAX;
}

/**
 * a + 1 modulo 2^64 for an index a in [0, ULONG_MAX]: add64(a, 1n) with one bigint comparison
 * instead of two (the walks take a pivot's successor at every level).
 */
export function inc64(a: Index): Index {
  // A torn read may hand over a word that is not a number (POISON): fail as add64 does.
  if (typeof a !== "bigint") return add64(a, 1n);
  return a === ULONG_MAX ? 0n : a + 1n;
}

/** a - b modulo 2^64 (masked only on wrap-around, as add64). */
export function sub64(a: Index, b: Index): Index {
  const d = a - b;
  return d >= 0n && d <= ULONG_MAX ? d : d & ULONG_MAX;
}
