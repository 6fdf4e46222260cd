/**
 * A scenario as data, the form specs and generators share: tree flags, geometry and faults, a
 * sequential prefix of protocol lines, the writer's lines and 1-3 reader threads.
 */
import { MT_FLAGS_ALLOC_RANGE, MT_FLAGS_USE_RCU } from "../../impl/constants.js";
import type { Fault } from "../../impl/faults.js";
import { type Geometry, KERNEL_GEOMETRY, SMALL_GEOMETRY } from "../../impl/geometry.js";

/**
 * How a reader thread is protected: "rcu" (default) puts the whole thread in one RCU
 * read-side section (a cursor kept between its lines stays valid); "rcu-per-op" gives each
 * line its own section (like mtree_load, which takes the lock itself); "none" takes none (a
 * reader holding only a lock the writer does not take, e.g. the mmap read lock).
 */
export type ReaderKind = "rcu" | "rcu-per-op" | "none";

export interface ReaderData {
  name?: string;
  kind: ReaderKind;
  lines: string[];
}

export interface ScenarioData {
  name: string;
  flags: { alloc: boolean; rcu: boolean };
  geometry: "kernel" | "small";
  faults: string[];
  prefix: string[];
  writer: string[];
  readers: ReaderData[];
  /**
   * "linearizable" (default): every operation in real-time order; "per-thread": each reader
   * thread judged alone with the writer (what RCU mode promises; see model-check.ts).
   */
  order?: "linearizable" | "per-thread";
}

export function flagBits(d: ScenarioData): number {
  return (d.flags.alloc ? MT_FLAGS_ALLOC_RANGE : 0) | (d.flags.rcu ? MT_FLAGS_USE_RCU : 0);
}

export function flagText(d: ScenarioData): string {
  const names = [d.flags.alloc ? "alloc" : "", d.flags.rcu ? "rcu" : ""].filter(Boolean);
  return names.length > 0 ? names.join("|") : "0";
}

export function geometryOf(d: ScenarioData): Geometry {
  return d.geometry === "small" ? SMALL_GEOMETRY : KERNEL_GEOMETRY;
}

export function faultsOf(d: ScenarioData): Fault[] {
  return d.faults as Fault[];
}

/** The scenario as text: one line per part, readable and re-usable as data. */
export function describeScenario(d: ScenarioData): string {
  const lines = [
    `tree: ${flagText(d)}, ${d.geometry} geometry${d.faults.length > 0 ? `, faults ${d.faults.join(", ")}` : ""}`,
    `prefix: ${d.prefix.join("; ") || "(none)"}`,
    `writer: ${d.writer.join("; ")}`,
  ];
  if (d.order === "per-thread") lines.push("order: per thread (each reader alone with the writer)");
  d.readers.forEach((r, i) => {
    lines.push(`${readerName(r, i)} (${r.kind}): ${r.lines.join("; ")}`);
  });
  return lines.join("\n");
}

export function readerName(r: ReaderData, i: number): string {
  return r.name ?? `reader${i + 1}`;
}
