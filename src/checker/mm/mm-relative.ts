/**
 * Commands placed relative to the current mappings, so that random sequences reach the states
 * where merges decide things: an mmap exactly filling the gap between two VMAs, touching one
 * at either side, covering a VMA's head or tail; an mprotect or munmap on a VMA's boundaries or
 * across two neighbours; a fault inside a VMA. An intent carries only small numbers (which
 * mapping, which shape, how far); it is resolved against the model's mappings when it runs,
 * into a concrete command that is what is run, printed and replayed. With no mapping to be
 * relative to, it is its absolute fallback.
 */
import { type AddressSpace, type Mapping, PROT_WRITE } from "../../model/address-space/index.js";
import type { MmCommand } from "./mm-command.js";

/**
 * Where an mmap goes relative to mapping `at`: gap, exactly between it and the next one; apart,
 * a gap of k pages above it (a gap to fill later); after/before, touching it; tail/head,
 * covering its end or start; over, exactly on it.
 */
export const MMAP_PLACES = ["gap", "apart", "after", "before", "tail", "head", "over"] as const;
/** Which part of mapping `at` an mprotect or munmap covers (pair: it and the next one). */
export const RANGE_PLACES = ["whole", "head", "tail", "pair", "middle"] as const;

export type MmapPlace = (typeof MMAP_PLACES)[number];
export type RangePlace = (typeof RANGE_PLACES)[number];

/** What backs a relative mmap: like the mapping it is placed by (its file continued), or given. */
export type RelativeBacking =
  | { like: true }
  | { like: false; file: { file: number; shift: number; close?: boolean } | null };

export type RelativeCommand =
  | {
      op: "mmap";
      mm: number;
      relative: {
        at: number;
        place: MmapPlace;
        /** Pages past the touched boundary (before/after/tail/head), at least 1. */
        n: number;
        /** Pages inside the mapping (tail/head), at least 1. */
        k: number;
        /** The prot: the neighbour's, or this one. */
        prot: number | "like";
        backing: RelativeBacking;
        mode: "fixed" | "noreplace";
      };
      fallback: MmCommand;
    }
  | {
      op: "mprotect" | "munmap";
      mm: number;
      /** prot "like": the prot of the mapping the range touches from outside (a merge). */
      relative: { at: number; place: RangePlace; k: number; prot: number | "like" };
      fallback: MmCommand;
    }
  /** A fault inside a writable mapping when there is one (elsewhere it is only EFAULT). */
  | { op: "fault"; mm: number; relative: { at: number; k: number }; fallback: MmCommand };

/** A generated command: concrete, or relative to the mappings at the time it runs. */
export type MmIntent = MmCommand | RelativeCommand;

export function isRelative(c: MmIntent): c is RelativeCommand {
  return "relative" in c;
}

/** The concrete command `c` is in `space` (pages; deterministic in its arguments). */
export function resolveIntent(c: MmIntent, space: AddressSpace): MmCommand {
  if (!isRelative(c)) return c;
  const ms = space.mappings;
  if (ms.length === 0) return c.fallback;
  const i = c.relative.at % ms.length;
  const m = ms[i];
  const next = ms[i + 1];
  const size = m.end - m.start;
  switch (c.op) {
    case "fault": {
      const writable = ms.filter((x) => x.prot & PROT_WRITE);
      const w = writable.length === 0 ? m : writable[c.relative.at % writable.length];
      return { op: "fault", mm: c.mm, addr: w.start + (c.relative.k % (w.end - w.start)) };
    }
    case "mprotect":
    case "munmap": {
      const r = c.relative;
      const k = 1 + (r.k % size);
      const [start, end] =
        r.place === "whole"
          ? [m.start, m.end]
          : r.place === "head"
            ? [m.start, m.start + k]
            : r.place === "tail"
              ? [m.end - k, m.end]
              : r.place === "pair"
                ? [m.start, (next ?? m).end]
                : // middle: a page strictly inside when there is one, else the whole VMA
                  size > 2
                  ? [m.start + 1 + (r.k % (size - 2)), m.start + 2 + (r.k % (size - 2))]
                  : [m.start, m.end];
      if (c.op === "munmap") return { op: "munmap", mm: c.mm, start, end };
      const outside = neighbour(ms, start, end, m);
      return {
        op: "mprotect",
        mm: c.mm,
        start,
        end,
        prot: r.prot === "like" ? outside.prot : r.prot,
      };
    }
    case "mmap": {
      const r = c.relative;
      const k = 1 + ((r.k - 1) % size);
      let start: number;
      let end: number;
      switch (r.place) {
        case "gap": {
          // The first gap between two mappings from `at` on; none: touch the last one's end.
          const j = ms.findIndex(
            (x, idx) => idx >= i && idx + 1 < ms.length && x.end < ms[idx + 1].start,
          );
          [start, end] =
            j < 0
              ? [ms[ms.length - 1].end, ms[ms.length - 1].end + r.n]
              : [ms[j].end, ms[j + 1].start];
          break;
        }
        case "apart":
          [start, end] = [m.end + r.k, m.end + r.k + r.n];
          break;
        case "after":
          [start, end] = [m.end, m.end + r.n];
          break;
        case "before":
          [start, end] = [Math.max(0, m.start - r.n), m.start];
          break;
        case "tail":
          [start, end] = [m.end - k, m.end + r.n];
          break;
        case "head":
          [start, end] = [Math.max(0, m.start - r.n), m.start + k];
          break;
        case "over":
          [start, end] = [m.start, m.end];
          break;
      }
      // The mapping the new one lies against (gap: the one below it).
      const by = neighbour(ms, start, end, m);
      return {
        op: "mmap",
        mm: c.mm,
        start,
        end,
        prot: r.prot === "like" ? by.prot : r.prot,
        mode: r.mode,
        file: backingFor(r.backing, by, start),
        grows: "none",
      };
    }
  }
}

type MmapBacking = Extract<MmCommand, { op: "mmap" }>["file"];

/** The mapping [start, end) lies against: the one ending at start, else the one starting at end, else m. */
function neighbour(ms: readonly Mapping[], start: number, end: number, m: Mapping): Mapping {
  return ms.find((x) => x.end === start) ?? ms.find((x) => x.start === end) ?? m;
}

function backingFor(b: RelativeBacking, by: Mapping, start: number): MmapBacking {
  if (b.like) {
    if (by.backing.kind === "anon") return null;
    // The neighbour's file continued: the page at `start` is the one it would map there.
    const pgoff = Math.max(0, by.backing.pgoff + (start - by.start));
    return by.backing.close === true
      ? { file: by.backing.file, pgoff, close: true }
      : { file: by.backing.file, pgoff };
  }
  if (b.file === null) return null;
  const pgoff = start + b.file.shift;
  return b.file.close === true
    ? { file: b.file.file, pgoff, close: true }
    : { file: b.file.file, pgoff };
}
