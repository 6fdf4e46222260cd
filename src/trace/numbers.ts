/**
 * Number, value and flag parsing exactly as the oracle's driver does it (parse_ul,
 * parse_entry, parse_flags): strtoul semantics, not JavaScript's.
 */
import { MT_FLAGS_ALLOC_RANGE, MT_FLAGS_USE_RCU } from "../impl/constants.js";
import type { MaybeEntry } from "../impl/entry.js";
import { type Index, LONG_MAX, ULONG_MAX } from "../impl/u64.js";

const DECIMAL = /^[0-9]+$/;
/*
 * After the driver strips one `0x`, strtoul(base 16) accepts one more optional `0x` before
 * the digits, so `0x0x1f` is 31 while `0x0x` and `0x` are rejected.
 */
const HEX_BODY = /^(?:0[xX])?([0-9a-fA-F]+)$/;

/** parse_ul: `max`, decimal, or 0x hex, within [0, ULONG_MAX]; null when unparsable. */
export function parseIndex(s: string | undefined): Index | null {
  if (s === undefined) return null;
  if (s === "max") return ULONG_MAX;
  let v: bigint;
  if (s[0] === "0" && (s[1] === "x" || s[1] === "X")) {
    const m = HEX_BODY.exec(s.slice(2));
    if (m === null) return null;
    v = BigInt(`0x${m[1]}`);
  } else {
    if (!DECIMAL.test(s)) return null;
    v = BigInt(s);
  }
  return v > ULONG_MAX ? null : v;
}

/**
 * Whether a token is a whole number that parse_ul rejects only for its size or its sign
 * (2^64 and more, or negative): the index is out of range rather than not a number.
 */
export function outOfRangeNumber(s: string | undefined): boolean {
  if (s === undefined) return false;
  const body = s[0] === "-" ? s.slice(1) : s;
  const hex = body[0] === "0" && (body[1] === "x" || body[1] === "X");
  if (!(hex ? HEX_BODY.test(body.slice(2)) : DECIMAL.test(body))) return false;
  return s[0] === "-" ? /[1-9a-fA-F]/.test(hex ? body.slice(2) : body) : parseIndex(s) === null;
}

/** Sentinel for a VALUE token that does not parse (null is a valid VALUE: NULL). */
export const BAD_VALUE: unique symbol = Symbol("bad value");

/** parse_entry: `null` or an integer in [0, LONG_MAX] (stored as that bigint). */
export function parseValue(s: string | undefined): MaybeEntry | typeof BAD_VALUE {
  if (s === "null") return null;
  const v = parseIndex(s);
  if (v === null || v > LONG_MAX) return BAD_VALUE;
  return v;
}

/** The driver copies the flag word into a 128-byte buffer, so only 127 bytes count. */
const FLAG_BUFFER_BYTES = 127;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the driver's bytes 0..127, NUL included.
const ASCII = /^[\x00-\x7f]*$/;

/**
 * parse_flags: words `0`, `none`, `alloc`, `rcu` joined by any run of `|`, `,` or `+`;
 * undefined (no argument) means 0. Returns null for an unknown word.
 */
export function parseFlags(s: string | undefined): number | null {
  if (s === undefined) return 0;
  // Short ASCII text is its own bytes: only other text needs the byte-level cut.
  const text =
    s.length <= FLAG_BUFFER_BYTES && ASCII.test(s)
      ? s
      : Buffer.from(s, "utf8").subarray(0, FLAG_BUFFER_BYTES).toString("latin1");
  let flags = 0;
  for (const word of text.split(/[|,+]/)) {
    if (word === "" || word === "0" || word === "none") continue;
    if (word === "alloc") flags |= MT_FLAGS_ALLOC_RANGE;
    else if (word === "rcu") flags |= MT_FLAGS_USE_RCU;
    else return null;
  }
  return flags;
}
