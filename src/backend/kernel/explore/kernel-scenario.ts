/**
 * A scenario (src/checker/scenario/scenario-data.ts) made ready for the explorer on the C
 * tree: one maple-explore-runner builds the prefix's tree, records the writer's lines, and is
 * given the reader threads; the model's states S0..Sm come from running the same lines on the
 * model, where the C tree's own answers pick among the model's alternatives (as
 * compile.ts does with the TypeScript tree's). The model check is the TypeScript explorer's
 * (model-check.ts): only the tree under the readers changes.
 */
import { ScenarioError } from "../../../checker/scenario/compile.js";
import { type ModelCheck, modelCheck } from "../../../checker/scenario/model-check.js";
import { parseReaderLine } from "../../../checker/scenario/reader-lines.js";
import {
  flagText,
  geometryOf,
  readerName,
  type ScenarioData,
} from "../../../checker/scenario/scenario-data.js";
import {
  initialProtocolState,
  type ProtocolState,
  runLine as runModelLine,
} from "../../../model/protocol.js";
import type { TraceOp } from "../../../trace/ops.js";
import type { ExploreRunnerBuild } from "./build-explore.js";
import { ExploreProcess, ExploreRunnerError } from "./explore-process.js";
import { type KernelWriterLog, parseKernelLog } from "./kernel-log.js";

/** A scenario the C tree cannot run (a line this kernel's API lacks). */
export class KernelNotApplicable extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "KernelNotApplicable";
  }
}

/** The runner process of one kernel build, reused from scenario to scenario. */
export class KernelExploreSession {
  private proc: ExploreProcess | undefined;
  /** The scenario the runner holds (its recorded writer and reader threads). */
  private loadedKey: string | undefined;
  private loaded: LoadedScenario | undefined;

  constructor(readonly build: ExploreRunnerBuild) {}

  get description(): string {
    return `linux ${this.build.kernel.version} (${this.build.kernel.mapleTreeFile})`;
  }

  process(): ExploreProcess {
    if (this.proc === undefined || !this.proc.running) {
      this.proc = new ExploreProcess(this.build.binary);
      this.loadedKey = undefined;
      this.loaded = undefined;
    }
    return this.proc;
  }

  /** The scenario recorded in the runner (again only when another one is there). */
  load(d: ScenarioData): LoadedScenario {
    const key = JSON.stringify([d.flags, d.prefix, d.writer, d.readers]);
    const p = this.process();
    if (this.loadedKey === key && this.loaded !== undefined) return this.loaded;
    this.loadedKey = undefined;
    const loaded = record(p, d);
    this.loadedKey = key;
    this.loaded = loaded;
    return loaded;
  }

  /** The next load records its scenario again, even the one the runner holds. */
  forget(): void {
    this.loadedKey = undefined;
    this.loaded = undefined;
  }

  close(): void {
    this.proc?.close();
    this.proc = undefined;
    this.loadedKey = undefined;
  }
}

export interface LoadedScenario {
  prefixAnswers: string[];
  writerAnswers: string[];
  log: KernelWriterLog;
}

function isOpLine(line: string): boolean {
  const t = line.trim();
  return t !== "" && !t.startsWith("#");
}

/** Prefix and writer lines the explore runner carries out (native/explore/main.c run_op). */
const RUNNER_TREE_OPS = new Set(["store", "insert", "erase", "load", "setrcu", "clearrcu"]);

/** Why the explore runner cannot run the scenario's prefix or writer, or undefined. */
export function kernelLinesNotApplicable(d: ScenarioData): string | undefined {
  for (const line of [...d.prefix, ...d.writer]) {
    const op = line.trim().split(/\s+/)[0];
    if (isOpLine(line) && !RUNNER_TREE_OPS.has(op))
      return `${op} lines: the C explore runner carries out only ${[...RUNNER_TREE_OPS].join(", ")}`;
  }
  return undefined;
}

/** The runner's `rline` arguments of a reader line: its operation and numbers. */
export function readerLineArgs(line: string): string {
  const op: TraceOp = parseReaderLine(line);
  const n = (x: bigint): string => x.toString();
  switch (op.op) {
    case "load":
    case "walk":
    case "mset":
      return `${op.op} ${n(op.index)}`;
    case "find":
    case "next":
      return `${op.op} ${n(op.index)} ${n(op.max)}`;
    case "prev":
      return `prev ${n(op.index)} ${n(op.min)}`;
    case "mrange":
      return `mrange ${n(op.first)} ${n(op.last)}`;
    case "mnext":
    case "mprev":
    case "mnextr":
    case "mprevr":
    case "mfind":
    case "mfindr":
    case "mfindrange":
    case "mfindrangerev":
      return `${op.op} ${n(op.limit)}`;
    case "mreset":
    case "mpause":
    case "mstate":
    case "mwalk":
      return op.op;
    default:
      throw new ScenarioError(`reader line "${line}" is not a read the C explorer runs`);
  }
}

/** Sends every line at once and reads one answer per line (one round trip). */
function requestAll(p: ExploreProcess, lines: readonly string[]): string[] {
  p.send(...lines);
  return lines.map(() => p.readLine());
}

function record(p: ExploreProcess, d: ScenarioData): LoadedScenario {
  const prefix = d.prefix.filter(isOpLine).map((l) => l.trim());
  const writer = d.writer.filter(isOpLine).map((l) => l.trim());
  const [init, ...prefixAnswers] = requestAll(p, [`init ${flagText(d)}`, ...prefix]);
  if (init !== "ok") throw new ExploreRunnerError(`init answered "${init}"`);
  prefixAnswers.forEach((a, i) => {
    if (a.startsWith("err unknown-op") || a === "err parse" || a === "err no-tree")
      throw new ScenarioError(`${d.name}: prefix line \`${prefix[i]}\`: the C runner says ${a}`);
  });
  const [recording, ...writerAnswers] = requestAll(p, ["record", ...writer]);
  if (recording !== "recording") throw new ExploreRunnerError("record refused");
  writerAnswers.forEach((a, i) => {
    if (a.startsWith("err unknown-op") || a === "err parse")
      throw new ScenarioError(`${d.name}: writer line \`${writer[i]}\`: the C runner says ${a}`);
  });
  p.send("end");
  const lines: string[] = [];
  for (;;) {
    const l = p.readLine();
    lines.push(l);
    if (l.startsWith("end ")) break;
  }
  const log = parseKernelLog(lines);
  const setup = ["readers-clear"];
  const what: Array<{ line?: string; kind?: string }> = [{}];
  for (const r of d.readers) {
    setup.push(`reader ${r.kind}`);
    what.push({ kind: r.kind });
    for (const line of r.lines) {
      setup.push(`rline ${readerLineArgs(line)}`);
      what.push({ line });
    }
  }
  requestAll(p, setup).forEach((answer, i) => {
    const w = what[i];
    if (answer === "err unsupported" && w.line !== undefined)
      throw new KernelNotApplicable(
        `reader line \`${w.line.trim()}\`: this kernel's cursor has no ma_status (6.8+), which the model's cursor answers need`,
      );
    if (answer !== "ok") throw new ExploreRunnerError(`${setup[i]} answered "${answer}"`);
  });
  return { prefixAnswers, writerAnswers, log };
}

export interface KernelCompiledScenario {
  data: ScenarioData;
  check: ModelCheck;
  /** The model's protocol state after the prefix and after each writer line. */
  states: ProtocolState[];
  /** The C tree's answer to each writer line. */
  writerAnswers: string[];
  writerLines: string[];
  readerNames: string[];
  /** Each reader thread's lines, trimmed (the names of its operations). */
  readerLines: string[][];
  log: KernelWriterLog;
  session: KernelExploreSession;
}

/** The model's states S0..Sm, the C tree's answers choosing among the model's alternatives. */
function modelStates(d: ScenarioData, loaded: LoadedScenario): ProtocolState[] {
  let ps = initialProtocolState(geometryOf(d).rangeSlots);
  const init = runModelLine(ps, `init ${flagText(d)}`);
  if (init !== undefined) ps = init.state;
  const step = (line: string, answer: string, where: string): void => {
    if (answer === "err ub") return;
    const model = runModelLine(ps, line);
    if (model === undefined) return;
    for (let r: typeof model | undefined = model; r !== undefined; r = r.alt) {
      if (r.out === answer || r.unknown) {
        ps = r.state;
        return;
      }
    }
    throw new ScenarioError(
      `${where} \`${line}\`: the C tree answers "${answer}", the model "${model.out}" (run sequentially)`,
    );
  };
  d.prefix.filter(isOpLine).forEach((l, i) => {
    step(l.trim(), loaded.prefixAnswers[i], `prefix line ${i + 1}`);
  });
  const states = [ps];
  d.writer.filter(isOpLine).forEach((l, i) => {
    step(l.trim(), loaded.writerAnswers[i], `writer line ${i + 1}`);
    states.push(ps);
  });
  return states;
}

/** Records the scenario on the C tree and builds its model check. */
export function compileKernelScenario(
  d: ScenarioData,
  session: KernelExploreSession,
): KernelCompiledScenario {
  if (d.writer.filter(isOpLine).length === 0)
    throw new ScenarioError(`${d.name}: a scenario needs at least one writer line`);
  if (d.readers.length < 1 || d.readers.length > 3)
    throw new ScenarioError(`${d.name}: 1-3 reader threads`);
  const loaded = session.load(d);
  const states = modelStates(d, loaded);
  return {
    data: d,
    check: modelCheck(d, states),
    states,
    writerAnswers: loaded.writerAnswers,
    writerLines: d.writer.filter(isOpLine).map((l) => l.trim()),
    readerNames: d.readers.map(readerName),
    readerLines: d.readers.map((r) => r.lines.map((l) => l.trim())),
    log: loaded.log,
    session,
  };
}
