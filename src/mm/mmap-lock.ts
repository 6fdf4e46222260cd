/**
 * mm->mmap_lock as state: unlocked, held for read (by some readers), or held for write. The
 * layer's operations assert the mode they need, as mmap_assert_write_locked does; a wrong
 * mode is a bug in the layer and throws.
 */
import type { MmStruct } from "./mm-struct.js";
import type { VmAreaStruct } from "./vma.js";

export type MmapLockMode = "unlocked" | "read" | "write";

export class MmapLock {
  mode: MmapLockMode = "unlocked";
  readers = 0;
}

export class MmapLockError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MmapLockError";
  }
}

export function mmapWriteLock(mm: MmStruct): void {
  if (mm.mmapLock.mode !== "unlocked")
    throw new MmapLockError(`mmap_write_lock with the lock held for ${mm.mmapLock.mode}`);
  mm.mmapLock.mode = "write";
}

/** mmap_write_unlock: also ends every VMA's write lock (vma_end_write_all). */
export function mmapWriteUnlock(mm: MmStruct): void {
  mmapAssertWriteLocked(mm);
  mm.mmLockSeq++;
  mm.mmapLock.mode = "unlocked";
}

export function mmapReadLock(mm: MmStruct): void {
  if (mm.mmapLock.mode === "write") throw new MmapLockError("mmap_read_lock while write-locked");
  mm.mmapLock.mode = "read";
  mm.mmapLock.readers++;
}

export function mmapReadUnlock(mm: MmStruct): void {
  if (mm.mmapLock.mode !== "read")
    throw new MmapLockError("mmap_read_unlock without the read lock");
  if (--mm.mmapLock.readers === 0) mm.mmapLock.mode = "unlocked";
}

export function mmapAssertWriteLocked(mm: MmStruct): void {
  if (mm.mmapLock.mode !== "write")
    throw new MmapLockError(`needs the mmap write lock, held for ${mm.mmapLock.mode}`);
}

export function mmapAssertLocked(mm: MmStruct): void {
  if (mm.mmapLock.mode === "unlocked") throw new MmapLockError("needs the mmap lock");
}

/** vma_start_write: the per-VMA lock, taken under the mmap write lock. */
export function vmaStartWrite(mm: MmStruct, vma: VmAreaStruct): void {
  mmapAssertWriteLocked(mm);
  vma.vmLockSeq = mm.mmLockSeq;
}

/** Runs f under the mmap write lock. */
export function withMmapWriteLock<T>(mm: MmStruct, f: () => T): T {
  mmapWriteLock(mm);
  try {
    return f();
  } finally {
    mmapWriteUnlock(mm);
  }
}

/** Runs f under the mmap read lock. */
export function withMmapReadLock<T>(mm: MmStruct, f: () => T): T {
  mmapReadLock(mm);
  try {
    return f();
  } finally {
    mmapReadUnlock(mm);
  }
}
