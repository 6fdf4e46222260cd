/**
 * From scenario data to what the explorer runs: the world (a tree built by the prefix through
 * the protocol, as the oracle's driver would), the writer's lines, the reader threads on the
 * tree's real read paths, and the model check.
 *
 * The prefix and the writer also run once sequentially, on the tree and on the model side by
 * side; the model's states S0 (after the prefix) .. Sm (after each writer line) are what every
 * reader answer is judged against (model-check.ts). A sequential disagreement is a tree (or
 * model) bug of its own: compiling throws a ScenarioError that says where.
 */
import type { MapleTree } from "../../impl/tree.js";
import {
  initialProtocolState,
  type ProtocolState,
  runLine as runModelLine,
} from "../../model/protocol.js";
import { TraceMachine } from "../../trace/execute.js";
import { formatResult } from "../../trace/format.js";
import { parseLine } from "../../trace/parse.js";
import type { ReaderThread, Scenario, WriterOp } from "../explorer/index.js";
import { type ModelCheck, modelCheck } from "./model-check.js";
import { readerOp } from "./reader-lines.js";
import { faultsOf, flagText, geometryOf, readerName, type ScenarioData } from "./scenario-data.js";

export class ScenarioError extends Error {
  readonly code = "MAPLE_CHECK_SCENARIO";
  constructor(message: string) {
    super(message);
    this.name = "ScenarioError";
  }
}

export interface CompiledScenario {
  data: ScenarioData;
  scenario: Scenario<MapleTree>;
  check: ModelCheck;
  /** The model's protocol state after the prefix and after each writer line. */
  states: ProtocolState[];
  /** The tree's sequential answer to each writer line. */
  writerAnswers: string[];
}

/** The protocol machine that built each world: the writer's lines run through it. */
const machines = new WeakMap<MapleTree, TraceMachine>();

function newMachine(d: ScenarioData): TraceMachine {
  const machine = new TraceMachine({
    guard: true,
    tree: { geometry: geometryOf(d), faults: faultsOf(d) },
  });
  run(machine, `init ${flagText(d)}`);
  return machine;
}

function run(machine: TraceMachine, line: string): string {
  const parsed = parseLine(line, 0);
  if (parsed === null) return "";
  return formatResult(machine.runLine(parsed));
}

function setup(d: ScenarioData): MapleTree {
  const machine = newMachine(d);
  for (const line of d.prefix) run(machine, line);
  machines.set(machine.tree, machine);
  return machine.tree;
}

function writerOp(line: string): WriterOp<MapleTree> {
  const text = line.trim();
  return {
    name: text,
    run(tree) {
      const machine = machines.get(tree);
      if (machine === undefined)
        throw new ScenarioError("writer run on a tree the scenario did not build");
      run(machine, text);
    },
  };
}

export function readerThreads(d: ScenarioData): ReaderThread<MapleTree>[] {
  return d.readers.map((r, i) => ({
    name: readerName(r, i),
    rcu: r.kind !== "none",
    rcuSection: r.kind === "rcu" ? "thread" : "operation",
    ops: r.lines.map(readerOp),
  }));
}

/** The prefix and writer on tree and model side by side: the model states and writer answers. */
function sequentialRun(d: ScenarioData): { states: ProtocolState[]; writerAnswers: string[] } {
  const machine = newMachine(d);
  let ps = initialProtocolState(geometryOf(d).rangeSlots);
  const init = runModelLine(ps, `init ${flagText(d)}`);
  if (init !== undefined) ps = init.state;
  const step = (line: string, where: string): string => {
    const tree = run(machine, line);
    if (tree === "err ub") return tree; // undefined in the kernel: neither side applies it
    const model = runModelLine(ps, line);
    if (model === undefined) return tree;
    for (let r: typeof model | undefined = model; r !== undefined; r = r.alt) {
      if (r.out === tree || r.unknown) {
        ps = r.state;
        return tree;
      }
    }
    throw new ScenarioError(
      `${where} \`${line}\`: the tree answers "${tree}", the model "${model.out}" (run sequentially)`,
    );
  };
  d.prefix.forEach((l, i) => {
    step(l, `prefix line ${i + 1}`);
  });
  const states = [ps];
  const writerAnswers = d.writer.map((l, i) => {
    const out = step(l, `writer line ${i + 1}`);
    states.push(ps);
    return out;
  });
  return { states, writerAnswers };
}

export function compileScenario(d: ScenarioData): CompiledScenario {
  if (d.writer.length === 0)
    throw new ScenarioError(`${d.name}: a scenario needs at least one writer line`);
  if (d.readers.length < 1 || d.readers.length > 3)
    throw new ScenarioError(`${d.name}: 1-3 reader threads`);
  const scenario: Scenario<MapleTree> = {
    name: d.name,
    setup: () => setup(d),
    writer: d.writer.map(writerOp),
    readers: readerThreads(d),
  };
  const { states, writerAnswers } = sequentialRun(d);
  return { data: d, scenario, check: modelCheck(d, states), states, writerAnswers };
}
