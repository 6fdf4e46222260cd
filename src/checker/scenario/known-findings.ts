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
/** Operations that report the range they found, not only the entry: all but mtree_load. */
const rangeOp = (op: string): boolean => op !== "load";
const prevOrForward = (op: string): boolean => PREV_OPS.has(op) || FORWARD_OPS.has(op);

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
  /** The cursor the step started from (`7 8 active`), for cursor steps. */
  cursor?: { index: bigint; last: bigint; status: string };
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
  const at = /\(cursor at (\d+) (\d+) (\w+)\)/.exec(v.error);
  return {
    ...(at === null
      ? {}
      : { cursor: { index: BigInt(at[1]), last: BigInt(at[2]), status: at[3] } }),
    kind: v.kind,
    op: f.line.split(/\s+/)[0],
    line: f.line,
    opIndex,
    answer: f.answer,
    message: v.error,
    stateAnswers,
  };
}

/**
 * The answer's entry over a range inside a range some state holds with that entry: the new
 * entry with an old boundary (`next 24` answers `3 25 26` where the writer made [24, 26] = 3
 * over [25, 26] = 1; the states answer [25, 26] = 1 and, past the new range, [27, 28] = 2).
 */
function insideHeldRange(s: ViolationSignature, f: ScenarioFacts): boolean {
  const a = answerRange(s.answer);
  if (a === undefined || a.entry === "null") return false;
  return f.ranges.some((r) => {
    const [e, l, h] = r.split(" ");
    return e === a.entry && BigInt(l) <= a.lo && a.hi <= BigInt(h);
  });
}

/** An answer's entry and range (`3 25 26 active`), when both ends are numbers. */
function answerRange(answer: string): { entry: string; lo: bigint; hi: bigint } | undefined {
  const [entry, lo, hi] = answer.split(/\s+/);
  if (entry === undefined || !/^\d+$/.test(lo ?? "") || !/^\d+$/.test(hi ?? "")) return undefined;
  return { entry, lo: BigInt(lo), hi: BigInt(hi) };
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
    // Its forward twin: mas_next_node ascends with the stale parent slot and steps into a
    // sibling left of the leaf: a forward step answers a range (or a last index) behind every
    // state's answer: `3 17 17` or `null 44 16` where every state gives [45, 45] or [44, 44].
    spec: "explore-finding-next-spanning-stale-parent-rcu",
    applies: (f) =>
      f.readerOps.some((op) => FORWARD_OPS.has(op)) && f.storeTypes.includes("wr_spanning_store"),
    produces: (s) => {
      if (!FORWARD_OPS.has(s.op) || s.kind !== "check-failed") return false;
      const answer = answerRange(s.answer);
      const states = s.stateAnswers.map(answerRange);
      if (answer === undefined || states.length === 0) return false;
      return states.every((r) => r !== undefined && answer.hi < r.lo);
    },
  },
  {
    // A slot store changes the live leaf in place under a cursor that already stands on a range
    // there: the cursor's next step goes on from its own last index, as mas_next_slot does,
    // where the documented step ("the entry after mas->index") starts from the range that now
    // holds its index: `mfind max` from [7, 8] answers `null 9 max` where [8, 8] = 3 remains.
    spec: "explore-finding-cursor-steps-from-stale-last-rcu",
    applies: (f) =>
      f.readerOps.some((op) => FORWARD_OPS.has(op)) && f.storeTypes.includes("wr_slot_store"),
    produces: (s) => {
      if (!FORWARD_OPS.has(s.op) || s.kind !== "check-failed" || s.cursor === undefined)
        return false;
      if (s.cursor.status !== "active" || s.cursor.last <= s.cursor.index) return false;
      const lo = s.answer.split(/\s+/)[1] ?? "";
      return /^\d+$/.test(lo) && BigInt(lo) === s.cursor.last + 1n;
    },
  },
  {
    // A stopped cursor (overflow forward, underflow back) steps on from the node it still holds
    // and finds nothing: the answer's entry (NULL) and status are a state's, only the range the
    // cursor reports is none: a cursor in overflow stepping on from
    // a leaf the writer replaced reports the new tree's NULL range around its index
    // (`null 2 max overflow`) where the states keep it where it was (`null 129 131 overflow`).
    spec: "explore-finding-null-answer-range-rcu",
    applies: (f) => f.readerOps.some(prevOrForward),
    produces: (s) => {
      if (s.kind !== "check-failed" || s.cursor === undefined) return false;
      // The path is the one that carries on from the node a stopped cursor still holds.
      const carriesOn =
        (FORWARD_OPS.has(s.op) && s.cursor.status === "overflow") ||
        (PREV_OPS.has(s.op) && s.cursor.status === "underflow");
      if (!carriesOn) return false;
      const [entry, , , status] = s.answer.split(/\s+/);
      return (
        entry === "null" &&
        s.stateAnswers.some((a) => {
          const [e, , , st] = a.split(/\s+/);
          return e === "null" && st === status;
        })
      );
    },
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
    // A slot store changes the live leaf in place (slot, then pivot) even in RCU mode: the
    // range a reader reports may mix the two; its entry is one a state gives.
    spec: "explore-rcu-slot-store-walk-range",
    applies: (f) => f.readerOps.some(rangeOp) && f.storeTypes.includes("wr_slot_store"),
    produces: (s, f) =>
      rangeOp(s.op) &&
      s.kind === "check-failed" &&
      (s.stateAnswers.some((a) => entryOf(a) === entryOf(s.answer)) || insideHeldRange(s, f)),
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
