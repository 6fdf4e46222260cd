/** A fixed-size bitset of operation indices, with a compact string key for memo tables. */
export class Bitset {
  private readonly words: Uint32Array;

  constructor(size: number) {
    this.words = new Uint32Array(Math.ceil(size / 32) || 1);
  }

  set(i: number): void {
    this.words[i >>> 5] |= 1 << (i & 31);
  }

  clear(i: number): void {
    this.words[i >>> 5] &= ~(1 << (i & 31));
  }

  has(i: number): boolean {
    return (this.words[i >>> 5] & (1 << (i & 31))) !== 0;
  }

  /** Equal sets give equal keys (same size assumed). */
  key(): string {
    let s = "";
    for (const w of this.words) s += `${w.toString(36)}.`;
    return s;
  }
}
