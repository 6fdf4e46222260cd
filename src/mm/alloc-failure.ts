/**
 * Allocation failure in the mm layer: an armed countdown makes the k-th allocation of the next
 * operation fail (vm_area_alloc, or the node preallocation a tree write takes first:
 * vma_iter_prealloc, mas_store_gfp). The failing site throws MmNoMem before it changes
 * anything; each system call turns it into -ENOMEM after its abort path has run.
 */
export class MmNoMem extends Error {
  constructor() {
    super("allocation failed");
    this.name = "MmNoMem";
  }
}

export class AllocFailure {
  /** Allocations still to succeed before the failing one (undefined: none fails). */
  private left: number | undefined;

  /** The k-th allocation from now (k >= 1) fails. */
  arm(k: number): void {
    this.left = k;
  }

  disarm(): void {
    this.left = undefined;
  }

  get armed(): boolean {
    return this.left !== undefined;
  }

  /** One allocation: throws MmNoMem when it is the armed one (then disarmed). */
  allocate(): void {
    if (this.left === undefined) return;
    this.left--;
    if (this.left > 0) return;
    this.left = undefined;
    throw new MmNoMem();
  }
}

/** Runs a system call's body; an allocation failure inside it is `onNoMem`'s answer. */
export function orNoMem<T>(body: () => T, onNoMem: () => T): T {
  try {
    return body();
  } catch (e) {
    if (e instanceof MmNoMem) return onNoMem();
    throw e;
  }
}
