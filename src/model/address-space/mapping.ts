/**
 * One mapping of an address space, in pages: [start, end) with its protection, its stack
 * growth direction and what backs it. `accounted` is the kernel's VM_ACCOUNT: set when a
 * private mapping is, or is made, writable; cleared only when an anonymous mapping without an
 * anon_vma is made unwritable (6.12's mprotect); it is invisible in /proc but two mappings
 * that differ in it are not merged, so it decides where mappings end.
 */
export const PROT_READ = 1;
export const PROT_WRITE = 2;
export const PROT_EXEC = 4;
export const PROT_MASK = PROT_READ | PROT_WRITE | PROT_EXEC;

export type Grows = "none" | "down" | "up";

/**
 * A file mapping's `close`: the file is a device whose mmap gives its mappings a close hook
 * (vm_ops->close: the driver counts its mappings), so a merge never makes one of them vanish.
 * Device N and file N are different files.
 */
export type Backing =
  | { readonly kind: "anon" }
  | {
      readonly kind: "file";
      readonly file: number;
      readonly pgoff: number;
      readonly close?: boolean;
    };

export interface Mapping {
  readonly start: number;
  readonly end: number;
  readonly prot: number;
  readonly grows: Grows;
  readonly backing: Backing;
  readonly accounted: boolean;
  /**
   * The anon_vma: the identity of the private pages written into the mapping (its first
   * write fault gives it one; undefined: none yet). Mappings with different ones hold
   * different memory and never merge.
   */
  readonly anonVma?: number;
}

export const ANON: Backing = { kind: "anon" };

/** The file page that address page `page` of m maps (undefined for anonymous memory). */
export function filePageAt(m: Mapping, page: number): number | undefined {
  return m.backing.kind === "file" ? m.backing.pgoff + (page - m.start) : undefined;
}

/** m restricted to [start, end) (inside m): the file offset follows the new start. */
export function slice(m: Mapping, start: number, end: number): Mapping {
  const backing: Backing =
    m.backing.kind === "file"
      ? { ...m.backing, pgoff: m.backing.pgoff + (start - m.start) }
      : m.backing;
  return { ...m, start, end, backing };
}

/** Same file (a device is not a file of the same number), or both anonymous. */
function sameMemory(a: Mapping, b: Mapping): boolean {
  if (a.backing.kind === "anon" || b.backing.kind === "anon")
    return a.backing.kind === b.backing.kind;
  return a.backing.file === b.backing.file && !a.backing.close === !b.backing.close;
}

/** b's file offset follows a's (anonymous memory: always). */
function inLine(a: Mapping, b: Mapping): boolean {
  return b.backing.kind === "anon" || filePageAt(a, a.end) === b.backing.pgoff;
}

/**
 * Whether b can continue a where a ends: same protection, growth and accounting, and the same
 * memory (both anonymous, or the same file with b's offset following a's). The anon_vmas are
 * the caller's (canTake).
 */
export function canMerge(a: Mapping, b: Mapping): boolean {
  if (a.end !== b.start || a.prot !== b.prot || a.grows !== b.grows) return false;
  if (a.accounted !== b.accounted) return false;
  return sameMemory(a, b) && inLine(a, b);
}

/**
 * Whether an existing mapping `old` can take in the range `part` (one side of a merge):
 * every page keeps its anonymous memory, so the anon_vmas are equal, or `part` has none yet
 * and `old` has one (a mapping without one cannot vouch for the pages of one that has).
 */
export function canTake(old: Mapping, part: Mapping): boolean {
  return part.anonVma === old.anonVma || (part.anonVma === undefined && old.anonVma !== undefined);
}

/** Two mappings a merge would join through a third: their anon_vmas agree or one has none. */
export function anonVmasCompatible(a: Mapping, b: Mapping): boolean {
  return a.anonVma === undefined || b.anonVma === undefined || a.anonVma === b.anonVma;
}

/** A device mapping: its close hook must run once for it, so no merge may remove it. */
export function hasCloseHook(m: Mapping): boolean {
  return m.backing.kind === "file" && m.backing.close === true;
}

/**
 * Whether a write fault in a can share b's anon_vma, or b a's (anon_vma_compatible): adjacent,
 * the same memory with offsets in line, flags equal but for the protection.
 */
export function canShareAnonVma(a: Mapping, b: Mapping): boolean {
  return (
    a.end === b.start &&
    a.grows === b.grows &&
    a.accounted === b.accounted &&
    sameMemory(a, b) &&
    inLine(a, b)
  );
}

/** The backing as the checker prints it: anon, fileN@PGOFF, devN@PGOFF. */
export function backingText(b: Backing): string {
  return b.kind === "anon"
    ? "anon"
    : `${b.close ? "dev" : "file"}${b.file}@0x${b.pgoff.toString(16)}`;
}
