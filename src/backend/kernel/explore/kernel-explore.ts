/**
 * The explorer on the C tree, as `explore()` (src/checker/explorer/explore.ts) is on the
 * TypeScript tree: same options, same result shape, same choices and reduction (the runner's
 * explore.c ports them), same judging, from the scenario's model check. The runner runs the
 * executions in chunks and asks in two batches per chunk (round trips cost more than the
 * executions):
 *   - its new vectors of reader answers: which reader threads take part in ordering (a thread
 *     whose every answer is right in every writer state does not: CheckFn.alwaysRight);
 *   - its executions in order, each with its histories (the orders of calls and returns read
 *     off its graph by the explorer's priority schemes), every distinct history once. They
 *     are judged here as explore.ts judges: execution by execution, each history up to the
 *     first failing one, verdicts cached per history; the answer says where the search stops
 *     and which violations to report.
 * The runner then reports each violation with its reader traces and total order; the
 * timeline is built here (kernel-timeline.ts), each access naming its C function and line.
 * (The first violation is judged exactly as explore.ts would. A later one, when the search
 * goes on, may quote interval numbers from another execution with the same history pattern:
 * its verdict is the same.)
 */
import {
  type ExplorationResult,
  type ExploreOptions,
  type ExplorerViolation,
  explorationVerdict,
  type HistoryOp,
  naiveInterleavings,
} from "../../../checker/explorer/index.js";
import { timelineText } from "../../../checker/explorer/timeline.js";
import { type CursorPosition, ReaderAnswer } from "../../../checker/scenario/reader-lines.js";
import { MA_STATUS_NAMES, type MaStatus } from "../../../impl/constants.js";
import { ExploreRunnerError } from "./explore-process.js";
import type { AccessClass } from "./kernel-log.js";
import type { KernelCompiledScenario } from "./kernel-scenario.js";
import { kernelShardRoots, pathText, rootsArg } from "./kernel-subtrees.js";
import { type KernelTraceEntry, kernelTimeline, parseAt, parsePlace } from "./kernel-timeline.js";

/** The explorer's options that apply on the C tree (the check is the scenario's). */
export type KernelExploreOptions = Omit<ExploreOptions, "check" | "collectObservations"> & {
  /** Collect the (read, writer store) pairs the search found unordered (data-races.ts). */
  races?: boolean;
};

/** A reader read of a word and a writer store to it, unordered in some explored execution. */
export interface KernelRacePair {
  /** The runner's place text: node:I:OFF, root, flags, tree:OFF. */
  place: string;
  /** The writer's store: its index among the log's events. */
  storeEvent: number;
  /** Reader thread (0-based) and its line. */
  thread: number;
  line: number;
  readClass: AccessClass;
  readAt: string;
  /** Choices up to the read, the last one observing the store (a replay prefix). */
  path: number[];
  /** The store wrote the value the word already held (it starts no value run, so no choice
   * tells the read's sides apart: the pair is unordered by the graph's reachability). */
  sameValue: boolean;
}

/** The runner's own counts, beside the explorer's result. */
export interface KernelExploreStats {
  /** Milliseconds the runner spent in the exploration (waiting for answers included). */
  runnerMs: number;
  /** Distinct histories the runner named, and how many of them were checked. */
  histories: number;
  judged: number;
  /** Distinct vectors of reader answers. */
  vectors: number;
  /** Whether the search covered its whole space (no budget, time or bound cut it). */
  exhausted: boolean;
  /** With options.races: the unordered (read, store) pairs, one per word, store, reader PC
   * and read class. */
  races?: KernelRacePair[];
}

export type KernelExplorationResult = ExplorationResult & { kernel: KernelExploreStats };

function parseBefore(text: string): CursorPosition | null {
  if (text === "") return null;
  const [index, last, status] = text.split(" ");
  const s = MA_STATUS_NAMES.indexOf(status as (typeof MA_STATUS_NAMES)[number]);
  if (s < 0) throw new ExploreRunnerError(`bad cursor status "${text}"`);
  return { index: BigInt(index), last: BigInt(last), status: s as MaStatus };
}

function fields(line: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const f of line.split(" ").slice(1)) {
    const eq = f.indexOf("=");
    if (eq > 0) m.set(f.slice(0, eq), f.slice(eq + 1));
  }
  return m;
}

interface RawViolation {
  kind: ExplorerViolation["kind"];
  thread: number;
  op: number;
  message: number;
  execution: number;
  path: number[];
  crash?: string;
  traces: KernelTraceEntry[][];
  order: number[];
}

export function exploreKernel(
  c: KernelCompiledScenario,
  options: KernelExploreOptions = {},
): KernelExplorationResult {
  const started = performance.now();
  const check = c.check;
  const maxExecutions = options.maxExecutions ?? 200_000;
  const nReaders = c.readerLines.length;
  const branch =
    options.branchOnRcuStart ?? c.data.readers.some((r) => r.kind === "none" || r.lines.length > 1);
  // The bounds that decide each choice's options: the plan's probes and the search share them.
  const choiceArgs = [
    `budget=${options.readerStepBudget ?? 10_000}`,
    `bound=${options.preemptionBound === undefined || !Number.isFinite(options.preemptionBound) ? -1 : options.preemptionBound}`,
    `branch=${branch ? 1 : 0}`,
    `fwd=${options.forwardCopyOnly ? 1 : 0}`,
  ];
  const args = [
    ...choiceArgs,
    `max=${maxExecutions}`,
    `stop=${(options.stopOnFirstViolation ?? true) ? 1 : 0}`,
    `maxv=${Math.max(1, options.maxViolations ?? 10)}`,
  ];
  if (options.races === true) args.push("races=1");

  // Reader op k (after the writer's) -> [thread, op].
  const readerOps: Array<[number, number]> = [];
  c.readerLines.forEach((lines, t) => {
    lines.forEach((_, o) => {
      readerOps.push([t, o]);
    });
  });
  const vectors: ReaderAnswer[][][] = [];
  const messages: string[] = [];
  const messageIds = new Map<string, number>();
  const raws: RawViolation[] = [];
  const rawRaces: string[][] = [];
  let wnodes: number[] = [];
  let done: Map<string, string> | undefined;
  const stopFirst = options.stopOnFirstViolation ?? true;
  const maxViolations = Math.max(1, options.maxViolations ?? 10);
  // Batches: answers to new vectors; histories by key; the chunk's executions in order.
  let vectorAnswers: string[] = [];
  const keys: Array<{ rid: number; text: string }> = [];
  const verdicts: Array<number | null> = [];
  let chunk: Array<{ n: number; keys: number[] } | { n: number; crash: true }> = [];
  let reported = 0;

  /** The chunk's executions judged in order (explore.ts's judge(): up to the first failure). */
  const judgeChunk = (): string[] => {
    let stop = 0;
    let violating = 0;
    const out: string[] = [];
    for (const e of chunk) {
      if (stop > 0) break;
      let failed = -1;
      let message = -1;
      if ("crash" in e) failed = -1;
      else {
        const found = e.keys.findIndex((id) => {
          let v = verdicts[id];
          if (v === undefined) {
            const k = keys[id];
            const m = check({ ops: historyOps(c, readerOps, vectors[k.rid], k.text) });
            if (m === null) v = null;
            else {
              v = messageIds.get(m) ?? messages.length;
              if (v === messages.length) {
                messages.push(m);
                messageIds.set(m, v);
              }
            }
            verdicts[id] = v;
          }
          if (v !== null) message = v;
          return v !== null;
        });
        if (found < 0) continue;
        failed = found;
      }
      violating++;
      if (reported < maxViolations) {
        reported++;
        out.push(`hv ${e.n} ${failed} ${message}`);
      }
      if (stopFirst) stop = e.n;
    }
    chunk = [];
    return [`h ${stop} ${violating}`, ...out, "h-end"];
  };

  c.session.load(c.data);
  const p = c.session.process();
  // Anything thrown mid-exploration leaves the runner waiting for an answer: it is ended, and
  // the next use starts a new one.
  try {
    if (options.replayPath !== undefined) args.push(`replay=${pathText(options.replayPath)}`);
    else if (options.subtree !== undefined)
      args.push(rootsArg(kernelShardRoots(p, choiceArgs, c.data.name, options.subtree)));
    // After the plan: its probes spend the same time budget.
    if (options.deadline !== undefined)
      args.push(`ms=${Math.max(0, options.deadline - performance.now()).toFixed(1)}`);
    p.send(`explore ${args.join(" ")}`);
    done = converse();
  } catch (e) {
    c.session.close();
    throw e;
  }

  function converse(): Map<string, string> {
    for (;;) {
      const line = p.readLine();
      if (line.startsWith("k ")) {
        const sp1 = line.indexOf(" ", 2);
        const sp2 = line.indexOf(" ", sp1 + 1);
        keys[Number(line.slice(2, sp1))] = {
          rid: Number(line.slice(sp1 + 1, sp2 < 0 ? undefined : sp2)),
          text: sp2 < 0 ? "" : line.slice(sp2 + 1),
        };
      } else if (line.startsWith("e ")) {
        const f = line.split(" ");
        chunk.push({ n: Number(f[1]), keys: f.slice(2).map(Number) });
      } else if (line.startsWith("x ")) {
        chunk.push({ n: Number(line.slice(2)), crash: true });
      } else if (line.startsWith("?r ")) {
        const f = line.split("\t");
        const id = Number(f[0].slice(3));
        const answers: ReaderAnswer[][] = c.readerLines.map(() => []);
        let k = 1;
        for (const [t] of readerOps) {
          answers[t].push(new ReaderAnswer(f[k], parseBefore(f[k + 1] ?? "")));
          k += 2;
        }
        vectors[id] = answers;
        const bits = answers
          .map((rs, t) =>
            rs.every((r, o) => check.alwaysRight?.(t + 1, o, r) ?? false) ? "0" : "1",
          )
          .join("");
        vectorAnswers.push(`r ${id} ${bits}`);
      } else if (line === "?r-end") {
        p.send(...vectorAnswers, "r-end");
        vectorAnswers = [];
      } else if (line === "?h-end") {
        p.send(...judgeChunk());
      } else if (line.startsWith("wnodes ")) {
        wnodes = line.split(" ").slice(2).map(Number);
      } else if (line.startsWith("v ")) {
        raws.push(readViolation(line, () => p.readLine(), nReaders));
      } else if (line.startsWith("race ")) {
        rawRaces.push(line.split(" "));
      } else if (line.startsWith("done ")) {
        return fields(line);
      } else if (line.startsWith("error ")) {
        throw new ExploreRunnerError(line.slice(6));
      } else {
        throw new ExploreRunnerError(`unexpected line from the explorer: "${line}"`);
      }
    }
  }

  const num = (k: string): number => Number(done?.get(k) ?? 0);
  const list = (k: string): number[] =>
    (done?.get(k) ?? "")
      .split(",")
      .filter((s) => s !== "")
      .map(Number);
  const executions = num("executions");
  const exhausted = num("exhausted") === 1;
  const timedOut = num("timed-out") === 1;
  const boundCut = num("bound-cut") === 1;
  const violations = raws.map((r) => toViolation(c, r, messages, wnodes));
  const { verdict, incompleteReason } = explorationVerdict({
    violated: violations.length > 0,
    replayed: options.replayPath !== undefined,
    exhausted,
    timedOut,
    boundCut,
    maxExecutions,
    preemptionBound: options.preemptionBound,
  });
  const writerStores = num("stores");
  const readerSteps = list("reads");
  const copyBlocks = list("blocks");
  const result: KernelExplorationResult = {
    scenario: c.data.name,
    verdict,
    executions,
    naiveInterleavings: naiveInterleavings(writerStores, readerSteps, copyBlocks),
    distinctObservations: num("observations"),
    writerStores,
    readerSteps,
    copyBlocks,
    gracePeriods: num("segments"),
    elapsedMs: Math.round(performance.now() - started),
    violations,
    violatingExecutions: num("violating"),
    kernel: {
      runnerMs: num("ms"),
      histories: num("histories"),
      judged: verdicts.filter((v) => v !== undefined).length,
      vectors: num("vectors"),
      exhausted: exhausted && !timedOut && !boundCut,
    },
  };
  if (incompleteReason !== undefined) result.incompleteReason = incompleteReason;
  if (options.races === true)
    result.kernel.races = rawRaces.map((f) => ({
      // race PLACE WNODE THREAD LINE CLASS PATH run|same at=F:L via=F
      place: f[1],
      storeEvent: wnodes[Number(f[2])] ?? -1,
      thread: Number(f[3]) - 1,
      line: Number(f[4]),
      readClass: f[5] as AccessClass,
      path: f[6] === "-" ? [] : f[6].split(".").map(Number),
      sameValue: f[7] === "same",
      readAt: (f[8] ?? "").replace(/^at=/, ""),
    }));
  return result;
}

/** A history from `LABEL:TIME ...` (op i's call is label 2i, its return 2i+1). */
function historyOps(
  c: KernelCompiledScenario,
  readerOps: ReadonlyArray<readonly [number, number]>,
  answers: readonly (readonly ReaderAnswer[])[],
  text: string,
): HistoryOp[] {
  const call = new Map<number, number>();
  const ret = new Map<number, number>();
  for (const part of text.trim().split(" ")) {
    const colon = part.indexOf(":");
    const l = Number(part.slice(0, colon));
    ((l & 1) === 0 ? call : ret).set(l >> 1, Number(part.slice(colon + 1)));
  }
  const nWriter = c.writerLines.length;
  const ops: HistoryOp[] = [];
  for (let i = 0; i < nWriter; i++)
    ops.push({
      thread: 0,
      kind: "write",
      opIndex: i,
      name: c.writerLines[i],
      call: call.get(i) ?? -1,
      ret: ret.get(i) ?? -1,
    });
  readerOps.forEach(([t, o], k) => {
    ops.push({
      thread: t + 1,
      kind: "read",
      opIndex: o,
      name: c.readerLines[t][o],
      call: call.get(nWriter + k) ?? -1,
      ret: ret.get(nWriter + k) ?? -1,
      result: answers[t][o],
    });
  });
  return ops;
}

/** One `v ... v-end` block. */
function readViolation(head: string, next: () => string, nReaders: number): RawViolation {
  const h = head.split(" ");
  const raw: RawViolation = {
    kind: h[1] as RawViolation["kind"],
    thread: Number(h[2]),
    op: Number(h[3]),
    message: Number(h[4]),
    execution: Number(h[5]),
    path: h[6] === "-" ? [] : h[6].split(".").map(Number),
    traces: Array.from({ length: nReaders }, () => []),
    order: [],
  };
  for (;;) {
    const line = next();
    if (line === "v-end") return raw;
    if (line.startsWith("m ")) raw.crash = line.slice(2);
    else if (line.startsWith("o"))
      raw.order = line.slice(1).trim().split(" ").filter(Boolean).map(Number);
    else if (line.startsWith("t ")) {
      const tab = line.indexOf("\t");
      const head = tab >= 0 ? line.slice(0, tab) : line;
      const f = head.split(" ");
      const t = Number(f[1]) - 1;
      switch (f[2]) {
        case "s":
          raw.traces[t].push({ kind: "start", op: Number(f[3]), event: Number(f[4]) });
          break;
        case "r":
          raw.traces[t].push({
            kind: "read",
            event: Number(f[3]),
            class: f[4] as AccessClass,
            place: parsePlace(f[5]),
            value: BigInt(f[6]),
            at: parseAt(f.slice(7)),
          });
          break;
        case "e": {
          // `t T e O EV OUT...` then TAB BEFORE: OUT may hold spaces.
          const out = head.split(" ").slice(5).join(" ");
          raw.traces[t].push({
            kind: "end",
            op: Number(f[3]),
            event: Number(f[4]),
            out,
            before: tab >= 0 ? line.slice(tab + 1) : "",
          });
          break;
        }
        case "x":
          raw.traces[t].push({ kind: "crash", op: Number(f[3]) });
          break;
      }
    }
  }
}

function toViolation(
  c: KernelCompiledScenario,
  r: RawViolation,
  messages: readonly string[],
  wnodes: readonly number[],
): ExplorerViolation {
  const timeline = kernelTimeline({
    log: c.log,
    wnodes,
    writerLines: c.writerLines,
    traces: r.traces,
    order: r.order,
    readerNames: c.readerNames,
    readerLines: c.readerLines,
    ...(r.crash !== undefined && { crashMessage: r.crash }),
    livelock: r.kind === "livelock",
  });
  let message: string;
  if (r.kind === "check-failed") message = messages[r.message] ?? "check failed";
  else {
    const what = r.kind === "livelock" ? "livelock" : "reader crashed";
    message = `${what}: ${c.readerNames[r.thread - 1]} ${c.readerLines[r.thread - 1][r.op]}: ${r.crash ?? ""}`;
  }
  const results: string[] = [];
  r.traces.forEach((trace, t) => {
    for (const e of trace)
      if (e.kind === "end")
        results.push(`  ${c.readerNames[t]} ${c.readerLines[t][e.op]} -> ${e.out}`);
  });
  const text = [message, "timeline:", timelineText(timeline), "results:", ...results].join("\n");
  return {
    kind: r.kind,
    thread: r.kind === "check-failed" ? 0 : r.thread,
    opIndex: r.kind === "check-failed" ? 0 : r.op,
    message,
    execution: r.execution,
    path: r.path,
    timeline,
    text,
  };
}
