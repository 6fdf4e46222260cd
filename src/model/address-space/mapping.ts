/**
 * One mapping of an address space, in pages: [start, end) with its protection, its stack
 * growth direction and what backs it. `accounted` is the kernel's VM_ACCOUNT: set when a
 * private mapping is, or is made, writable and never cleared; it is invisible in /proc but
 * two mappings that differ in it are not merged, so it decides where mappings end.
 */
export const PROT_READ = 1;
export const PROT_WRITE = 2;
export const PROT_EXEC = 4;
export const PROT_MASK = PROT_READ | PROT_WRITE | PROT_EXEC;

export type Grows = "none" | "down" | "up";

export type Backing =
  | { readonly kind: "anon" }
  | { readonly kind: "file"; readonly file: number; readonly pgoff: number };

export interface Mapping {
  readonly start: number;
  readonly end: number;
  readonly prot: number;
  readonly grows: Grows;
  readonly backing: Backing;
  readonly accounted: boolean;
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

/**
 * Whether b can continue a where a ends: same protection, growth and accounting, and the same
 * memory (both anonymous, or the same file with b's offset following a's).
 */
export function canMerge(a: Mapping, b: Mapping): boolean {
  if (a.end !== b.start || a.prot !== b.prot || a.grows !== b.grows) return false;
  if (a.accounted !== b.accounted) return false;
  if (a.backing.kind === "anon" || b.backing.kind === "anon")
    return a.backing.kind === b.backing.kind;
  return a.backing.file === b.backing.file && filePageAt(a, a.end) === b.backing.pgoff;
}

/** "rw-", "r-x", "---": the protection as /proc/PID/maps prints it. */
export function protText(prot: number): string {
  return `${prot & PROT_READ ? "r" : "-"}${prot & PROT_WRITE ? "w" : "-"}${prot & PROT_EXEC ? "x" : "-"}`;
}

/** One mapping as a line of text (pages in hex), as the checker compares and prints them. */
export function mappingText(m: Mapping): string {
  const back =
    m.backing.kind === "anon" ? "anon" : `file${m.backing.file}@0x${m.backing.pgoff.toString(16)}`;
  const grows = m.grows === "none" ? "" : ` grows${m.grows}`;
  return `0x${m.start.toString(16)}-0x${m.end.toString(16)} ${protText(m.prot)} ${back}${grows}${m.accounted ? " acct" : ""}`;
}
