/**
 * What generated scenarios are made of: a prefix of a random shape (empty, a single root
 * entry, a few sparse ranges, or a run of regular ranges deep enough for height 2 or 3), writer
 * lines aimed at that shape's edges (stores into gaps and over ranges, spanning stores, NULL
 * stores, erase, insert, root expansion and collapse, allocation-range writes), and reader
 * threads of 1-3 operations over the whole read API (loads, walks, bounded next/prev, cursor
 * find and find-reverse, range steps, range iteration).
 *
 * Points are drawn near the prefix's range edges (edge, edge +- 1) as well as anywhere in its
 * span, so that writes split, extend, merge and span the ranges the prefix laid out.
 */
import fc from "fast-check";
import type { GenerateSpec } from "../spec/schema.js";
import type { ReaderData, ReaderKind } from "./scenario-data.js";

/** A prefix and the points its ranges make interesting. */
export interface Shape {
  kind: string;
  lines: string[];
  /** Range edges of the prefix (and their neighbours), sorted, distinct. */
  points: number[];
  /** One past the greatest index the prefix uses. */
  end: number;
}

const value = fc.integer({ min: 1, max: 6 });

function shapeOf(kind: string, ranges: [number, number, number][], end: number): Shape {
  const pts = new Set<number>([0, 1, end]);
  for (const [a, b] of ranges) for (const p of [a - 1, a, a + 1, b - 1, b, b + 1]) pts.add(p);
  return {
    kind,
    lines: ranges.map(([a, b, v]) => `store ${a} ${b} ${v}`),
    points: [...pts].filter((p) => p >= 0).sort((x, y) => x - y),
    end,
  };
}

/** The prefix shapes the spec allows, each a random instance of its kind. */
export function shapeArbitrary(g: GenerateSpec): fc.Arbitrary<Shape> {
  // Weighted towards the shapes with nodes: most writer store types need them.
  const arbs: { arbitrary: fc.Arbitrary<Shape>; weight: number }[] = [];
  const add = (weight: number, arbitrary: fc.Arbitrary<Shape>): void => {
    arbs.push({ arbitrary, weight });
  };
  const end = g.universe;
  if (g.shapes.includes("empty")) add(1, fc.constant(shapeOf("empty", [], end)));
  if (g.shapes.includes("root-entry"))
    add(
      1,
      value.map((v) => shapeOf("root-entry", [[0, 0, v]], end)),
    );
  if (g.shapes.includes("sparse"))
    add(
      3,
      fc
        .array(
          fc.record({
            a: fc.integer({ min: 0, max: end - 1 }),
            len: fc.nat(Math.max(1, Math.floor(end / 8))),
            v: value,
          }),
          { minLength: 1, maxLength: g.maxPrefixStores },
        )
        .map((rs) =>
          shapeOf(
            "sparse",
            rs.map(({ a, len, v }) => [a, Math.min(end - 1, a + len), v]),
            end,
          ),
        ),
    );
  if (g.shapes.includes("regular"))
    add(
      4,
      fc
        .record({
          start: fc.integer({ min: 0, max: 3 }),
          stride: fc.integer({ min: 2, max: 4 }),
          gap: fc.integer({ min: 0, max: 1 }),
          n: fc.integer({ min: 2, max: g.maxRanges }),
        })
        .map(({ start, stride, gap, n }) => {
          const ranges: [number, number, number][] = [];
          for (let i = 0; i < n; i++) {
            const a = start + i * stride;
            ranges.push([a, a + stride - 1 - gap, (i % 6) + 1]);
          }
          return shapeOf("regular", ranges, start + n * stride + 2);
        }),
    );
  if (arbs.length === 0) throw new Error("generate.shapes is empty");
  return fc.oneof(...arbs);
}

/** A point of the shape: one of its edges, or anywhere below its end. */
function point(s: Shape): fc.Arbitrary<number> {
  return fc.oneof(fc.constantFrom(...s.points), fc.integer({ min: 0, max: s.end }));
}

function pointAtLeast(s: Shape, lo: number): fc.Arbitrary<number> {
  const above = s.points.filter((p) => p >= lo);
  const any = fc.integer({ min: lo, max: Math.max(lo, s.end) });
  return above.length > 0 ? fc.oneof(fc.constantFrom(...above), any) : any;
}

/** A range [first, last] of the shape: short (within a range or gap) or spanning many. */
function span(s: Shape): fc.Arbitrary<[number, number]> {
  return point(s).chain((a) =>
    fc.oneof(
      fc.integer({ min: a, max: a + 3 }).map((b): [number, number] => [a, b]),
      pointAtLeast(s, a).map((b): [number, number] => [a, b]),
    ),
  );
}

/** The writer's lines of the spec's kinds, aimed at the shape. */
export function writerLine(g: GenerateSpec, s: Shape, alloc: boolean): fc.Arbitrary<string> {
  const arbs: fc.Arbitrary<string>[] = [];
  const w = g.writes;
  if (w.includes("store"))
    arbs.push(fc.tuple(span(s), value).map(([[a, b], v]) => `store ${a} ${b} ${v}`));
  if (w.includes("null")) arbs.push(span(s).map(([a, b]) => `store ${a} ${b} null`));
  if (w.includes("insert"))
    arbs.push(fc.tuple(span(s), value).map(([[a, b], v]) => `insert ${a} ${b} ${v}`));
  if (w.includes("erase")) arbs.push(point(s).map((i) => `erase ${i}`));
  if (w.includes("root"))
    // Root expansion (a store beside a root entry or into an empty tree), a new root over
    // everything, collapse back to empty, or to what [0, 0] holds.
    arbs.push(
      fc.oneof(
        value.map((v) => `store 0 0 ${v}`),
        fc.tuple(fc.integer({ min: 1, max: 3 }), value).map(([i, v]) => `store ${i} ${i} ${v}`),
        value.map((v) => `store 0 max ${v}`),
        fc.constant("store 0 max null"),
        fc.constant("store 1 max null"),
        point(s).map((i) => `store ${i} max null`),
      ),
    );
  if (w.includes("alloc") && alloc)
    arbs.push(
      fc
        .record({
          op: fc.constantFrom("alloc", "ralloc"),
          size: fc.integer({ min: 1, max: 4 }),
          lo: point(s),
          v: value,
        })
        .chain(({ op, size, lo, v }) =>
          pointAtLeast(s, lo + size - 1).map((hi) => `${op} ${size} ${lo} ${hi} ${v}`),
        ),
    );
  if (arbs.length === 0) throw new Error("generate.writes is empty");
  return fc.oneof(...arbs);
}

/** A bound for an iterator from x: nearby, at another edge, or the end of the index space. */
function upper(s: Shape, x: number): fc.Arbitrary<string> {
  return fc.oneof(
    fc.integer({ min: x, max: x + 4 }).map(String),
    pointAtLeast(s, x).map(String),
    fc.constant("max"),
  );
}

function lower(x: number): fc.Arbitrary<string> {
  return fc.oneof(fc.integer({ min: Math.max(0, x - 4), max: x }).map(String), fc.constant("0"));
}

/** One-shot reads: each builds its own maple state. */
const ONE_SHOT: Record<string, (s: Shape, x: number) => fc.Arbitrary<string>> = {
  load: (_s, x) => fc.constant(`load ${x}`),
  walk: (_s, x) => fc.constant(`walk ${x}`),
  next: (s, x) => upper(s, x).map((m) => `next ${x} ${m}`),
  prev: (_s, x) => lower(x).map((m) => `prev ${x} ${m}`),
};

/** Cursor steps (after `mset x`): each moves the thread's cursor. */
const CURSOR: Record<string, (s: Shape, x: number) => fc.Arbitrary<string>> = {
  mwalk: () => fc.constant("mwalk"),
  mnext: (s, x) => upper(s, x).map((m) => `mnext ${m}`),
  mprev: (_s, x) => lower(x).map((m) => `mprev ${m}`),
  mfind: (s, x) => upper(s, x).map((m) => `mfind ${m}`),
  mfindr: (_s, x) => lower(x).map((m) => `mfindr ${m}`),
  mnextr: (s, x) => upper(s, x).map((m) => `mnextr ${m}`),
  mprevr: (_s, x) => lower(x).map((m) => `mprevr ${m}`),
};

/** The spec's read kinds as the lines they allow. */
const READ_LINES: Record<string, string[]> = {
  load: ["load"],
  walk: ["walk", "mwalk"],
  next: ["next", "mnext", "mnextr"],
  prev: ["prev", "mprev", "mprevr"],
  find: ["mfind"],
  findrev: ["mfindr"],
  cursor: ["mwalk", "mprev", "mnext", "mfind"],
};

/** Whether the spec's readers may use a cursor (mas_* on a kept ma_state). */
export function generatesCursorLines(g: GenerateSpec): boolean {
  return g.reads.some((r) => r === "range" || (READ_LINES[r] ?? []).some((l) => l.startsWith("m")));
}

/**
 * One reader thread of 1..maxOps operations: one-shot reads, a cursor set at a point and
 * stepped, or a range iteration (mas_for_each: mas_find to a bound, again and again).
 */
export function readerThread(
  g: GenerateSpec,
  s: Shape,
  maxOps: number,
  kinds: readonly ReaderKind[],
): fc.Arbitrary<ReaderData> {
  const allowed = new Set(g.reads.flatMap((r) => READ_LINES[r] ?? []));
  const oneShots = Object.keys(ONE_SHOT).filter((k) => allowed.has(k));
  const steps = Object.keys(CURSOR).filter((k) => allowed.has(k));
  // A cursor is kept between lines only inside one read-side section (else it must be
  // paused): cursor threads never take a section per line.
  const cursorKinds = kinds.filter((k) => k !== "rcu-per-op");
  const thread = (ks: readonly ReaderKind[], lines: fc.Arbitrary<string[]>) =>
    fc.record({ kind: fc.constantFrom(...ks), lines });
  const choices: fc.Arbitrary<ReaderData>[] = [];
  if (oneShots.length > 0)
    choices.push(
      thread(
        kinds,
        fc.array(
          fc.tuple(fc.constantFrom(...oneShots), point(s)).chain(([op, x]) => ONE_SHOT[op](s, x)),
          { minLength: 1, maxLength: maxOps },
        ),
      ),
    );
  if (steps.length > 0 && cursorKinds.length > 0)
    choices.push(
      thread(
        cursorKinds,
        point(s).chain((x) =>
          fc
            .array(
              fc.constantFrom(...steps).chain((op) => CURSOR[op](s, x)),
              { minLength: 1, maxLength: maxOps },
            )
            .map((ls) => [`mset ${x}`, ...ls]),
        ),
      ),
    );
  if (g.reads.includes("range") && cursorKinds.length > 0)
    choices.push(
      thread(
        cursorKinds,
        fc
          .tuple(point(s), fc.integer({ min: 1, max: maxOps }))
          .chain(([x, n]) =>
            upper(s, x).map((m) => [`mset ${x}`, ...Array.from({ length: n }, () => `mfind ${m}`)]),
          ),
      ),
    );
  if (choices.length === 0) throw new Error("generate.reads allows no reader line");
  return fc.oneof(...choices);
}

/**
 * The reader threads: 1..maxReaders of them, with at most maxReaderOps operations in all
 * beyond one per thread, so that the schedule space stays small enough to explore to the end.
 */
export function readerThreads(g: GenerateSpec, s: Shape): fc.Arbitrary<ReaderData[]> {
  const kinds = g.readerKinds as ReaderKind[];
  return fc.integer({ min: 1, max: g.maxReaders }).chain((n) => {
    const perThread = Math.max(1, Math.floor(g.maxReaderOps / n));
    return fc.array(readerThread(g, s, perThread, kinds), { minLength: n, maxLength: n });
  });
}
