/**
 * Splits trace text into lines and lines into typed operations, following the driver's
 * reader: one line per `\n`, tokens split on spaces, tabs and `\r`, blank and `#` lines
 * skipped, at most 8 tokens, and the argument rules of each operation.
 */

import { type MaybeEntry, XA_ZERO_ENTRY } from "../impl/entry.js";
import { type Index, LONG_MAX, ULONG_MAX } from "../impl/u64.js";
import { BAD_VALUE, outOfRangeNumber, parseFlags, parseIndex, parseValue } from "./numbers.js";
import {
  CURSOR_ITERATORS,
  NULLARY_OPS,
  type ParsedOp,
  type PokeWord,
  type TraceLine,
  type TraceOp,
} from "./ops.js";

/** The driver keeps up to this many tokens per line; one more is `err parse`. */
export const MAX_TOKENS = 8;

const SEPARATORS = /[ \t\r]+/;
const LEADING_BLANKS = /^[ \t\r]*/;
const NULLARY = new Set<string>(NULLARY_OPS);
const ITERATORS = new Set<string>(CURSOR_ITERATORS);

/** Raised inside the argument parsers and turned into `{ kind: "parse-error" }`. */
class BadArgs extends Error {
  constructor(readonly reason?: "index out of range" | "value out of range") {
    super(reason ?? "bad arguments");
  }
}

/**
 * A token after the operation name: its text, or a value already parsed (an index as bigint,
 * `null` for the NULL value) by a caller that built the line from values.
 */
export type ArgToken = string | Index | null;

/** Token lists: tok[0] is the operation name, the rest its arguments. */
type Tokens = readonly [string, ...ArgToken[]] | readonly string[];

function index(tok: Tokens, i: number): bigint {
  const t = tok[i];
  if (typeof t === "bigint") {
    if (t < 0n || t > ULONG_MAX) throw new BadArgs("index out of range");
    return t;
  }
  const v = t === null ? null : parseIndex(t);
  if (v === null)
    throw new BadArgs(outOfRangeNumber(t ?? undefined) ? "index out of range" : undefined);
  return v;
}

function value(tok: Tokens, i: number) {
  const t = tok[i];
  if (t === null) return null;
  if (typeof t === "bigint") {
    if (t < 0n || t > LONG_MAX) throw new BadArgs("value out of range");
    return t;
  }
  const v = parseValue(t);
  if (v === BAD_VALUE)
    throw new BadArgs(
      outOfRangeNumber(t) || (parseIndex(t) ?? 0n) > LONG_MAX ? "value out of range" : undefined,
    );
  return v;
}

/** `store`'s VALUE may also be `zero`, XA_ZERO_ENTRY (maple-check's, in the C runner too). */
function storeValue(tok: Tokens, i: number) {
  return tok[i] === "zero" ? XA_ZERO_ENTRY : value(tok, i);
}

function arity(tok: Tokens, n: number): void {
  if (tok.length !== n + 1) throw new BadArgs();
}

const POKE_WORD = /^(?:(pivot|slot|gap)([0-9]{1,3})|(end|metagap|parent))$/;
/** A metadata byte (struct maple_metadata's u8 fields) and a word position fit in 0..255. */
const BYTE_MAX = 255n;

/**
 * `poke INDEX DEPTH WORD VALUE`: WORD is `pivotN`, `slotN`, `gapN` (N decimal, at most 255),
 * `end`, `metagap` or `parent`; VALUE is a VALUE (`null` or a value entry) for a slot, an INDEX
 * for a pivot or gap, an index of at most 255 for a metadata byte, and for the parent word
 * `self` or the INDEX whose path names the node (at the same depth) to copy it from.
 */
function pokeOp(tok: Tokens): TraceOp {
  arity(tok, 4);
  const w = tok[3];
  const m = typeof w === "string" ? POKE_WORD.exec(w) : null;
  if (m === null) throw new BadArgs();
  const field = (m[1] ?? m[3]) as PokeWord["field"];
  if (field === "parent") {
    const self = tok[4] === "self";
    const from = self ? 0n : index(tok, 4);
    return {
      op: "poke",
      index: index(tok, 1),
      depth: index(tok, 2),
      word: { field, self },
      value: from,
    };
  }
  let word: PokeWord;
  if (m[2] !== undefined) {
    const pos = Number(m[2]);
    if (pos > Number(BYTE_MAX)) throw new BadArgs();
    word = { field: field as "pivot" | "slot" | "gap", pos };
  } else word = { field: field as "end" | "metagap" };
  let v: MaybeEntry;
  if (field === "slot") v = value(tok, 4);
  else {
    const n = index(tok, 4);
    if ((field === "end" || field === "metagap") && n > BYTE_MAX) throw new BadArgs();
    v = n;
  }
  return { op: "poke", index: index(tok, 1), depth: index(tok, 2), word, value: v };
}

/** The typed operation for a token list; throws BadArgs; null for an unknown name. */
function toOp(tok: Tokens): TraceOp | null {
  const name = tok[0] as string;
  if (NULLARY.has(name)) {
    arity(tok, 0);
    return { op: name as (typeof NULLARY_OPS)[number] };
  }
  if (ITERATORS.has(name)) {
    arity(tok, 1);
    return { op: name as (typeof CURSOR_ITERATORS)[number], limit: index(tok, 1) };
  }
  switch (name) {
    case "init": {
      if (tok.length > 2) throw new BadArgs();
      const f = tok[1];
      if (typeof f === "bigint" || f === null) throw new BadArgs();
      const flags = parseFlags(f);
      if (flags === null) throw new BadArgs();
      return { op: "init", flags };
    }
    case "store":
      arity(tok, 3);
      return { op: name, first: index(tok, 1), last: index(tok, 2), entry: storeValue(tok, 3) };
    case "insert":
      arity(tok, 3);
      return { op: name, first: index(tok, 1), last: index(tok, 2), entry: value(tok, 3) };
    case "erase":
    case "load":
    case "walk":
    case "corrupt":
    case "mset":
      arity(tok, 1);
      return { op: name, index: index(tok, 1) };
    case "poke":
      return pokeOp(tok);
    case "find":
    case "next":
      arity(tok, 2);
      return { op: name, index: index(tok, 1), max: index(tok, 2) };
    case "prev":
      arity(tok, 2);
      return { op: name, index: index(tok, 1), min: index(tok, 2) };
    case "gap":
    case "rgap":
    case "mgap":
    case "mrgap":
      arity(tok, 3);
      return { op: name, min: index(tok, 1), max: index(tok, 2), size: index(tok, 3) };
    case "alloc":
    case "ralloc":
      arity(tok, 4);
      return {
        op: name,
        size: index(tok, 1),
        min: index(tok, 2),
        max: index(tok, 3),
        entry: value(tok, 4),
      };
    case "cyclic":
    case "cyclicnw":
      arity(tok, 3);
      return { op: name, min: index(tok, 1), max: index(tok, 2), entry: value(tok, 3) };
    case "mrange":
      arity(tok, 2);
      return { op: name, first: index(tok, 1), last: index(tok, 2) };
    case "mstore":
    case "mstorenw":
      arity(tok, 1);
      return { op: name, entry: value(tok, 1) };
    default:
      return null;
  }
}

/** Parses the tokens of one operation line. */
export function parseTokens(tok: Tokens): ParsedOp {
  if (tok.length > MAX_TOKENS) return { kind: "too-many-tokens" };
  try {
    const op = toOp(tok);
    return op === null ? { kind: "unknown-op" } : { kind: "op", op };
  } catch (e) {
    if (e instanceof BadArgs)
      return e.reason === undefined
        ? { kind: "parse-error" }
        : { kind: "parse-error", reason: e.reason };
    throw e;
  }
}

/**
 * One input line (without its `\n`) as the driver sees it, or null for a blank or `#` line.
 * Like the C reader, the line ends at a NUL byte.
 */
export function parseLine(raw: string, lineNo: number): TraceLine | null {
  const nul = raw.indexOf("\0");
  const line = nul >= 0 ? raw.slice(0, nul) : raw;
  const text = line.slice((LEADING_BLANKS.exec(line) as RegExpExecArray)[0].length);
  if (text === "" || text[0] === "#") return null;
  const tok = text.split(SEPARATORS).filter((t) => t !== "");
  return { lineNo, text, name: tok[0] as string, parsed: parseTokens(tok) };
}

/**
 * The line `name args...` as parseLine reads it, from its tokens without printing them: the
 * same parsed operation as parseLine on the printed line (bigint indices, `null` for NULL).
 * `text` is made only when read.
 */
export function parseArgs(name: string, args: readonly ArgToken[], lineNo: number): TraceLine {
  return new ValuesLine(lineNo, name, args, parseTokens([name, ...args]));
}

class ValuesLine implements TraceLine {
  constructor(
    readonly lineNo: number,
    readonly name: string,
    private readonly args: readonly ArgToken[],
    readonly parsed: ParsedOp,
  ) {}

  get text(): string {
    let line = this.name;
    for (const a of this.args) line += a === null ? " null" : a === ULONG_MAX ? " max" : ` ${a}`;
    return line;
  }
}

/** Every operation line of a trace, in order. */
export function parseTrace(text: string): TraceLine[] {
  const raw = text.split("\n");
  // A final `\n` ends the last line; it does not start an empty one.
  if (raw.length > 0 && raw[raw.length - 1] === "") raw.pop();
  const lines: TraceLine[] = [];
  raw.forEach((r, i) => {
    const l = parseLine(r, i + 1);
    if (l !== null) lines.push(l);
  });
  return lines;
}
