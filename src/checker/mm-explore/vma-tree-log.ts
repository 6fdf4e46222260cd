/**
 * From vma-runner's store logs (`tree_log`, native/vma-runner/README.md) to an mm-explore
 * scenario: what the kernel's mm/vma.c wrote to the mm's tree becomes the scenario's tree
 * lines (each VMA pointer a stable small id, the value the tree holds), the VMAs at the end of
 * the prefix and of the writer the before and after spans, and the VMAs seen before each of
 * the writer's stores the writer views of vma-check.ts (range, and whether vma_start_write
 * had locked it).
 *
 * Ids: a pointer gets the next id when first seen; one that is no longer in the tree when a
 * log ends is forgotten, so a later VMA at the same address gets a new id. (A VMA freed and
 * another allocated at its address within one operation would share an id; ASan's quarantine,
 * which vma-runner runs under, keeps freed memory from being reused so soon.)
 */
import type { ScenarioData } from "../scenario/scenario-data.js";
import type { MmReader, VmaSpan } from "./compile-mm-scenario.js";
import { MmExploreError } from "./compile-mm-scenario.js";
import type { MmExploreSpec } from "./mm-explore-spec.js";
import { mmReaderThread } from "./mm-reader-lines.js";
import type { VmaView, WriterViews } from "./vma-check.js";

const PAGE = 4096n;
/** vm_lock_seq of a VMA vma_start_write never touched (the harness's vma_lock_alloc). */
const NEVER_LOCKED = "4294967295";

interface LoggedVma {
  ptr: string;
  start: bigint;
  end: bigint;
  seq: string;
}

interface LogRecord {
  /** A store (undefined for the end record): range and pointer ("0": NULL). */
  store?: { first: bigint; last: bigint; ptr: string };
  vmas: LoggedVma[];
  /** End record: the mm tree's leaves and the replayed tree's. */
  leaves: string[];
  replayLeaves: string[];
}

export function parseTreeLog(answer: string): LogRecord[] {
  const records = answer.split(" ; ").map((text): LogRecord => {
    const t = text.trim().split(" ");
    const bad = (): never => {
      throw new MmExploreError(`vma-runner's tree_log record "${text}" is not understood`);
    };
    const r: LogRecord = { vmas: [], leaves: [], replayLeaves: [] };
    let i = 1;
    if (t[0] === "s") {
      if (t.length < 4) bad();
      r.store = { first: BigInt(t[1]), last: BigInt(t[2]), ptr: t[3] };
      i = 4;
    } else if (t[0] !== "e") bad();
    while (i < t.length) {
      if (t[i] === "v" && i + 4 < t.length) {
        r.vmas.push({
          ptr: t[i + 1],
          start: BigInt(t[i + 2]),
          end: BigInt(t[i + 3]),
          seq: t[i + 4],
        });
        i += 5;
      } else if (t[i] === "l" || t[i] === "r") {
        (t[i] === "l" ? r.leaves : r.replayLeaves).push(t[i + 1]);
        i += 2;
      } else if (t[i] === "replay-failed") {
        throw new MmExploreError("vma-runner could not replay a store of vma.c's into its tree");
      } else bad();
    }
    return r;
  });
  if (records.length === 0 || records[records.length - 1].store !== undefined)
    throw new MmExploreError(`vma-runner's tree_log "${answer}" has no end record`);
  return records;
}

/** Stable small ids for VMA pointers, the values the explored tree holds. */
class VmaIds {
  private readonly ids = new Map<string, number>();
  private next = 1;

  of(ptr: string): number {
    let id = this.ids.get(ptr);
    if (id === undefined) {
      id = this.next++;
      this.ids.set(ptr, id);
    }
    return id;
  }

  /** Forgets the pointers not in `live` (freed: their address may come back as another VMA). */
  keepOnly(live: readonly LoggedVma[]): void {
    const keep = new Set(live.map((v) => v.ptr));
    for (const p of [...this.ids.keys()]) if (!keep.has(p)) this.ids.delete(p);
  }
}

function storeLine(r: LogRecord, ids: VmaIds): string {
  const s = r.store as NonNullable<LogRecord["store"]>;
  return `store ${s.first} ${s.last} ${s.ptr === "0" ? "null" : ids.of(s.ptr)}`;
}

function rangeText(v: LoggedVma): string {
  return `0x${v.start.toString(16)}-0x${v.end.toString(16)}`;
}

export interface VmaCompiled {
  /** The tree-level scenario: prefix and writer lines are vma.c's stores, readers walks. */
  data: ScenarioData;
  readers: MmReader[];
  before: VmaSpan[];
  after: VmaSpan[];
  /** views[0] the mm at the writer's start, views[j] before the writer's store j. */
  views: WriterViews;
  /** The vma-runner line of the writer, as the spec gives it. */
  writer: string;
  /** The tree's leaves after the writer, as vma.c's stores built them. */
  leaves: string[];
}

export function compileVmaLog(
  name: string,
  e: MmExploreSpec,
  prefixLog: string,
  writerLog: string,
): Omit<VmaCompiled, "writer"> {
  const ids = new VmaIds();
  const prefix = parseTreeLog(prefixLog);
  const prefixLines = prefix.filter((r) => r.store !== undefined).map((r) => storeLine(r, ids));
  const start = prefix[prefix.length - 1];
  const startSeq = new Map(start.vmas.map((v) => [v.ptr, v.seq]));
  const spansOf = (vmas: readonly LoggedVma[]): VmaSpan[] =>
    vmas.map((v) => ({
      id: ids.of(v.ptr),
      start: Number(v.start / PAGE),
      end: Number(v.end / PAGE),
      text: rangeText(v),
    }));
  const before = spansOf(start.vmas);
  ids.keepOnly(start.vmas);
  const writer = parseTreeLog(writerLog);
  const stores = writer.filter((r) => r.store !== undefined);
  const views: VmaView[][] = [before.map((s) => ({ ...s, locked: false }))];
  const writerLines: string[] = [];
  for (const r of stores) {
    views.push(
      r.vmas.map((v) => {
        const was = startSeq.get(v.ptr);
        return {
          id: ids.of(v.ptr),
          start: Number(v.start / PAGE),
          end: Number(v.end / PAGE),
          locked: was === undefined ? v.seq !== NEVER_LOCKED : v.seq !== was,
        };
      }),
    );
    writerLines.push(storeLine(r, ids));
  }
  const end = writer[writer.length - 1];
  const after = spansOf(end.vmas);
  if (end.leaves.join(" ") !== end.replayLeaves.join(" "))
    throw new MmExploreError(
      `${name}: vma.c's stores replayed with mtree_store_range build leaves ${end.replayLeaves.join(" ")}, vma.c built ${end.leaves.join(" ")}: the explored tree would not be the mm's`,
    );
  // The schema holds a vma.c writer's readers to lockless and iterate ones.
  const readers: MmReader[] = e.readers.map((r, i) => ({
    name: r.name ?? `reader${i + 1}`,
    kind: r.kind === "iterate" ? "iterate" : "lockless",
    page: Number(BigInt(r.addr) / PAGE),
    steps: r.steps ?? 1,
    interleaved: writerLines.length > 0,
  }));
  const data: ScenarioData = {
    name,
    flags: { alloc: true, rcu: e.flavour === "6.12" },
    geometry: "kernel",
    faults: [],
    prefix: prefixLines,
    writer: writerLines,
    readers: readers.map(mmReaderThread),
  };
  return {
    data,
    readers,
    before,
    after,
    views,
    leaves: end.leaves,
  };
}
