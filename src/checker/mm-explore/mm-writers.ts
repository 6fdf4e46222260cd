/**
 * Several writers on one mm, as mm allows them: serialized by the lock they take. In 6.12
 * every writer holds the mmap write lock, so writers never overlap (lockless readers run word
 * by word against each in turn). Before 6.5 stack expansion held only the mmap read lock, so
 * two faults on different stacks grew them at once; expand_downwards and expand_upwards then
 * serialized the VMA update and the tree store with mm->page_table_lock (anon_vma's lock does
 * not cover two stacks with different anon_vmas). Either way the writers' tree stores do not
 * interleave with each other: the lock is a scheduling point, and each lock order is one
 * writer log, the writers' stores concatenated.
 *
 * Outside page_table_lock a pre-6.5 expansion also read the tree: the fault's find_vma and
 * expand_downwards' mas_prev (the guard-gap check) and mas_preallocate ran under the read lock
 * only, so they could race the other stack's store like any locked reader. Those reads are not
 * part of the writer here; a `locked` reader at the same address stands for them.
 */
import type { MmCommand } from "../mm/mm-command.js";

/** The writer lines of a spec (`writer` or `writers`). */
export function specWriters(e: { writer?: string; writers?: string[] }): string[] {
  return e.writers ?? (e.writer === undefined ? [] : [e.writer]);
}

export function isStackExpansion(op: MmCommand["op"]): boolean {
  return op === "expand_downwards" || op === "expand_upwards";
}

/** Whether a writer holds the mmap write lock (else the read lock: a pre-6.5 expansion). */
export function holdsWriteLock(
  w: MmCommand,
  stackExpansionLock: "write" | "pre-6.5-read",
): boolean {
  return stackExpansionLock === "write" || !isStackExpansion(w.op);
}

/**
 * What mm does not allow of these writers, or undefined. All must work on one mm (readers read
 * that one), and all must hold the mmap lock in the same mode: a write-locked writer beside
 * read-locked expansions would let a locked reader overlap some writers and not others.
 */
export function writersProblem(
  writers: readonly (MmCommand | undefined)[],
  stackExpansionLock: "write" | "pre-6.5-read",
): string | undefined {
  const ws = writers.filter((w): w is MmCommand => w !== undefined);
  if (ws.length < 2) return undefined;
  if (ws.some((w) => w.mm !== ws[0].mm)) return "all writers must work on the same mm";
  const modes = new Set(ws.map((w) => holdsWriteLock(w, stackExpansionLock)));
  if (modes.size > 1)
    return "with pre-6.5-read, writers must be all stack expansions (read lock) or none";
  return undefined;
}

/** Every lock order of n writers (indices), in lexicographic order: the identity first. */
export function lockOrders(n: number): number[][] {
  if (n <= 1) return [Array.from({ length: n }, (_, i) => i)];
  const out: number[][] = [];
  const rest = (left: number[], acc: number[]): void => {
    if (left.length === 0) {
      out.push(acc);
      return;
    }
    left.forEach((x, i) => {
      rest([...left.slice(0, i), ...left.slice(i + 1)], [...acc, x]);
    });
  };
  rest(
    Array.from({ length: n }, (_, i) => i),
    [],
  );
  return out;
}

/** The lock that serializes these writers, for reports. */
export function serializingLock(writeLocked: boolean): string {
  return writeLocked ? "the mmap write lock" : "mm->page_table_lock (under the mmap read lock)";
}
