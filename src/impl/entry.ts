/**
 * What a slot can hold. User entries are any JS value except null/undefined; null is the
 * kernel's NULL. XA_ZERO_ENTRY is a reserved entry that occupies space but reads as NULL
 * through the normal API (mtree_load, mt_find).
 */
export type Entry = NonNullable<unknown>;
export type MaybeEntry = Entry | null;

class ReservedEntry {
  constructor(readonly name: string) {}
  toString(): string {
    return this.name;
  }
}

export const XA_ZERO_ENTRY: Entry = Object.freeze(new ReservedEntry("XA_ZERO_ENTRY"));

/** xa_is_zero */
export function isZeroEntry(e: unknown): boolean {
  return e === XA_ZERO_ENTRY;
}

/**
 * xa_is_internal: true for reserved entries. Internal entries may not live in the root
 * pointer (they would be mistaken for a node), and the alloc API rejects all of them.
 */
export function isReservedEntry(e: unknown): boolean {
  return e instanceof ReservedEntry;
}

/** xa_is_advanced: entries the normal store API refuses (internal and <= XA_RETRY_ENTRY). */
export function isAdvancedEntry(_e: unknown): boolean {
  // The only reserved entry maple-check models is XA_ZERO_ENTRY, which is not advanced.
  return false;
}
