/**
 * A fixed-size bitset of operation indices, with an incrementally kept hash (Zobrist: the XOR
 * of a fixed random word per member), so a memo table can bucket sets in O(1) and compare the
 * words only on a hash match.
 */
export class Bitset {
  private readonly words: Uint32Array;
  private hashA = 0;
  private hashB = 0;

  constructor(size: number) {
    this.words = new Uint32Array(Math.ceil(size / 32) || 1);
  }

  set(i: number): void {
    if (this.has(i)) return;
    this.words[i >>> 5] |= 1 << (i & 31);
    this.toggleHash(i);
  }

  clear(i: number): void {
    if (!this.has(i)) return;
    this.words[i >>> 5] &= ~(1 << (i & 31));
    this.toggleHash(i);
  }

  has(i: number): boolean {
    return (this.words[i >>> 5] & (1 << (i & 31))) !== 0;
  }

  /** Equal sets give equal hashes; unequal sets rarely do (check with equals). */
  hash(): string {
    return `${this.hashA.toString(36)}.${this.hashB.toString(36)}`;
  }

  snapshot(): Uint32Array {
    return this.words.slice();
  }

  equals(snapshot: Uint32Array): boolean {
    for (let k = 0; k < this.words.length; k++) if (this.words[k] !== snapshot[k]) return false;
    return true;
  }

  private toggleHash(i: number): void {
    this.hashA = (this.hashA ^ mix32(i)) >>> 0;
    this.hashB = (this.hashB ^ mix32(i + 0x9e3779b9)) >>> 0;
  }
}

/** A 32-bit integer mixer (murmur3's finalizer): a fixed pseudo-random word per index. */
function mix32(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
