/**
 * A command before it runs: an operation of the oracle's line protocol whose indices are
 * IndexChoices. Resolving it against the current boundaries gives the protocol line that is
 * run on both the model and the tree, printed in counterexamples, and replayable on the
 * kernel oracle as is.
 */
import fc from "fast-check";
import { type Index, ULONG_MAX } from "../../impl/u64.js";
import { resolveValue, type ValueChoice, valueChoice } from "./entry-value.js";
import {
  type Boundaries,
  type IndexChoice,
  indexChoice,
  resolveIndex,
  showChoice,
  type Universe,
} from "./index-choice.js";

/** How far a range reaches from its first index. */
export type Reach =
  | { readonly kind: "len"; readonly len: Index }
  | { readonly kind: "to"; readonly to: IndexChoice };

export type Arg =
  | { readonly t: "index"; readonly c: IndexChoice }
  | { readonly t: "last"; readonly from: number; readonly reach: Reach }
  | { readonly t: "size"; readonly size: Index }
  | { readonly t: "value"; readonly v: ValueChoice };

export interface OpTemplate {
  readonly name: string;
  readonly args: readonly Arg[];
}

const num = (v: Index): string => (v === ULONG_MAX ? "max" : v.toString());

/** The protocol line this template names under the given boundaries. */
export function resolveLine(t: OpTemplate, b: Boundaries): string {
  return lineText(t.name, resolveArgs(t, b));
}

/** The protocol line of an operation and its resolved arguments. */
export function lineText(name: string, args: ReadonlyArray<Index | null>): string {
  let line = name;
  for (const v of args) line += v === null ? " null" : ` ${num(v)}`;
  return line;
}

/** The values of the template's arguments under the given boundaries, in line order. */
export function resolveArgs(t: OpTemplate, b: Boundaries): Array<Index | null> {
  // resolved[k] is the value of args[k]; a `last` argument reads the first index it extends.
  const resolved: Array<Index | null> = [];
  for (const a of t.args) {
    switch (a.t) {
      case "index":
        resolved.push(resolveIndex(a.c, b));
        break;
      case "last": {
        const first = resolved[a.from] ?? 0n;
        if (a.reach.kind === "len")
          resolved.push(first + a.reach.len > ULONG_MAX ? ULONG_MAX : first + a.reach.len);
        else {
          const to = resolveIndex(a.reach.to, b);
          resolved.push(to < first ? first : to);
        }
        break;
      }
      case "size":
        resolved.push(a.size);
        break;
      case "value":
        resolved.push(resolveValue(a.v, resolved));
        break;
    }
  }
  return resolved;
}

/** A short form that shows the choices, for shrunk command lists. */
export function showTemplate(t: OpTemplate): string {
  const parts = t.args.map((a) => {
    switch (a.t) {
      case "index":
        return showChoice(a.c);
      case "last":
        return a.reach.kind === "len" ? `+${a.reach.len}` : `..${showChoice(a.reach.to)}`;
      case "size":
        return a.size.toString();
      default:
        return a.v.kind === "null"
          ? "null"
          : a.v.kind === "lit"
            ? String(a.v.value)
            : `#${a.v.from}${a.v.plus === 0n ? "" : `+${a.v.plus}`}`;
    }
  });
  return [t.name, ...parts].join(" ");
}

// ---- arbitraries ----

const LENGTHS = [0n, 0n, 1n, 1n, 2n, 3n, 5n, 15n] as const;

function reach(u: Universe): fc.Arbitrary<Reach> {
  return fc.oneof(
    {
      weight: 5,
      arbitrary: fc.constantFrom(...LENGTHS).map((len) => ({ kind: "len" as const, len })),
    },
    { weight: 1, arbitrary: indexChoice(u).map((to) => ({ kind: "to" as const, to })) },
  );
}

const index = (u: Universe): fc.Arbitrary<Arg> =>
  indexChoice(u).map((c) => ({ t: "index" as const, c }));
const lastOf = (u: Universe, from: number): fc.Arbitrary<Arg> =>
  reach(u).map((r) => ({ t: "last" as const, from, reach: r }));
/** An entry argument; index-tied values follow the index of argument `from`. */
const value = (nullable: boolean, from: number): fc.Arbitrary<Arg> =>
  valueChoice(nullable, from).map((v) => ({ t: "value" as const, v }));
const size = (): fc.Arbitrary<Arg> =>
  fc.constantFrom(0n, 1n, 1n, 2n, 3n, 5n, 8n, 100n).map((s) => ({ t: "size" as const, size: s }));

const op = (name: string, ...args: fc.Arbitrary<Arg>[]): fc.Arbitrary<OpTemplate> =>
  args.length === 0
    ? fc.constant({ name, args: [] })
    : fc.tuple(...args).map((a) => ({ name, args: a }));

/** Every operation the sequential checker can issue, by name, with its default weight. */
export function templateArbitraries(
  u: Universe,
): Record<string, { weight: number; arb: fc.Arbitrary<OpTemplate> }> {
  const i = () => index(u);
  return {
    store: { weight: 16, arb: op("store", i(), lastOf(u, 0), value(true, 0)) },
    insert: { weight: 5, arb: op("insert", i(), lastOf(u, 0), value(false, 0)) },
    erase: { weight: 4, arb: op("erase", i()) },
    load: { weight: 3, arb: op("load", i()) },
    find: { weight: 2, arb: op("find", i(), i()) },
    walk: { weight: 2, arb: op("walk", i()) },
    next: { weight: 2, arb: op("next", i(), i()) },
    prev: { weight: 2, arb: op("prev", i(), i()) },
    gap: { weight: 1, arb: op("gap", i(), i(), size()) },
    rgap: { weight: 1, arb: op("rgap", i(), i(), size()) },
    // The allocators take NULL too (6.12 refuses only reserved entries): NULL in a node tree
    // merges with the free range around it, so the start reported is the merged range's.
    alloc: { weight: 1, arb: op("alloc", size(), i(), i(), value(true, 1)) },
    ralloc: { weight: 1, arb: op("ralloc", size(), i(), i(), value(true, 2)) },
    cyclic: { weight: 1, arb: op("cyclic", i(), i(), value(true, 0)) },
    setrcu: { weight: 1, arb: op("setrcu") },
    clearrcu: { weight: 1, arb: op("clearrcu") },
    destroy: { weight: 0.2, arb: op("destroy") },
    dump: { weight: 0.5, arb: op("dump") },
    mset: { weight: 3, arb: op("mset", i()) },
    mrange: { weight: 1, arb: op("mrange", i(), lastOf(u, 0)) },
    mreset: { weight: 0.5, arb: op("mreset") },
    mpause: { weight: 1, arb: op("mpause") },
    // The whole cursor (index, last, status); off by default, specs turn it on in their mix.
    mstate: { weight: 0, arb: op("mstate") },
    mwalk: { weight: 1, arb: op("mwalk") },
    mnext: { weight: 2, arb: op("mnext", i()) },
    mprev: { weight: 2, arb: op("mprev", i()) },
    mnextr: { weight: 1, arb: op("mnextr", i()) },
    mprevr: { weight: 1, arb: op("mprevr", i()) },
    mfind: { weight: 2, arb: op("mfind", i()) },
    mfindr: { weight: 1, arb: op("mfindr", i()) },
    mfindrange: { weight: 1, arb: op("mfindrange", i()) },
    mfindrangerev: { weight: 1, arb: op("mfindrangerev", i()) },
    mstore: { weight: 2, arb: op("mstore", value(true, -1)) },
    // GFP_NOWAIT: -ENOMEM whenever the store needs a node, leaving the cursor in `error`.
    mstorenw: { weight: 1, arb: op("mstorenw", value(false, -1)) },
    merase: { weight: 1, arb: op("merase") },
    mgap: { weight: 0.5, arb: op("mgap", i(), i(), size()) },
    mrgap: { weight: 0.5, arb: op("mrgap", i(), i(), size()) },
  };
}
