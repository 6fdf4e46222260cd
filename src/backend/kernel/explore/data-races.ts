/**
 * Data races in the Linux-kernel memory model's sense on the C tree (issue 12 item 7, a first
 * step): a node word (or the root pointer, or ma_flags) that a lockless reader reads while the
 * writer stores it, the two unordered, and at least one of them plain (not READ_ONCE /
 * WRITE_ONCE, not atomic).
 *
 * "Unordered" is the explorer's own happens-before: the runner (explore.c note_races, option
 * races=1) notes, whenever a read's choice is new, every writer store that starts a value run
 * the read may observe while an earlier run is observable too, so the read can come before or
 * after that store in a consistent execution. A store that leaves the word's value unchanged
 * starts no run: it is noted (sameValue) when it does not reach the reader's last graph node
 * and the reader's end does not reach it. A search cut by its budget gives a lower bound
 * (`complete: false`).
 *
 * The pairs are grouped by what they are, not by node number: the word's role and field, the
 * writer's C function:line and class (and the mem* call it is part of), the reader's C
 * function:line and class; each group keeps a count and one example (reader line, node,
 * replay prefix of choices).
 */
import type { ExploreBoundsData } from "../../../checker/scenario/explore-scenario.js";
import { specScenario } from "../../../checker/scenario/from-spec.js";
import { boundsOf } from "../../../checker/scenario/run-explore-spec.js";
import type { Spec } from "../../../checker/spec/schema.js";
import { buildExploreRunner } from "./build-explore.js";
import { exploreKernel, type KernelRacePair } from "./kernel-explore.js";
import { kernelScenarioOptions } from "./kernel-explore-scenario.js";
import type { AccessClass, KernelEvent, KernelWriterLog, NodeTypeName } from "./kernel-log.js";
import {
  compileKernelScenario,
  type KernelCompiledScenario,
  KernelExploreSession,
} from "./kernel-scenario.js";
import { parsePlace } from "./kernel-timeline.js";
import { decodeWord, kernelLayout, layoutWordName } from "./kernel-words.js";
import { classifyStores, type TargetState } from "./store-classes.js";

export interface DataRace {
  /** "leaf pivot[3]", "internal slot[2]", "leaf parent", "root", "flags". */
  word: string;
  /** What readers could see of the node at the store (store-classes.ts). */
  target: TargetState;
  /** The store wrote the value the word already held (LKMM still calls the pair a race; no
   * reader can tell its sides apart). */
  sameValue: boolean;
  /** Which side is plain: the writer's store, the reader's read, or both. */
  plain: "store" | "read" | "both";
  writer: { at: string; class: string; block?: string };
  reader: { at: string; class: AccessClass };
  /** (read, store) pairs in this group. */
  pairs: number;
  example: { reader: string; line: string; place: string; path: number[] };
}

export interface DataRaceReport {
  scenario: string;
  /** Whether the search covered its whole space (else the list is a lower bound). */
  complete: boolean;
  executions: number;
  verdict: string;
  races: DataRace[];
}

const TYPE_BY_CODE: readonly NodeTypeName[] = ["dense", "leaf_64", "range_64", "arange_64"];

/** A node's type: from the log's node list, else from an encoded pointer the writer stored
 * to it (a node that was in the tree neither before nor after the writer). */
function nodeType(log: KernelWriterLog, node: number): NodeTypeName | undefined {
  const info = log.nodes.get(node);
  if (info !== undefined) return info.type;
  for (const e of log.events) {
    if (e.kind !== "store") continue;
    const v = decodeWord(log.layout, e.value);
    if (v.kind === "node" && v.node === node && v.bits !== 0)
      return TYPE_BY_CODE[(v.bits >> 3) & 0xf];
  }
  return undefined;
}

function wordName(log: KernelWriterLog, place: string): string {
  const p = parsePlace(place);
  if (p.kind === "node") {
    const type = nodeType(log, p.node);
    const role =
      type === undefined ? "node" : type === "leaf_64" || type === "dense" ? "leaf" : "internal";
    const layout = type === undefined ? undefined : kernelLayout(type);
    return `${role} ${layoutWordName(layout, p.offset >> 3)}`;
  }
  if (p.kind === "flags") return "ma_flags";
  return p.kind === "tree" ? `tree+${p.offset}` : "root";
}

function storeClass(e: KernelEvent | undefined): string {
  if (e === undefined || e.kind !== "store") return "?";
  return e.order === undefined ? e.class : `${e.class}(${e.order})`;
}

/** The racing pairs of one exploration, grouped (plain on at least one side). */
export function groupRaces(
  c: KernelCompiledScenario,
  pairs: readonly KernelRacePair[],
): DataRace[] {
  const classified = new Map(classifyStores(c.log).map((s) => [s.event, s]));
  const groups = new Map<string, DataRace>();
  for (const r of pairs) {
    const e = c.log.events[r.storeEvent];
    if (e === undefined || e.kind !== "store") continue;
    const plainStore = e.class === "plain";
    const plainRead = r.readClass === "plain";
    if (!plainStore && !plainRead) continue;
    const s = classified.get(r.storeEvent);
    const race: DataRace = {
      word: wordName(c.log, r.place),
      target: s?.target ?? "live",
      sameValue: r.sameValue,
      plain: plainStore && plainRead ? "both" : plainStore ? "store" : "read",
      writer: {
        at: `${e.at.func}:${e.at.line}`,
        class: storeClass(e),
        ...(s?.block !== undefined && { block: s.block }),
      },
      reader: { at: r.readAt, class: r.readClass },
      pairs: 1,
      example: {
        reader: c.readerNames[r.thread] ?? `reader ${r.thread + 1}`,
        line: c.readerLines[r.thread]?.[r.line] ?? "?",
        place: r.place,
        path: r.path,
      },
    };
    const key = [
      race.word,
      race.writer.at,
      race.writer.class,
      race.reader.at,
      race.reader.class,
      race.sameValue,
    ].join("|");
    const g = groups.get(key);
    if (g === undefined) groups.set(key, race);
    else g.pairs++;
  }
  return [...groups.values()];
}

/** Explores a compiled scenario to the end of its bounds (not stopping at a violation) with
 * race collection on. */
export function scenarioDataRaces(
  c: KernelCompiledScenario,
  bounds: ExploreBoundsData,
  forwardCopyOnly = false,
): DataRaceReport {
  const r = exploreKernel(c, {
    ...kernelScenarioOptions(c, bounds, forwardCopyOnly),
    stopOnFirstViolation: false,
    maxViolations: 1,
    races: true,
  });
  return {
    scenario: c.data.name,
    complete: r.kernel.exhausted,
    executions: r.executions,
    verdict: r.verdict,
    races: groupRaces(c, r.kernel.races ?? []),
  };
}

/**
 * The data races of an explore spec (its written-out scenario; a generated spec has none to
 * run) on the kernel tree at @kernelDir, or of each spec with one session when given several.
 */
export function dataRaces(
  spec: Spec,
  kernelDir: string,
  session?: KernelExploreSession,
): DataRaceReport {
  const e = spec.explore;
  if (e === undefined || e.generate !== undefined)
    throw new Error(`${spec.name}: data races need an explore spec with a written-out scenario`);
  const s = session ?? new KernelExploreSession(buildExploreRunner(kernelDir));
  try {
    const c = compileKernelScenario(specScenario(spec), s);
    return scenarioDataRaces(c, boundsOf(spec), e.forwardCopyOnly ?? false);
  } finally {
    if (session === undefined) s.close();
  }
}

/** One line per race: word, writer, reader, count, example. */
export function dataRaceLines(races: readonly DataRace[]): string[] {
  return races.map((r) => {
    const w = `${r.writer.at} ${r.writer.class}${r.writer.block === undefined ? "" : ` in ${r.writer.block}`}`;
    const x = r.example;
    return `${r.word} (${r.target}${r.sameValue ? ", same value" : ""}, plain ${r.plain}): writer ${w}; reader ${r.reader.at} ${r.reader.class}; x${r.pairs}; e.g. ${x.reader} \`${x.line}\` ${x.place} path ${x.path.join(".")}`;
  });
}
