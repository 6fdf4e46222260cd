/**
 * What a run of generated scenarios covered: the reader operations its threads ran, the store
 * types its writers' lines took, how the root changed under each writer line (empty, a single
 * entry in the root pointer, or a node), and the tree heights the readers ran on. Measured on
 * the TypeScript tree by running each scenario's prefix and writer once sequentially, so the
 * figures say what the scenarios exercised, not what the generator meant to draw.
 */
import { STORE_TYPE_NAMES } from "../../impl/constants.js";
import { isNode } from "../../impl/node.js";
import type { MapleTree } from "../../impl/tree.js";
import { TraceMachine } from "../../trace/execute.js";
import { formatResult } from "../../trace/format.js";
import { parseLine } from "../../trace/parse.js";
import { faultsOf, flagText, geometryOf, type ScenarioData } from "./scenario-data.js";

export interface ExploreCoverage {
  /** Scenarios counted. */
  scenarios: number;
  /** Reader lines by operation (mset excluded: it only places the cursor). */
  readerOps: Record<string, number>;
  /** Writer lines by the store type the tree chose (reads and failed writes: `none`). */
  storeTypes: Record<string, number>;
  /** Writer lines by root form before -> after: empty, entry (in ma_root), node. */
  rootForms: Record<string, number>;
  /** Scenarios by the greatest tree height during the writer (0: empty or a root entry). */
  heights: Record<string, number>;
  /**
   * Scenarios explored until a violation with a known finding's signature (a spec of its own
   * keeps it), by that finding: the rest of their schedule space was not explored.
   */
  knownMet: Record<string, number>;
  /** Scenarios that ran out of their explore bounds without a violation. */
  incomplete: number;
  /** Scenarios not explored (the opt-in skipKnownFindings), by the finding their shape fits. */
  excluded: Record<string, number>;
  /** Scenarios the tree under test cannot run, by the reason (e.g. a line its runner lacks). */
  notApplicable: Record<string, number>;
}

export function emptyExploreCoverage(): ExploreCoverage {
  return {
    scenarios: 0,
    readerOps: {},
    storeTypes: {},
    rootForms: {},
    heights: {},
    knownMet: {},
    incomplete: 0,
    excluded: {},
    notApplicable: {},
  };
}

export function bump(m: Record<string, number>, k: string, n = 1): void {
  m[k] = (m[k] ?? 0) + n;
}

function rootForm(tree: MapleTree): string {
  const r = tree.rootCell.value;
  return r === null ? "empty" : isNode(r) ? "node" : "entry";
}

function runText(machine: TraceMachine, line: string): void {
  const parsed = parseLine(line, 0);
  if (parsed !== null) machine.runLine(parsed);
}

/** What one scenario does when its prefix and writer run alone on the TypeScript tree. */
export interface ScenarioFacts {
  /** The tree is in RCU mode. */
  rcu: boolean;
  readerOps: string[];
  storeTypes: string[];
  rootForms: string[];
  height: number;
  /**
   * Reader operations (by name) that answer NULL when the thread runs alone on some state
   * S0..Sm (the prefix and the first k writer lines), e.g. a forward step with nothing up to
   * its limit.
   */
  nullAnswers: string[];
  /** Per reader thread: its cursor steps after `mset` (0 for a thread of one-shot reads). */
  cursorSteps: number[];
  /** A writer line stores over the whole index space [0, max]. */
  storesEverything: boolean;
  /** Every range some state S0..Sm holds, as a reader answers it: `ENTRY LO HI`. */
  ranges: string[];
}

export function scenarioFacts(d: ScenarioData): ScenarioFacts {
  const readerOps = d.readers.flatMap((r) =>
    r.lines.map((l) => l.trim().split(/\s+/)[0]).filter((op) => op !== "mset"),
  );
  const facts: ScenarioFacts = {
    rcu: d.flags.rcu,
    readerOps,
    storeTypes: [],
    rootForms: [],
    height: 0,
    nullAnswers: [],
    ranges: [],
    storesEverything: d.writer.some((l) => /^store 0 (max|18446744073709551615) /.test(l.trim())),
    cursorSteps: d.readers.map((r) =>
      r.lines[0]?.trim().startsWith("mset") ? r.lines.length - 1 : 0,
    ),
  };
  let types: number[] = [];
  const machine = new TraceMachine({
    tree: {
      geometry: geometryOf(d),
      faults: faultsOf(d),
      observer: { storeType: (t) => types.push(t) },
    },
  });
  try {
    runText(machine, `init ${flagText(d)}`);
    for (const l of d.prefix) runText(machine, l);
    facts.height = machine.tree.height;
    // The states' ranges from a tree without the scenario's faults: what the model holds.
    const clean = newMachine({ ...d, faults: [] });
    for (const l of d.prefix) runText(clean, l);
    addRanges(facts, clean);
    for (const l of d.writer) {
      const before = rootForm(machine.tree);
      types = [];
      runText(machine, l);
      if (types.length === 0) facts.storeTypes.push("none");
      for (const t of types) facts.storeTypes.push(STORE_TYPE_NAMES[t] ?? `type ${t}`);
      facts.rootForms.push(`${before}->${rootForm(machine.tree)}`);
      facts.height = Math.max(facts.height, machine.tree.height);
      runText(clean, l);
      addRanges(facts, clean);
    }
    for (let k = 0; k <= d.writer.length; k++) addNullAnswers(facts, d, k);
  } catch {
    // A tree that throws is the explorer's finding to report (compile runs the same lines).
  }
  return facts;
}

/** The ranges the machine's tree holds now, added to facts.ranges once each. */
function addRanges(facts: ScenarioFacts, machine: TraceMachine): void {
  const parsed = parseLine("dump", 0);
  if (parsed === null) return;
  const text = formatResult(machine.runLine(parsed));
  for (const m of text.matchAll(/\[(\d+),(\d+)\]=(\S+)/g)) {
    const r = `${m[3]} ${m[1]} ${m[2]}`;
    if (!facts.ranges.includes(r)) facts.ranges.push(r);
  }
}

function newMachine(d: ScenarioData): TraceMachine {
  const m = new TraceMachine({
    guard: true,
    tree: { geometry: geometryOf(d), faults: faultsOf(d) },
  });
  runText(m, `init ${flagText(d)}`);
  return m;
}

/** Each reader thread alone on state k: the operations that answer NULL there. */
function addNullAnswers(facts: ScenarioFacts, d: ScenarioData, k: number): void {
  for (const r of d.readers) {
    const m = newMachine(d);
    for (const l of [...d.prefix, ...d.writer.slice(0, k)]) runText(m, l);
    for (const l of r.lines) {
      const parsed = parseLine(l, 0);
      if (parsed === null) continue;
      const out = formatResult(m.runLine(parsed));
      if (out === "null" || out.startsWith("null ")) facts.nullAnswers.push(parsed.name);
    }
  }
}

/** Adds one scenario's facts to `into`. */
export function addScenarioCoverage(into: ExploreCoverage, f: ScenarioFacts): void {
  into.scenarios++;
  for (const op of f.readerOps) bump(into.readerOps, op);
  for (const t of f.storeTypes) bump(into.storeTypes, t);
  for (const r of f.rootForms) bump(into.rootForms, r);
  bump(into.heights, String(f.height));
}

export function mergeExploreCoverage(into: ExploreCoverage, from: ExploreCoverage): void {
  into.scenarios += from.scenarios;
  into.incomplete += from.incomplete ?? 0;
  for (const key of [
    "readerOps",
    "storeTypes",
    "rootForms",
    "heights",
    "knownMet",
    "excluded",
    "notApplicable",
  ] as const)
    for (const [k, n] of Object.entries(from[key] ?? {})) bump(into[key], k, n);
}

function sorted(m: Record<string, number>): string {
  return Object.entries(m)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, n]) => `${k} ${n}`)
    .join(", ");
}

/** Scenarios explored to the end of their schedule space without a violation. */
export function exploredFully(c: ExploreCoverage): number {
  return c.scenarios - c.incomplete - Object.values(c.knownMet).reduce((n, k) => n + k, 0);
}

/** The coverage as a few lines of text (the run summary). */
export function coverageLines(c: ExploreCoverage): string[] {
  const met = Object.values(c.knownMet).reduce((n, k) => n + k, 0);
  return [
    `explored fully: ${exploredFully(c)} of ${c.scenarios}${c.incomplete > 0 ? ` (${c.incomplete} incomplete)` : ""}`,
    ...(met > 0
      ? [
          `known findings met: ${sorted(c.knownMet)} (${met} scenarios stopped at that violation; the rest of their schedule space not explored)`,
        ]
      : []),
    `reader ops: ${sorted(c.readerOps) || "-"}`,
    `writer store types: ${sorted(c.storeTypes) || "-"}`,
    `root forms: ${sorted(c.rootForms) || "-"}`,
    `heights: ${sorted(c.heights) || "-"}`,
    ...(Object.keys(c.excluded).length > 0
      ? [`not explored (known findings): ${sorted(c.excluded)}`]
      : []),
    ...(Object.keys(c.notApplicable).length > 0
      ? [`not applicable on this tree: ${sorted(c.notApplicable)}`]
      : []),
  ];
}
