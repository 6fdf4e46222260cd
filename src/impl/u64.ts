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
 * a + b modulo 2^64. BigInt.asUintN(64, ...) is what V8's optimising compiler turns into a
 * machine add with an inline result; a plain `a + b` and a range test call into the runtime
 * (several times slower, and these run on every walk step). Anything that is not a bigint
 * (a torn read of POISON) takes the plain path and fails there, as it always did.
 */
export function add64(a: Index, b: Index): Index {
  if (typeof a !== "bigint" || typeof b !== "bigint") return wrapSlow(a + b);
  return BigInt.asUintN(64, a + b);
}

/** a + 1 modulo 2^64 for an index a in [0, ULONG_MAX] (the walks take a pivot's successor at every level). */
export function inc64(a: Index): Index {
  if (typeof a !== "bigint") return add64(a, 1n);
  return BigInt.asUintN(64, a + 1n);
}

/** a - b modulo 2^64 (as add64). */
export function sub64(a: Index, b: Index): Index {
  if (typeof a !== "bigint" || typeof b !== "bigint") return wrapSlow(a - b);
  return BigInt.asUintN(64, a - b);
}

/** The old masking, for operands that are not both bigints: it throws where it always did. */
function wrapSlow(s: Index): Index {
  return s >= 0n && s <= ULONG_MAX ? s : s & ULONG_MAX;
}
