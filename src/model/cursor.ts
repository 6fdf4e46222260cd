/**
 * The persistent cursor (struct ma_state) and its status machine, written from the meaning of
 * mas_walk / mas_next / mas_prev / mas_find & co (maple-tree.md §2.2-2.5) and settled against
 * the kernel oracle where that meaning is unclear (see README.md in this folder).
 *
 * In a node tree an `active` (or `overflow`/`underflow`-after-moving) cursor sits on the range
 * that holds its index; moving forward starts the next range at that range's last + 1, moving
 * back ends the previous range at index - 1 (which differs from the range's last only after a
 * gap search left index inside a NULL range). Root forms "empty" and "entry" have no ranges to
 * sit on: there the cursor is `none` (nothing at the index) or `root` (at the root entry, 0).
 */
import { EINVAL, ENOMEM, MaStatus } from "../impl/constants.js";
import type { MaybeEntry } from "../impl/entry.js";
import { type Index, ULONG_MAX } from "../impl/u64.js";
import { type GapResult, gapSearch, rangeOf, write } from "./ops.js";
import { type Range, rangeAfter, rangeBefore } from "./range-map.js";
import { type Cursor, change, type ModelState, type Step } from "./state.js";

const active = MaStatus.active;
const start = MaStatus.start;
const root = MaStatus.root;
const none = MaStatus.none;
const pause = MaStatus.pause;
const overflow = MaStatus.overflow;
const underflow = MaStatus.underflow;
const error = MaStatus.error;

/** What a cursor operation returns: the entry (maybe NULL) and the cursor it leaves. */
type Move = { entry: MaybeEntry; cur: Cursor; unknown?: boolean; alt?: Move };

const at = (r: Range): Cursor => ({ index: r.first, last: r.last, status: active });
const withStatus = (cur: Cursor, status: MaStatus): Cursor => ({ ...cur, status });

function done(s: ModelState, m: Move): Step<MaybeEntry> {
  const step = { result: m.entry, state: setCursor(s, m.cur) };
  return { ...step, ...(m.unknown && { unknown: true }), ...(m.alt && { alt: done(s, m.alt) }) };
}

export function setCursor(s: ModelState, cur: Cursor): ModelState {
  const c = s.cursor;
  if (
    c.index === cur.index &&
    c.last === cur.last &&
    c.status === cur.status &&
    c.stale === cur.stale
  )
    return s;
  return change(s, { cursor: cur });
}

/** mas_walk: the range holding index; `none`/`root` when the map is not in nodes. */
function walkTo(s: ModelState, index: Index): Move {
  if (s.root === "node") {
    const r = rangeOf(s, index);
    return { entry: r.entry, cur: at(r) };
  }
  if (s.root === "entry" && index === 0n)
    return { entry: s.spans[0].entry, cur: { index: 0n, last: 0n, status: root } };
  return {
    entry: null,
    cur: { index: s.root === "entry" ? 1n : 0n, last: ULONG_MAX, status: none },
  };
}

/** One step forward (mas_next_slot): NULL ranges are skipped unless `empty`. */
function stepNext(s: ModelState, cur: Cursor, max: Index, empty: boolean): Move {
  if (cur.stale) return { ...stepNext(s, { ...cur, stale: false }, max, empty), unknown: true };
  let r = rangeOf(s, cur.index);
  for (;;) {
    if (r.last >= max) return { entry: null, cur: withStatus(cur, overflow) };
    r = rangeAfter(s.spans, r) as Range;
    cur = at(r);
    if (r.entry !== null || empty) return { entry: r.entry, cur };
  }
}

/**
 * One step back (mas_prev_slot). The range before gets as last the old index - 1 when both
 * ranges share a leaf, its own last when it is in the previous leaf. These differ only when
 * index was inside its range (after a gap search); the model does not know where leaves end,
 * so it then answers both ways (alt).
 */
function stepPrev(s: ModelState, cur: Cursor, min: Index, empty: boolean): Move {
  const r = rangeOf(s, cur.index);
  if (r.first <= min) return { entry: null, cur: withStatus(cur, underflow) };
  const p = rangeBefore(s.spans, r) as Range;
  const moved = (last: Index): Move => {
    const c: Cursor = { index: p.first, last, status: active, ...(cur.stale && { stale: true }) };
    return p.entry !== null || empty ? { entry: p.entry, cur: c } : stepPrev(s, c, min, empty);
  };
  const m = moved(cur.index - 1n);
  return cur.index - 1n === p.last ? m : { ...m, alt: moved(p.last) };
}

/** An iterator on an `error` cursor whose range the model does not know (mstoreNowait). */
function errorUnknown(s: ModelState): Step<MaybeEntry> {
  return done(s, { entry: null, cur: s.cursor, unknown: true });
}

/** mas_walk on the cursor: always from the root. */
export function mwalk(s: ModelState): Step<MaybeEntry> {
  return done(s, walkTo(s, s.cursor.index));
}

/** mas_next (empty = false) / mas_next_range (empty = true). */
export function mnext(s: ModelState, max: Index, empty = false): Step<MaybeEntry> {
  let cur = s.cursor;
  if (cur.status === error && cur.stale) return errorUnknown(s);
  if (cur.last >= max) return done(s, { entry: null, cur: withStatus(cur, overflow) });
  const wasNone = cur.status === none;
  switch (cur.status) {
    case error:
      return done(s, { entry: null, cur });
    case overflow:
      cur = withStatus(cur, active);
      break;
    case underflow: {
      const w = walkTo(s, cur.index);
      if (w.entry !== null) return done(s, w);
      cur = w.cur;
      break;
    }
    case none:
    case pause:
    case start:
      cur = walkTo(s, cur.index).cur;
      break;
  }
  if (cur.status === root) {
    if (wasNone && cur.index === 0n)
      return done(s, { entry: null, cur: { index: 0n, last: 0n, status: root } });
    return done(s, { entry: null, cur: { index: 1n, last: ULONG_MAX, status: none } });
  }
  if (cur.status === none) return done(s, { entry: null, cur });
  return done(s, stepNext(s, cur, max, empty));
}

/** mas_prev (empty = false) / mas_prev_range (empty = true). */
export function mprev(s: ModelState, min: Index, empty = false): Step<MaybeEntry> {
  let cur = s.cursor;
  if (cur.status === error && cur.stale) return errorUnknown(s);
  if (cur.index <= min) return done(s, { entry: null, cur: withStatus(cur, underflow) });
  switch (cur.status) {
    case error:
      return done(s, { entry: null, cur });
    case underflow:
      cur = withStatus(cur, active);
      break;
    case overflow: {
      const w = walkTo(s, cur.index);
      if (w.entry !== null) return done(s, w);
      cur = w.cur;
      break;
    }
    case none:
    case pause:
    case start:
      cur = walkTo(s, cur.index).cur;
      break;
  }
  return done(s, prevFromRoot(s, cur) ?? stepPrev(s, cur, min, empty));
}

/**
 * Backward moves out of the root forms: from `root` (index 0) there is nothing before;
 * from `none` above 0 the move lands on index 0 and reads the root pointer itself.
 */
function prevFromRoot(s: ModelState, cur: Cursor): Move | undefined {
  if (cur.status === root) {
    if (cur.index === 0n) return { entry: null, cur: withStatus(cur, none) };
    return { entry: rootEntry(s), cur: { index: 0n, last: 0n, status: root } };
  }
  if (cur.status === none) {
    if (cur.index === 0n) return { entry: null, cur };
    return { entry: rootEntry(s), cur: { index: 0n, last: 0n, status: root } };
  }
  return undefined;
}

function rootEntry(s: ModelState): MaybeEntry {
  return s.root === "entry" ? s.spans[0].entry : null;
}

/** mas_find (empty = false) / mas_find_range (empty = true). */
export function mfind(s: ModelState, max: Index, empty = false): Step<MaybeEntry> {
  let cur = s.cursor;
  if (cur.status === error && cur.stale) return errorUnknown(s);
  switch (cur.status) {
    case error:
      return done(s, { entry: null, cur });
    case active:
      if (cur.last >= max) return done(s, { entry: null, cur });
      break;
    case root:
      return done(s, { entry: null, cur: { index: 1n, last: ULONG_MAX, status: none } });
    case overflow:
      if (cur.last >= max) return done(s, { entry: null, cur });
      cur = { ...cur, status: start };
      break;
    case underflow:
      if (cur.index >= max) return done(s, { entry: null, cur: withStatus(cur, overflow) });
      cur = { ...cur, status: start };
      break;
    case pause:
      if (cur.last >= max) return done(s, { entry: null, cur });
      cur = { index: cur.last + 1n, last: cur.last + 1n, status: start };
      break;
    case none:
      if (cur.last >= max) return done(s, { entry: null, cur });
      cur = { index: cur.last, last: cur.last, status: start };
      break;
  }
  if (cur.status === start) {
    if (cur.index > max) return done(s, { entry: null, cur });
    const w = walkTo(s, cur.index);
    if (w.entry !== null || w.cur.status !== active || w.cur.index >= max) return done(s, w);
    cur = w.cur;
  }
  const m = stepNext(s, cur, max, empty);
  return done(s, empty ? m : { ...m, cur: withStatus(m.cur, active) });
}

/** mas_find_rev (empty = false) / mas_find_range_rev (empty = true). */
export function mfindRev(s: ModelState, min: Index, empty = false): Step<MaybeEntry> {
  let cur = s.cursor;
  if (cur.status === error && cur.stale) return errorUnknown(s);
  switch (cur.status) {
    case error:
      return done(s, { entry: null, cur });
    case active:
      if (cur.index < min) return done(s, { entry: null, cur });
      break;
    case overflow:
      if (cur.index <= min) return done(s, { entry: null, cur: withStatus(cur, underflow) });
      cur = withStatus(cur, active);
      break;
    case root:
      return done(s, { entry: null, cur: withStatus(cur, none) });
    case underflow:
      if (cur.index <= min) return done(s, { entry: null, cur });
      cur = withStatus(cur, active);
      break;
    case pause:
      if (cur.index <= min) return done(s, { entry: null, cur: withStatus(cur, underflow) });
      cur = { index: cur.index - 1n, last: cur.index - 1n, status: start };
      break;
    case none:
      if (cur.index <= min) return done(s, { entry: null, cur });
      cur = { index: cur.index, last: cur.index, status: start };
      break;
  }
  if (cur.status === start) {
    if (cur.index < min) return done(s, { entry: null, cur });
    if (s.root !== "node")
      return done(s, { entry: rootEntry(s), cur: { index: 0n, last: 0n, status: root } });
    const w = walkTo(s, cur.index);
    if (w.entry !== null || w.cur.index < min) return done(s, w);
    cur = w.cur;
  }
  return done(s, stepPrev(s, cur, min, empty));
}

/** mas_pause: continue later from last + 1 (forward) or index - 1 (back). */
export function mpause(s: ModelState): Step<number> {
  return { result: 0, state: setCursor(s, withStatus(s.cursor, pause)) };
}

/** mas_set_range (mas_set is [i, i]): the cursor restarts at [first, last]. */
export function mset(s: ModelState, first: Index, last: Index = first): Step<number> {
  return { result: 0, state: setCursor(s, { index: first, last, status: start }) };
}

/** mas_reset: restart, index/last kept. */
export function mreset(s: ModelState): Step<number> {
  return { result: 0, state: setCursor(s, withStatus(s.cursor, start)) };
}

/**
 * mas_store_gfp over [index, last]. In a node tree the cursor then sits on the written range
 * (for NULL: the merged NULL range). Leaving the nodes, or writing the root entry, restarts it;
 * a NULL write into a root form only starts it (`none` / `root`, index and last kept), and a
 * cursor already at `root` stays there even when the tree is empty.
 */
export function mstore(s: ModelState, entry: MaybeEntry): Step<number> {
  const { index, last } = s.cursor;
  const t = write(s, index, last, entry);
  let cur: Cursor = { index, last, status: start };
  if (t.root === "node")
    cur = entry === null ? at(rangeOf(t, index)) : { index, last, status: active };
  else if (s.root === "node") cur = { index: 0n, last: ULONG_MAX, status: start };
  else if (entry === null)
    cur = { index, last, status: s.root === "entry" || s.cursor.status === root ? root : none };
  if (t.root === "node" && s.root !== "node") cur = { ...cur, stale: true };
  return { result: 0, state: setCursor(t, cur) };
}

/**
 * mas_store_gfp with GFP_NOWAIT, whose allocations the kernel's harness refuses: the store as
 * mstore when it needs no new node, else -ENOMEM with nothing changed and the cursor in
 * `error`. Which one depends on the tree's shape, so the model gives both (alt). A NULL store
 * first widens the cursor over the NULL ranges beside it in its leaf, which the model does not
 * know: that cursor is stale.
 */
export function mstoreNowait(s: ModelState, entry: MaybeEntry): Step<number> {
  const { index, last } = s.cursor;
  const failed: Cursor = { index, last, status: error, ...(entry === null && { stale: true }) };
  return { ...mstore(s, entry), alt: { result: ENOMEM, state: setCursor(s, failed) } };
}

/**
 * mas_erase: find what holds index; if something does, NULL its whole range. Unlike mas_walk
 * it keeps index/last in the root forms, except when it erases the root entry itself.
 */
export function merase(s: ModelState): Step<MaybeEntry> {
  const { index, last } = s.cursor;
  if (s.root !== "node") {
    const e = index === 0n ? rootEntry(s) : null;
    const t = e === null ? s : write(s, 0n, 0n, null);
    const cur =
      e === null
        ? { index, last, status: s.root === "entry" ? root : none }
        : { index: 0n, last: 0n, status: root };
    return { result: e, state: setCursor(t, cur) };
  }
  const r = rangeOf(s, index);
  if (r.entry === null) return done(s, { entry: null, cur: at(r) });
  const t = write(s, r.first, r.last, null);
  const merged = at(rangeOf(t, index));
  const cur = t.root === "node" ? merged : withStatus(merged, start);
  return { result: r.entry, state: setCursor(t, cur) };
}

/** mas_empty_area(_rev) from a fresh cursor: on success the cursor holds the gap. */
export function mgap(
  s: ModelState,
  min: Index,
  max: Index,
  size: Index,
  rev = false,
): Step<GapResult> {
  const g = gapSearch(s, min, max, size, rev);
  const c = (r: GapResult) => gapCursor(s, r, min, max);
  return g.alt ? { ...c(g.result), alt: c(g.alt.result) } : c(g.result);
}

/**
 * The cursor after a gap search: bad arguments leave it alone; otherwise it has started
 * (`none` / `root` in the root forms) and holds the gap, or in a node tree it fails holding
 * [min, max], in `error` or, when the search stopped inside a leaf, `active` (the model
 * cannot tell which: alt; only mstate can see it, as the cursor must restart after a failure).
 */
function gapCursor(s: ModelState, g: GapResult, min: Index, max: Index): Step<GapResult> {
  if (g === EINVAL) return { result: g, state: s };
  const status = s.root === "node" ? active : s.root === "entry" ? root : none;
  if (typeof g !== "number")
    return { result: g, state: setCursor(s, { index: g.index, last: g.last, status }) };
  if (s.root !== "node") return { result: g, state: setCursor(s, withStatus(s.cursor, status)) };
  const failed = (st: MaStatus) => ({
    result: g,
    state: setCursor(s, { index: min, last: max, status: st }),
  });
  return { ...failed(error), alt: failed(active) };
}
