/**
 * Races of the kernel's own lockless readers that specs of their own already keep (each found
 * by the explorer, on the TypeScript tree and the kernel's C tree alike). Every generated
 * scenario is explored; a violation it finds is "known" only when its signature is one of
 * these findings': the scenario's shape could repeat it (`applies`, from the scenario's
 * sequential facts, coverage.ts) AND the violation is what that finding produces (`produces`:
 * the first diverging reader's operation, the kind of failure, and the answer or the crash).
 * Anything else is a new violation and fails the spec with its counterexample.
 */
import type { ScenarioFacts } from "./coverage.js";
import type { ScenarioViolation } from "./explore-scenario.js";
import { readerName, type ScenarioData } from "./scenario-data.js";

/** mas_prev and friends: they read ma_root again in mas_prev_setup, or step back over a
 * replaced parent. */
const PREV_OPS = new Set(["prev", "mprev", "mprevr", "mfindr"]);
/** Reads that go forward from their index through mas_next_slot. */
const FORWARD_OPS = new Set(["next", "mnext", "mnextr", "mfind"]);
/** Cursor steps that go on from where the cursor is (forward or back). */
const CURSOR_STEPS = new Set(["mnext", "mnextr", "mfind", "mprev", "mprevr", "mfindr"]);
/** Operations that report the range they found, not only the entry: all but mtree_load. */
const rangeOp = (op: string): boolean => op !== "load";
const prevOrForward = (op: string): boolean => PREV_OPS.has(op) || FORWARD_OPS.has(op);
/** Store types that replace the leaf (in RCU mode) rather than change it in place. */
const REPLACING_STORES = new Set([
  "wr_node_store",
  "wr_split_store",
  "wr_spanning_store",
  "wr_rebalance",
  "wr_exact_fit",
  "wr_append",
  "wr_new_root",
]);
/** ULONG_MAX as an answer prints it (the TypeScript tree and the C tree alike). */
const MAX = /^(max|18446744073709551615)$/;

/** A violation as its signature is read: who diverged, how, and what the states answer. */
export interface ViolationSignature {
  kind: ScenarioViolation["kind"];
  /** The diverging reader operation's name (`mfind`), its line, index in its thread, answer. */
  op: string;
  line: string;
  opIndex: number;
  answer: string;
  /** The crash or livelock message (the error line), for crashes. */
  message: string;
  /** What the model's states answer to the same line (`in Sk the spec answers "..."`). */
  stateAnswers: string[];
}

/** The signature of `v` in scenario `d`, or undefined when the violation names no reader. */
export function violationSignature(
  d: ScenarioData,
  v: ScenarioViolation,
): ViolationSignature | undefined {
  const f = v.found;
  if (f === undefined) return undefined;
  const thread = d.readers.findIndex((r, i) => readerName(r, i) === f.reader);
  const lines = thread < 0 ? [] : d.readers[thread].lines.map((l) => l.trim());
  // A line twice in a thread (`mfind 97` twice): the violation is of the later step at least
  // as often; the signature takes the last, which is the stricter for "a second step".
  const opIndex = lines.lastIndexOf(f.line);
  const stateAnswers = [...v.body.matchAll(/in S\d+ the spec answers "((?:[^"\\]|\\.)*)"/g)].map(
    (m) => m[1],
  );
  return {
    kind: v.kind,
    op: f.line.split(/\s+/)[0],
    line: f.line,
    opIndex,
    answer: f.answer,
    message: v.error,
    stateAnswers,
  };
}

/** The limit a reader line names (its last word: `mfind 120`, `next 0 max`), if any. */
function limitOf(line: string): bigint | undefined {
  const last = line.trim().split(/\s+/).at(-1) ?? "";
  if (last === "max") return 18446744073709551615n;
  return /^(0x[0-9a-f]+|\d+)$/i.test(last) ? BigInt(last) : undefined;
}

/** The answer's cursor status (`active`, `pause`, ...) is one a state gives: a wrong status
 * is another bug than a wrong range. */
function statusKnown(s: ViolationSignature): boolean {
  const status = s.answer.split(/\s+/)[3];
  return status === undefined || s.stateAnswers.some((a) => a.split(/\s+/)[3] === status);
}

/** The entry an answer names (its first word). */
const entryOf = (answer: string): string => answer.split(/\s+/)[0];

/** A crash of the kind a NULL mas->node dereference in `fn` gives: the TypeScript tree names
 * the function; the C tree reports the signal (SIGSEGV), not where. */
function nullNodeCrash(fn: string): (s: ViolationSignature) => boolean {
  return (s) =>
    s.kind === "reader-crashed" &&
    (s.message.includes(`NullNodeError: ${fn}`) || s.message.includes("SIGSEGV"));
}

export interface KnownFinding {
  /** The spec that keeps the finding. */
  spec: string;
  /** The scenario's shape could repeat it. */
  applies(f: ScenarioFacts): boolean;
  /** The violation is what the finding produces. */
  produces(s: ViolationSignature, f: ScenarioFacts): boolean;
}

export const KNOWN_FINDINGS: readonly KnownFinding[] = [
  {
    // Without RCU mode a writer rewrites and frees live nodes under lockless readers: they
    // race by design (explore-seed-bug-rcu-off, explore-slot-store-both-sides-rcu-off). The
    // readers then answer from a half-written node: a wrong answer (never a crash: the
    // TypeScript tree does not reuse the freed nodes' words).
    spec: "explore-seed-bug-rcu-off",
    applies: (f) => !f.rcu && f.rootForms.some((r) => r.startsWith("node->")),
    produces: (s) => s.kind === "check-failed",
  },
  {
    // The root pointer read twice: mas_prev (and mas_find_rev) sees ma_root as empty or a
    // root entry, then reads it again in mas_prev_setup after the writer expanded it into a
    // leaf (or collapsed it): it returns the new leaf's encoded pointer as the entry, or the
    // new root's entry with the old root entry's range [0, 0].
    spec: "explore-root-expansion-prev",
    applies: (f) =>
      f.readerOps.some((op) => PREV_OPS.has(op)) &&
      f.rootForms.some((r) => {
        const [before, after] = r.split("->");
        return before !== after && (before !== "node" || after !== "node");
      }),
    produces: (s) =>
      PREV_OPS.has(s.op) &&
      s.kind === "check-failed" &&
      (s.answer.startsWith("ptr:") ||
        (/^\S+ 0 0\b/.test(s.answer) &&
          s.stateAnswers.some((a) => /^\S+ 0 0\b/.test(a) && entryOf(a) !== entryOf(s.answer)))),
  },
  {
    // Root collapse (node -> empty or entry) under a reader going back: mas_prev finds its
    // leaf dead, walks again from a root that is no node and dereferences NULL in mas_prev_slot.
    spec: "explore-prev-emptied-tree",
    applies: (f) =>
      f.readerOps.some((op) => PREV_OPS.has(op)) &&
      f.rootForms.some((r) => r === "node->empty" || r === "node->entry"),
    produces: (s) => PREV_OPS.has(s.op) && nullNodeCrash("mas_prev_slot")(s),
  },
  {
    // The forward twin: mas_next_slot dereferences NULL (a crash on 6.12's C tree too).
    spec: "explore-next-emptied-tree",
    applies: (f) =>
      f.readerOps.some((op) => FORWARD_OPS.has(op)) &&
      f.rootForms.some((r) => r === "node->empty" || r === "node->entry"),
    produces: (s) => FORWARD_OPS.has(s.op) && nullNodeCrash("mas_next_slot")(s),
  },
  {
    // A split (or a rebalance) publishes a new parent before it re-points the reused children
    // at it: mas_prev (or mas_next/mas_find) going up from such a child walks again and again
    // while the writer stays preempted: a livelock, nothing else. A spanning store publishes
    // its new subtree before it adopts the children the same way (mas_topiary_replace).
    spec: "explore-prev-waits-for-parent-update",
    applies: (f) =>
      f.readerOps.some(prevOrForward) &&
      f.storeTypes.some(
        (t) => t === "wr_split_store" || t === "wr_rebalance" || t === "wr_spanning_store",
      ),
    produces: (s) => prevOrForward(s.op) && s.kind === "livelock",
  },
  {
    // A spanning store publishes a new parent before it adopts the children, whose parent slot
    // may be stale: mas_prev ascends with it and answers underflow (docs/findings.md, 1).
    spec: "explore-finding-prev-spanning-null-rcu",
    applies: (f) =>
      f.readerOps.some((op) => PREV_OPS.has(op)) && f.storeTypes.includes("wr_spanning_store"),
    produces: (s) =>
      PREV_OPS.has(s.op) && s.kind === "check-failed" && /\bunderflow$/.test(s.answer),
  },
  {
    // A store over [0, max] replaces the whole tree: a cursor step in an old node answers
    // NULL over [0, max], which no state holds.
    spec: "triage/explore-find-across-new-root-rcu",
    applies: (f) => f.readerOps.some(prevOrForward) && f.storesEverything,
    produces: (s) => {
      const [entry, lo, hi] = s.answer.split(/\s+/);
      return (
        prevOrForward(s.op) &&
        s.kind === "check-failed" &&
        entry === "null" &&
        lo === "0" &&
        MAX.test(hi ?? "")
      );
    },
  },
  {
    // A cursor that already stepped in a leaf a node store then replaces goes on in the dead
    // leaf: a later step answers the old leaf's next range (a range an older state holds),
    // after the writer ended.
    spec: "triage/explore-find-continues-in-dead-leaf-rcu",
    applies: (f) =>
      f.cursorSteps.some((n) => n >= 2) && f.storeTypes.some((t) => REPLACING_STORES.has(t)),
    produces: (s, f) =>
      CURSOR_STEPS.has(s.op) &&
      s.opIndex >= 2 &&
      s.kind === "check-failed" &&
      f.ranges.includes(s.answer.split(/\s+/).slice(0, 3).join(" ")),
  },
  {
    // A slot store changes the live leaf in place (slot, then pivot) even in RCU mode: the
    // range a reader reports may mix the two; its entry is one a state gives.
    spec: "explore-rcu-slot-store-walk-range",
    applies: (f) => f.readerOps.some(rangeOp) && f.storeTypes.includes("wr_slot_store"),
    produces: (s) =>
      rangeOp(s.op) &&
      s.kind === "check-failed" &&
      s.stateAnswers.some((a) => entryOf(a) === entryOf(s.answer)),
  },
  {
    // mas_find / mas_next (and the reverse steps) in a leaf that a node-replacing store kills:
    // they walk again and answer NULL with the cursor past the limit, a position no state
    // explains: NULL over a range at or past the step's limit.
    spec: "triage/explore-find-after-dead-leaf-rcu",
    applies: (f) =>
      f.nullAnswers.some(prevOrForward) && f.storeTypes.some((t) => REPLACING_STORES.has(t)),
    produces: (s) => {
      if (!prevOrForward(s.op) || s.kind !== "check-failed" || !statusKnown(s)) return false;
      const [entry, lo, hi] = s.answer.split(/\s+/);
      const limit = limitOf(s.line);
      if (entry !== "null" || limit === undefined || !/^\d+$/.test(lo ?? "")) return false;
      if (!/^\d+$/.test(hi ?? "")) return false;
      // At or past the limit: forward, the range starts there; back, it ends there (mas_find_rev
      // to 0 from 22: `null 0 0 underflow` where S0 gives `null 0 49` and S1 `1 1 1`).
      return PREV_OPS.has(s.op) ? BigInt(hi) <= limit : BigInt(lo) >= limit;
    },
  },
  {
    // A step in a leaf a node store replaces walks again past the entry it should answer and
    // reports NULL from there to the end of the index space: forward `mfind 36` from 0 answers
    // `null 36 max` where every state has [.., 35]; `mnext max` answers `null 47 max` past a new
    // [46,46]; back, `mfindr 0` from 22 answers `null 0 1` past a new [2,2].
    spec: "triage/explore-find-null-at-limit-rcu",
    applies: (f) =>
      f.readerOps.some(prevOrForward) && f.storeTypes.some((t) => REPLACING_STORES.has(t)),
    produces: (s) => {
      if (!prevOrForward(s.op) || s.kind !== "check-failed" || !statusKnown(s)) return false;
      const [entry, lo, hi] = s.answer.split(/\s+/);
      if (entry !== "null" || !/^\d+$/.test(lo ?? "")) return false;
      const found = s.stateAnswers.map((a) => a.split(/\s+/)).filter((a) => a[0] !== "null");
      if (found.length === 0 || !found.every((a) => /^\d+$/.test(a[1]) && /^\d+$/.test(a[2])))
        return false;
      if (PREV_OPS.has(s.op))
        return (
          lo === "0" && /^\d+$/.test(hi ?? "") && found.every((a) => BigInt(a[1]) > BigInt(hi))
        );
      return MAX.test(hi ?? "") && found.every((a) => BigInt(a[2]) < BigInt(lo));
    },
  },
  {
    // A next-range step under node stores answers an entry a state holds at that index with
    // its range cut short: `mnextr 60` from 43 answers `2 58 58` where [54,58]=2.
    spec: "triage/explore-small-next-range-mixed-entry-rcu",
    applies: (f) =>
      f.readerOps.some((op) => CURSOR_STEPS.has(op)) &&
      f.storeTypes.some((t) => REPLACING_STORES.has(t)),
    produces: (s, f) => {
      if (!CURSOR_STEPS.has(s.op) || s.kind !== "check-failed") return false;
      const [entry, lo, hi] = s.answer.split(/\s+/);
      if (entry === "null" || !/^\d+$/.test(lo ?? "") || !/^\d+$/.test(hi ?? "")) return false;
      return f.ranges.some((r) => {
        const [e, l, h] = r.split(" ");
        const inside = BigInt(l) <= BigInt(lo) && BigInt(hi) <= BigInt(h);
        return e === entry && inside && (l !== lo || h !== hi);
      });
    },
  },
  {
    // A node store replaces a leaf under a cursor step (mas_find, mas_next): the answer mixes
    // the old and the new leaf: an entry a state holds (or NULL) over a range whose ends are
    // boundaries of the states but which no state holds, e.g. `null 1 4` where S0 gives
    // `3 4 7` and S1 `1 1 4`, or `null 2 4` where S1 holds [5,5] and S2 adds [1,1].
    spec: "triage/explore-small-node-store-mixed-range-rcu",
    applies: (f) =>
      f.readerOps.some(prevOrForward) && f.storeTypes.some((t) => REPLACING_STORES.has(t)),
    produces: (s, f) => {
      if (!prevOrForward(s.op) || s.kind !== "check-failed" || !statusKnown(s)) return false;
      const [entry, lo, hi] = s.answer.split(/\s+/);
      if (!/^\d+$/.test(lo ?? "") || !/^\d+$/.test(hi ?? "")) return false;
      const entryKnown = entry === "null" || f.ranges.some((r) => r.split(" ")[0] === entry);
      // Each end of the range is a boundary some state has (a range starts after it or ends
      // there), yet no one state holds the range: it is put together from two leaves.
      const ends = new Set(["-1", "18446744073709551615"]);
      for (const r of f.ranges) {
        const [, l, h] = r.split(" ");
        ends.add(String(BigInt(l) - 1n));
        ends.add(h);
      }
      const mixed = ends.has(String(BigInt(lo) - 1n)) && ends.has(hi);
      return entryKnown && statusKnown(s) && mixed && !f.ranges.includes(`${entry} ${lo} ${hi}`);
    },
  },
];

/** The known finding the scenario's shape could repeat (the opt-in skip), or undefined. */
export function knownFindingOf(f: ScenarioFacts): string | undefined {
  return KNOWN_FINDINGS.find((k) => k.applies(f))?.spec;
}

/** The known finding whose signature `v` has in scenario `d`, or undefined: a new violation. */
export function knownFindingFor(
  d: ScenarioData,
  f: ScenarioFacts,
  v: ScenarioViolation,
): string | undefined {
  const s = violationSignature(d, v);
  if (s === undefined) return undefined;
  return KNOWN_FINDINGS.find((k) => k.applies(f) && k.produces(s, f))?.spec;
}
