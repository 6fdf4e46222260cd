/**
 * The 32-bit hash the kernel runner's `.check` prints over the tree's slot ranges (see
 * native/runner/README.md): FNV-1a over 32-bit halves of (index, last, raw entry) for every
 * range, NULL ranges included. Comparing it with the same hash of the model's ranges checks
 * the whole map after every command without sending the map over the pipe.
 */
import { ULONG_MAX } from "../../impl/u64.js";
import type { Span } from "../../model/range-map.js";

const FNV_OFFSET = 2166136261;
const FNV_PRIME = 16777619;
const LOW = 0xffffffffn;

function mixWord(h: number, w: bigint): number {
  h = Math.imul(h ^ Number(w & LOW), FNV_PRIME);
  return Math.imul(h ^ Number(w >> 32n), FNV_PRIME);
}

/** xa_mk_value(n) = 2n + 1; NULL is 0. The protocol stores only values and NULL. */
function rawEntry(e: unknown): bigint {
  if (e === null) return 0n;
  if (typeof e === "bigint") return 2n * e + 1n;
  throw new Error(`the kernel runner's hash has no word for entry ${String(e)}`);
}

export interface RangesDigest {
  count: number;
  hash: number;
}

/** Model states are immutable: a read leaves the same spans array, whose digest is kept. */
const digests = new WeakMap<readonly Span[], RangesDigest>();

/** The digest of ranges(spans): the spans with the NULL ranges between them. */
export function spansDigest(spans: readonly Span[]): RangesDigest {
  let d = digests.get(spans);
  if (d === undefined) {
    d = computeDigest(spans);
    digests.set(spans, d);
  }
  return d;
}

function computeDigest(spans: readonly Span[]): RangesDigest {
  let h = FNV_OFFSET;
  let count = 0;
  const add = (first: bigint, last: bigint, entry: unknown): void => {
    h = mixWord(mixWord(mixWord(h, first), last), rawEntry(entry));
    count++;
  };
  let next = 0n;
  for (const s of spans) {
    if (next < s.first) add(next, s.first - 1n, null);
    add(s.first, s.last, s.entry);
    if (s.last === ULONG_MAX) return { count, hash: h >>> 0 };
    next = s.last + 1n;
  }
  add(next, ULONG_MAX, null);
  return { count, hash: h >>> 0 };
}
