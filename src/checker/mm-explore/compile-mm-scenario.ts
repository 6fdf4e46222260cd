/**
 * From an mm-explore spec to a tree-level scenario. The mm layer runs the prefix and then the
 * writer's operation against a recording backend, beside the address-space model (MmPair: a
 * disagreement is an mm bug of its own, reported as such); the tree protocol lines it sent to
 * the mm's tree become the scenario's prefix and writer lines. The layer keeps its VMA table;
 * the tree holds VMA ids, so a reader's tree answer names a VMA by id, judged against the VMA
 * spans before and after the writer (equal to the model's mappings: MmPair checked them).
 *
 * Lockless readers (lock_vma_under_rcu) become RCU reader threads walking the address. A
 * locked reader (find_vma under the mmap read lock) excludes a write-locked writer: it runs
 * only wholly before and wholly after it, on the mm layer beside the model. Under the pre-6.5
 * configuration stack expansion holds the read lock only, so a locked reader then runs
 * word by word against it: find_vma is mt_find, which takes the RCU read lock itself, so it is
 * a tree reader with a read-side section of its own (`find ADDR max`, kind rcu-per-op). An
 * iterate reader (vma_next under RCU) excludes nothing either: it always runs word by word
 * (mm-reader-lines.ts gives each reader's tree lines).
 *
 * A variant (mm-variants.ts) names the lock order of several writers (their stores in that
 * order, the VMA spans before, between and after them) and an allocation to fail.
 */
import { TsBackend } from "../../backend/ts/ts-backend.js";
import { KERNEL_GEOMETRY } from "../../impl/geometry.js";
import {
  type MmSelfTestFault,
  type MmStruct,
  PAGE_SIZE,
  procMaps,
  type VmAreaStruct,
} from "../../mm/index.js";
import { formatMmCommand, hexAddr, type MmCommand, parseMmCommand } from "../mm/mm-command.js";
import { MmMismatch, MmPair } from "../mm/mm-pair.js";
import { vmaLine } from "../mm/vma-text.js";
import type { ScenarioData } from "../scenario/scenario-data.js";
import type { MmExploreSpec } from "./mm-explore-spec.js";
import { mmReaderThread } from "./mm-reader-lines.js";
import { holdsWriteLock, specWriters } from "./mm-writers.js";
import { RecordingBackend } from "./recording-backend.js";
import type { VmaView, WriterViews } from "./vma-check.js";

/** Protocol lines that change the tree or its mode (the layer's reads change nothing). */
const TREE_WRITES = new Set(["store", "insert", "erase", "setrcu", "clearrcu"]);

export class MmExploreError extends Error {
  readonly code = "MAPLE_CHECK_SCENARIO";
}

/** One VMA as readers may find it: its id and span in pages [start, end). */
export interface VmaSpan {
  id: number;
  start: number;
  end: number;
  text: string;
}

/** A reader as the mm check judges it. */
export interface MmReader {
  name: string;
  kind: "lockless" | "locked" | "iterate";
  /** The address, in pages. */
  page: number;
  /** An iterate reader's vma_next calls (absent: 1). */
  steps?: number;
  /** Whether it runs word by word against the writer (else only before and after). */
  interleaved: boolean;
}

export interface MmCompiled {
  /** The tree-level scenario: the interleaved readers only (their thread order). */
  data: ScenarioData;
  /** Readers in the scenario's threads, thread i+1 = interleaved[i]. */
  interleaved: MmReader[];
  /** Readers run only wholly before and after the writer (checked there, beside the model). */
  exclusive: MmReader[];
  /** The VMAs before (S0) and after the writer. */
  before: VmaSpan[];
  after: VmaSpan[];
  writer: MmCommand;
  /** Whether the writer holds the mmap write lock (else the read lock: pre-6.5 expansion). */
  writeLocked: boolean;
  /** The writers in the variant's lock order (writer = writers[0]). */
  writers: MmCommand[];
  /** The VMAs before the first writer and after each (states[0] = before, last = after). */
  states: VmaSpan[][];
  /** Tree writes of each writer, in order: the boundaries between the states. */
  lineCounts: number[];
  /** The VMAs (range, write-locked) at the writers' start and before each of their tree writes. */
  views: WriterViews;
  /** The variant's allocation failure happened (false: the writer makes fewer allocations). */
  failed: boolean;
}

/** Which writers run in which order, and which allocation of which of them fails. */
export interface MmVariant {
  /** Indices into the spec's writers. */
  order: number[];
  /** The k-th allocation of the writer at position `at` of the order fails. */
  fail?: { at: number; k: number };
}

function spans(mm: MmStruct): VmaSpan[] {
  return procMaps(mm).map((v) => ({ id: v.id, start: v.vmStart, end: v.vmEnd, text: vmaLine(v) }));
}

/** The lines of one session that change the tree or its RCU mode (reads change nothing). */
function treeWrites(lines: readonly string[], skip: ReadonlySet<number> = new Set()): string[] {
  return lines.filter((l, i) => !skip.has(i) && TREE_WRITES.has(l.split(" ")[0]));
}

function readerName(r: { name?: string }, i: number): string {
  return r.name ?? `reader${i + 1}`;
}

/** The flags an `init` line names, as scenario data. */
function initFlags(line: string | undefined): ScenarioData["flags"] {
  const names = (line ?? "").split(" ")[1]?.split("|") ?? [];
  return { alloc: names.includes("alloc"), rcu: names.includes("rcu") };
}

export function compileMmScenario(
  name: string,
  e: MmExploreSpec,
  variant?: MmVariant,
  /** Self-test faults of the layer (tests of the checker). */
  faults: readonly MmSelfTestFault[] = [],
): MmCompiled {
  const recording = new RecordingBackend(new TsBackend());
  const pair = new MmPair({
    backend: recording,
    geometry: KERNEL_GEOMETRY,
    config: { taskPages: e.taskPages, guardPages: e.guardPages, startBrk: e.startBrk },
    flavour: e.flavour,
    mms: e.mms,
    faults,
  });
  // Which recorded session is each slot's mm_mt: fork and exit give the slot a new mm, whose
  // tree is the first session the command opens (munmap's side trees come later).
  const sessionOf = Array.from({ length: e.mms }, (_, i) => i);
  // Lines of the mm trees the explored tree does not get (a seed hunk switched off).
  const skipped = new Map<number, Set<number>>();
  const run = (c: MmCommand, where: string): void => {
    const opened = recording.sessions.length;
    try {
      pair.run(c);
    } catch (err) {
      if (err instanceof MmMismatch)
        throw new MmExploreError(`${name}: ${where} (run sequentially): ${err.message}`);
      throw err;
    }
    if ((c.op === "fork" || c.op === "exit") && recording.sessions.length > opened) {
      const slot = c.op === "fork" ? c.child : c.mm;
      // The last tree the command opened (a failed fork opens a second, empty one).
      sessionOf[slot] = recording.sessions.length - 1;
      // The pre-seed dup_mmap: the copy is left out of RCU mode (its final mt_set_in_rcu gone).
      const lines = recording.sessions[opened];
      const last = lines.lastIndexOf("setrcu");
      if (c.op === "fork" && e.withoutSeedHunks.includes("dup_mmap-restores-rcu") && last >= 0)
        skipped.set(opened, new Set([last]));
    }
  };
  e.prefix.forEach((l, i) => {
    run(parseMmCommand(l, e.mms), `prefix line ${i + 1}`);
  });
  const texts = specWriters(e);
  const order = variant?.order ?? texts.map((_, i) => i);
  const writers = order.map((i) => parseMmCommand(texts[i], e.mms));
  const writer = writers[0];
  const slot = writer.mm;
  const writeLocked = holdsWriteLock(writer, e.stackExpansionLock);
  const readers: MmReader[] = e.readers.map((r, i) => ({
    name: readerName(r, i),
    kind: r.kind,
    page: Number(BigInt(r.addr) / PAGE_SIZE),
    steps: r.steps ?? 1,
    interleaved: r.kind !== "locked" || !writeLocked,
  }));
  // Every reader also runs on the layer beside the model, wholly before and after the writer
  // (a disagreement there is a sequential mm bug: MmExploreError, as for the prefix).
  // (An iterate reader's first vma_next is find_vma's answer: that is what runs here.)
  const sequentialRead = (r: MmReader, when: string): void => {
    const op = r.kind === "lockless" ? "lock_vma_under_rcu" : "find_vma";
    run(parseMmCommand(`${op} ${slot} ${hexAddr(r.page)}`, e.mms), `${r.name} ${when}`);
  };
  for (const r of readers) sequentialRead(r, "before the writer");
  const session = sessionOf[slot];
  const tree = recording.sessions[session];
  const prefixLines = treeWrites(tree, skipped.get(session));
  const states = [spans(pair.mms[slot])];
  const lineCounts: number[] = [];
  const writerLines: string[] = [];
  // Every VMA the mm held during the writers, as it is at each of their tree writes (one
  // taken out of the table still has its range and lock, as vma.c's log keeps a removed VMA).
  // A pre-6.5 expansion under the read lock cannot take vma_start_write: nothing is locked.
  const seen = new Map<number, VmAreaStruct>();
  const viewOf = (mm: MmStruct): VmaView[] => {
    for (const v of mm.vmas.values()) seen.set(v.id, v);
    return [...seen.values()].map((v) => ({
      id: v.id,
      start: v.vmStart,
      end: v.vmEnd,
      locked: writeLocked && v.vmLockSeq === mm.mmLockSeq,
    }));
  };
  const views: VmaView[][] = [viewOf(pair.mms[slot]).map((v) => ({ ...v, locked: false }))];
  let failed = false;
  writers.forEach((w, i) => {
    const fail = variant?.fail;
    if (fail !== undefined && fail.at === i)
      run({ op: "failalloc", mm: slot, k: fail.k }, `failalloc before \`${formatMmCommand(w)}\``);
    const mark = tree.length;
    const mm = pair.mms[slot];
    recording.onLine = (s, text) => {
      if (s === session && TREE_WRITES.has(text.split(" ")[0])) views.push(viewOf(mm));
    };
    run(w, `writer \`${formatMmCommand(w)}\``);
    recording.onLine = undefined;
    if (fail !== undefined && fail.at === i) failed = pair.failed;
    const lines = treeWrites(tree.slice(mark));
    writerLines.push(...lines);
    lineCounts.push(lines.length);
    states.push(spans(pair.mms[slot]));
    // A locked reader a write-locked writer excludes may run between two writers, too.
    const when =
      i === writers.length - 1 ? "after the writer" : `between writers ${i + 1} and ${i + 2}`;
    for (const r of readers) sequentialRead(r, when);
  });
  if (views.length !== writerLines.length + 1)
    throw new Error(`${name}: ${views.length} writer views for ${writerLines.length} tree writes`);
  const before = states[0];
  const after = states[states.length - 1];
  // A writer that stores nothing (mprotect of a whole VMA changes only its flags) leaves
  // nothing to interleave with: every reader is then judged before and after only.
  if (writerLines.length === 0) for (const r of readers) r.interleaved = false;
  const interleaved = readers.filter((r) => r.interleaved);
  const threads = interleaved.map(mmReaderThread);
  const data: ScenarioData = {
    name,
    flags: initFlags(tree[0]),
    geometry: "kernel",
    faults: e.treeFaults ?? [],
    prefix: prefixLines,
    writer: writerLines,
    readers: threads,
  };
  return {
    data,
    interleaved,
    exclusive: readers.filter((r) => !r.interleaved),
    before,
    after,
    writer,
    writeLocked,
    writers,
    states,
    lineCounts,
    views,
    failed,
  };
}
