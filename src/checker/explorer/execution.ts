/**
 * One execution: every reader thread runs for real, one after another, on the world, with a
 * NodeMemory that answers each word read with a value the writer's log allows there. A read of
 * a word the writer changed is a choice point: which run of values (initial, after store 1,
 * after store 2, ...) it observes. Only runs that keep the happens-before graph acyclic are
 * offered (that covers per-thread monotonicity, the unordered copy blocks seen consistently by
 * all readers, and the grace periods), and each distinct value is offered once.
 *
 * Choices are kept on a stack shared by all executions: an execution replays the stack's
 * choices and pushes new frames past its end (stateless exploration by re-execution).
 */
import type { NodeMemory, RootCell } from "../../impl/memory.js";
import { WildReadError } from "../../impl/memory.js";
import type { MapleNode, Word } from "../../impl/node.js";
import { crashSite } from "./crash-site.js";
import type { ReaderThread, World } from "./scenario.js";
import { isRootCell, type MemoryTarget, valueKey } from "./words.js";
import type { ValueRun, WriterLog } from "./writer-log.js";

export type Choice =
  | { kind: "run"; run: ValueRun; rank: number }
  | { kind: "rcu-start"; segment: number; protect: boolean };

export interface Frame {
  options: Choice[];
  index: number;
}

export type TraceEntry =
  | { kind: "start"; op: number; event: number }
  | { kind: "read"; target: MemoryTarget; word: number; value: Word; event: number }
  | { kind: "end"; op: number; event: number; result: unknown }
  | { kind: "crash"; op: number; message: string; livelock: boolean };

export interface ExecutionOutcome {
  /** Per reader thread, its steps in program order. */
  traces: TraceEntry[][];
  /** Per reader thread, per operation: [start event, end event] (undefined if it crashed). */
  opEvents: Array<Array<[number, number]>>;
  results: unknown[][];
  observation: string;
  /** A reader's crash or livelock; `site`: where it crashed (crash-site.ts), when known. */
  crash?: { thread: number; op: number; message: string; livelock: boolean; site?: string };
  reads: number[];
  /** The preemption bound removed choices in this execution. */
  boundCut: boolean;
}

/** A fault of the explorer itself (never reported as a reader crash). */
export class ExplorerError extends Error {
  constructor(message: string) {
    super(`explorer: ${message}`);
    this.name = "ExplorerError";
  }
}

export class LivelockError extends Error {
  constructor(budget: number) {
    super(`reader did not finish within ${budget} word reads`);
    this.name = "LivelockError";
  }
}

export interface ExecutionConfig {
  stepBudget: number;
  preemptionBound: number;
  branchOnRcuStart: boolean;
}

interface ThreadState {
  index: number;
  prev: number;
  end: number;
  steps: number;
  trace: TraceEntry[];
  keys: string[];
}

export class Execution implements NodeMemory {
  private depth = 0;
  private preemptions = 0;
  private boundCut = false;
  private thread: ThreadState | null = null;
  /** Reader thread (1-based) of each event added by this execution. */
  readonly owner: number[] = [];

  constructor(
    private readonly log: WriterLog,
    private readonly stack: Frame[],
    private readonly config: ExecutionConfig,
    /** Choice indices to take instead of 0 for new frames (replaying a reported path). */
    private readonly replay?: readonly number[],
  ) {}

  run<W extends World>(world: W, readers: readonly ReaderThread<W>[]): ExecutionOutcome {
    const graph = this.log.graph;
    graph.reset();
    world.mem = this;
    world.observer = {};
    world.rcu = {
      callRcu() {
        throw new Error("a reader called call_rcu");
      },
      quiesce() {},
    };
    const outcome: ExecutionOutcome = {
      traces: [],
      opEvents: [],
      results: [],
      observation: "",
      reads: [],
      boundCut: false,
    };
    const keys: string[] = [];
    for (let t = 0; t < readers.length; t++) {
      const reader = readers[t];
      const state: ThreadState = { index: t + 1, prev: -1, end: -1, steps: 0, trace: [], keys: [] };
      this.thread = state;
      outcome.traces.push(state.trace);
      outcome.opEvents.push([]);
      outcome.results.push([]);
      const local: Record<string, unknown> = {};
      let reads = 0;
      // One read-side section around the whole thread: its own pair of events.
      const section =
        reader.rcu !== false && reader.rcuSection === "thread"
          ? [this.addEvent(), this.addEvent()]
          : null;
      if (section !== null) {
        graph.addEdge(section[0], section[1]);
        this.protect(section[0], section[1]);
        state.end = section[0];
      }
      for (let o = 0; o < reader.ops.length && outcome.crash === undefined; o++) {
        const start = this.addEvent();
        const end = this.addEvent();
        if (state.end >= 0) graph.addEdge(state.end, start);
        graph.addEdge(start, end);
        if (section !== null) graph.addEdge(end, section[1]);
        state.prev = start;
        state.end = end;
        state.steps = 0;
        state.trace.push({ kind: "start", op: o, event: start });
        if (reader.rcu !== false && section === null) this.protect(start, end);
        try {
          const result = reader.ops[o].run(world, local);
          state.trace.push({ kind: "end", op: o, event: end, result });
          outcome.results[t].push(result);
          outcome.opEvents[t].push([start, end]);
        } catch (e) {
          if (e instanceof ExplorerError) throw e;
          const livelock = e instanceof LivelockError;
          const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
          state.trace.push({ kind: "crash", op: o, message, livelock });
          state.keys.push(livelock ? "!livelock" : "!crash");
          const site = livelock ? undefined : crashSite(e);
          outcome.crash = {
            thread: t + 1,
            op: o,
            message,
            livelock,
            ...(site !== undefined && { site }),
          };
        }
        reads += state.steps;
      }
      outcome.reads.push(reads);
      keys.push(state.keys.join(","));
      if (outcome.crash !== undefined) break;
    }
    this.thread = null;
    outcome.observation = keys.join("|");
    outcome.boundCut = this.boundCut;
    return outcome;
  }

  // ---- NodeMemory ----

  read(node: MapleNode, word: number): Word {
    return this.load(node, word);
  }
  readRoot(root: RootCell): Word {
    return this.load(root, 0);
  }
  write(node: MapleNode, word: number): void {
    throw new Error(`a reader wrote node#${node.id} word ${word}`);
  }
  writeRoot(): void {
    throw new Error("a reader wrote the root pointer");
  }

  // ---- internals ----

  private addEvent(): number {
    const id = this.log.graph.addNode();
    this.owner[id] = (this.thread as ThreadState).index;
    return id;
  }

  /** Takes the replayed choice, or offers `compute()`'s options as a new frame. */
  private choose(compute: () => Choice[]): Choice {
    if (this.depth < this.stack.length) {
      const f = this.stack[this.depth++];
      return f.options[f.index];
    }
    const options = compute();
    if (options.length === 0) throw new ExplorerError("no consistent choice");
    const index = this.replay?.[this.depth] ?? 0;
    if (index >= options.length)
      throw new ExplorerError(`replay path does not fit (choice ${this.depth})`);
    this.stack.push({ options, index });
    this.depth++;
    return options[index];
  }

  /**
   * Start of an operation inside an RCU read-side section: for every call_rcu of the writer,
   * either the operation started before it (then the deferred free waits for the operation's
   * end) or after it (no protection, and every read comes after the call_rcu).
   */
  private protect(start: number, end: number): void {
    const graph = this.log.graph;
    for (let c = 0; c < this.log.segments.length; c++) {
      const seg = this.log.segments[c];
      const choice = this.choose(() => {
        const protect = !graph.reachesAny([seg.callRcu, seg.gracePeriod], [start, end]);
        const late = !graph.reachesAny([start], [seg.callRcu]);
        const options: Choice[] = [];
        if (protect) options.push({ kind: "rcu-start", segment: c, protect: true });
        if (late && (this.config.branchOnRcuStart || !protect))
          options.push({ kind: "rcu-start", segment: c, protect: false });
        return options;
      });
      if (choice.kind !== "rcu-start") throw new ExplorerError("replay diverged");
      if (choice.protect) {
        graph.addEdge(start, seg.callRcu);
        graph.addEdge(end, seg.gracePeriod);
      } else {
        graph.addEdge(seg.callRcu, start);
      }
    }
  }

  private load(target: MemoryTarget, word: number): Word {
    const t = this.thread;
    if (t === null) throw new ExplorerError("read outside a reader operation");
    if (++t.steps > this.config.stepBudget) throw new LivelockError(this.config.stepBudget);
    if (!isRootCell(target) && (word < 0 || word >= target.words.length))
      throw new WildReadError(target, word);
    const runs = this.log.runsOf(target, word);
    if (runs === undefined || runs.length === 1) {
      const value = runs !== undefined ? runs[0].value : currentValue(target, word);
      t.trace.push({ kind: "read", target, word, value, event: -1 });
      t.keys.push(runs !== undefined ? runs[0].key : valueKey(value));
      return value;
    }
    const choice = this.choose(() => this.feasibleRuns(t, runs));
    if (choice.kind !== "run") throw new ExplorerError("replay diverged");
    if (choice.rank > 0) this.preemptions++;
    const run = choice.run;
    const graph = this.log.graph;
    const id = this.addEvent();
    graph.addEdge(t.prev, id);
    if (run.src >= 0) graph.addEdge(run.src, id);
    if (run.next >= 0) graph.addEdge(id, run.next);
    graph.addEdge(id, t.end);
    t.prev = id;
    t.trace.push({ kind: "read", target, word, value: run.value, event: id });
    t.keys.push(run.key);
    return run.value;
  }

  /** The runs a read may observe now, oldest first, one per distinct value. */
  private feasibleRuns(t: ThreadState, runs: ValueRun[]): Choice[] {
    const graph = this.log.graph;
    const options: Choice[] = [];
    const seen = new Set<string>();
    for (const run of runs) {
      if (seen.has(run.key)) continue;
      const sources = run.src >= 0 ? [t.prev, run.src] : [t.prev];
      const targets = run.next >= 0 ? [run.next, t.end] : [t.end];
      if (graph.reachesAny(targets, sources)) continue;
      seen.add(run.key);
      options.push({ kind: "run", run, rank: options.length });
    }
    if (options.length > 1 && this.preemptions >= this.config.preemptionBound) {
      this.boundCut = true;
      return options.slice(0, 1);
    }
    return options;
  }
}

function currentValue(target: MemoryTarget, word: number): Word {
  if (isRootCell(target)) return target.value;
  return target.words[word];
}
