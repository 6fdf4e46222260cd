/**
 * A small seeded generator (SplitMix64), so a diff run is reproducible from its seed alone on
 * any machine and Node version.
 */
const MASK64 = (1n << 64n) - 1n;

export class Rng {
  private state: bigint;

  constructor(seed: bigint | number) {
    this.state = BigInt(seed) & MASK64;
  }

  /** The next 64 random bits. */
  next64(): bigint {
    this.state = (this.state + 0x9e3779b97f4a7c15n) & MASK64;
    let z = this.state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
    return z ^ (z >> 31n);
  }

  /** A uniform integer in [0, n) for n up to 2^32. */
  int(n: number): number {
    return Number(this.next64() >> 32n) % n;
  }

  /** A uniform bigint in [lo, hi]. */
  big(lo: bigint, hi: bigint): bigint {
    const span = hi - lo + 1n;
    if (span <= 0n) return lo;
    return lo + (((this.next64() << 64n) | this.next64()) % span);
  }

  chance(p: number): boolean {
    return this.int(1_000_000) < p * 1_000_000;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  /** Picks by weight: [[weight, value], ...]. */
  weighted<T>(table: ReadonlyArray<readonly [number, T]>): T {
    let total = 0;
    for (const [w] of table) total += w;
    let r = this.int(total);
    for (const [w, v] of table) {
      if (r < w) return v;
      r -= w;
    }
    return (table[table.length - 1] as readonly [number, T])[1];
  }
}

/** A seed per trace, derived from the run's seed and the trace number. */
export function traceSeed(seed: number, trace: number): bigint {
  return new Rng(BigInt(seed) * 1_000_003n + BigInt(trace)).next64();
}
