/**
 * The mm-level command language of specs and counterexamples, one command per line:
 *
 *   mmap MM START-END PROT MODE BACKING [growsdown|growsup]
 *        PROT rwx letters or dashes ("rw-"); MODE fixed | noreplace | hint (START is the hint,
 *        0 for none); BACKING anon | fileN@PGOFF (a page offset) | devN@PGOFF (device N,
 *        whose mmap gives the mapping a close hook: a driver-mapped special mapping)
 *   munmap MM START-END          mprotect MM START-END PROT        brk MM ADDR
 *   expand_downwards MM ADDR     expand_upwards MM ADDR   (a fault at ADDR grows a stack)
 *   fork SRC DST                 exit MM
 *   find_vma MM ADDR             find_vma_prev MM ADDR     lock_vma_under_rcu MM ADDR
 *   maps MM
 *   fault MM ADDR                a write fault at ADDR: the VMA holding it gets an anon_vma
 *                                (anon_vma_prepare); EFAULT when none holds it or it is
 *                                not writable
 *   failalloc MM K               the K-th allocation (1..64) of MM's next mmap, munmap,
 *                                mprotect, brk, stack growth or fork fails: it must answer
 *                                -ENOMEM (brk: the old break) and change nothing (a failed
 *                                fork leaves no child: the destination slot is empty)
 *
 * MM is a process slot; addresses are bytes (decimal or 0x hex), page-aligned, START <= END.
 * Inside, everything is in pages.
 */
import type { Grows } from "../../model/address-space/index.js";

export const PAGE_SHIFT = 12n;

export type MmapMode = "fixed" | "noreplace" | "hint";

/** The commands that take one address. */
export type MmAddrOp =
  | "brk"
  | "expand_downwards"
  | "expand_upwards"
  | "find_vma"
  | "find_vma_prev"
  | "lock_vma_under_rcu"
  | "fault";

export type MmCommand =
  | {
      op: "mmap";
      mm: number;
      start: number;
      end: number;
      prot: number;
      mode: MmapMode;
      file: { file: number; pgoff: number; close?: boolean } | null;
      grows: Grows;
    }
  | { op: "munmap"; mm: number; start: number; end: number }
  | { op: "mprotect"; mm: number; start: number; end: number; prot: number }
  | { op: MmAddrOp; mm: number; addr: number }
  | { op: "fork"; mm: number; child: number }
  | { op: "failalloc"; mm: number; k: number }
  | { op: "exit" | "maps"; mm: number };

/** The operations that change an address space (and allocate while they do), fork aside. */
export const MM_WRITER_OPS = [
  "mmap",
  "munmap",
  "mprotect",
  "brk",
  "expand_downwards",
  "expand_upwards",
] as const;

export const MM_OPS = [
  ...MM_WRITER_OPS,
  "fork",
  "exit",
  "find_vma",
  "find_vma_prev",
  "lock_vma_under_rcu",
  "maps",
  "failalloc",
  "fault",
] as const;

/** The largest K of failalloc. */
export const MAX_FAILALLOC = 64;

export class MmCommandError extends Error {}

const ADDR_OPS = new Set([
  "brk",
  "expand_downwards",
  "expand_upwards",
  "find_vma",
  "find_vma_prev",
  "lock_vma_under_rcu",
  "fault",
]);

const MAX_ADDR = (1n << 64n) - 1n;

function page(text: string, what: string): number {
  if (!/^(0x[0-9a-fA-F]+|[0-9]+)$/.test(text))
    throw new MmCommandError(`${what} "${text}" is not a number`);
  const n = BigInt(text);
  if (n > MAX_ADDR + 1n)
    throw new MmCommandError(`${what} ${text} is past the 64-bit address space`);
  if (n % (1n << PAGE_SHIFT) !== 0n)
    throw new MmCommandError(`${what} ${text} is not page-aligned (4096)`);
  return Number(n >> PAGE_SHIFT);
}

function range(text: string): { start: number; end: number } {
  const parts = text.split("-");
  if (parts.length !== 2) throw new MmCommandError(`range "${text}" is not START-END`);
  const start = page(parts[0], "start");
  const end = page(parts[1], "end");
  if (start > end) throw new MmCommandError(`range ${text}: start is above end`);
  return { start, end };
}

function prot(text: string): number {
  const m = /^([r-])([w-])([x-])$/.exec(text);
  if (m === null) throw new MmCommandError(`protection "${text}" is not like rw- or r-x`);
  return (m[1] === "r" ? 1 : 0) | (m[2] === "w" ? 2 : 0) | (m[3] === "x" ? 4 : 0);
}

function slot(text: string, mms: number): number {
  if (!/^\d+$/.test(text) || Number(text) >= mms)
    throw new MmCommandError(`process slot "${text}" is not one of 0..${mms - 1}`);
  return Number(text);
}

function arity(tok: readonly string[], n: number, usage: string): void {
  if (tok.length !== n) throw new MmCommandError(`${tok[0]} takes ${usage}`);
}

/** One command from its text; MmCommandError says what is wrong. `mms`: the process slots. */
export function parseMmCommand(text: string, mms: number): MmCommand {
  const tok = text.trim().split(/\s+/);
  const op = tok[0];
  if (op === "mmap") {
    if (tok.length !== 6 && tok.length !== 7)
      throw new MmCommandError("mmap takes MM START-END PROT MODE BACKING [growsdown|growsup]");
    const mode = tok[4];
    if (mode !== "fixed" && mode !== "noreplace" && mode !== "hint")
      throw new MmCommandError(`mmap mode "${mode}" is not fixed, noreplace or hint`);
    let file: { file: number; pgoff: number; close?: boolean } | null = null;
    if (tok[5] !== "anon") {
      const m = /^(file|dev)(\d+)@(0x[0-9a-fA-F]+|[0-9]+)$/.exec(tok[5]);
      if (m === null)
        throw new MmCommandError(`backing "${tok[5]}" is not anon, fileN@PGOFF or devN@PGOFF`);
      const pgoff = Number(BigInt(m[3]));
      if (!Number.isSafeInteger(pgoff))
        throw new MmCommandError(`page offset ${m[3]} is too large`);
      file = { file: Number(m[2]), pgoff };
      if (m[1] === "dev") file.close = true;
    }
    let grows: Grows = "none";
    if (tok.length === 7) {
      if (tok[6] !== "growsdown" && tok[6] !== "growsup")
        throw new MmCommandError(`mmap flag "${tok[6]}" is not growsdown or growsup`);
      if (file !== null) throw new MmCommandError("a file mapping cannot grow");
      grows = tok[6] === "growsdown" ? "down" : "up";
    }
    const { start, end } = range(tok[2]);
    return { op, mm: slot(tok[1], mms), start, end, prot: prot(tok[3]), mode, file, grows };
  }
  if (op === "munmap") {
    arity(tok, 3, "MM START-END");
    return { op, mm: slot(tok[1], mms), ...range(tok[2]) };
  }
  if (op === "mprotect") {
    arity(tok, 4, "MM START-END PROT");
    return { op, mm: slot(tok[1], mms), ...range(tok[2]), prot: prot(tok[3]) };
  }
  if (ADDR_OPS.has(op)) {
    arity(tok, 3, "MM ADDR");
    return {
      op: op as "brk",
      mm: slot(tok[1], mms),
      addr: page(tok[2], "address"),
    };
  }
  if (op === "fork") {
    arity(tok, 3, "SRC DST");
    const c: MmCommand = { op, mm: slot(tok[1], mms), child: slot(tok[2], mms) };
    if (c.mm === c.child) throw new MmCommandError("fork needs two different slots");
    return c;
  }
  if (op === "failalloc") {
    arity(tok, 3, "MM K");
    const k = tok[2];
    if (!/^\d+$/.test(k) || Number(k) < 1 || Number(k) > MAX_FAILALLOC)
      throw new MmCommandError(`allocation number "${k}" is not one of 1..${MAX_FAILALLOC}`);
    return { op, mm: slot(tok[1], mms), k: Number(k) };
  }
  if (op === "exit" || op === "maps") {
    arity(tok, 2, "MM");
    return { op, mm: slot(tok[1], mms) };
  }
  throw new MmCommandError(`"${op}" is not an mm command (${MM_OPS.join(", ")})`);
}

export function hexAddr(p: number): string {
  return `0x${(BigInt(p) << PAGE_SHIFT).toString(16)}`;
}

export function protLetters(prot: number): string {
  return `${prot & 1 ? "r" : "-"}${prot & 2 ? "w" : "-"}${prot & 4 ? "x" : "-"}`;
}

export function formatMmCommand(c: MmCommand): string {
  switch (c.op) {
    case "mmap": {
      const back =
        c.file === null
          ? "anon"
          : `${c.file.close ? "dev" : "file"}${c.file.file}@0x${c.file.pgoff.toString(16)}`;
      const grows = c.grows === "none" ? "" : ` grows${c.grows}`;
      return `mmap ${c.mm} ${hexAddr(c.start)}-${hexAddr(c.end)} ${protLetters(c.prot)} ${c.mode} ${back}${grows}`;
    }
    case "munmap":
      return `munmap ${c.mm} ${hexAddr(c.start)}-${hexAddr(c.end)}`;
    case "mprotect":
      return `mprotect ${c.mm} ${hexAddr(c.start)}-${hexAddr(c.end)} ${protLetters(c.prot)}`;
    case "fork":
      return `fork ${c.mm} ${c.child}`;
    case "failalloc":
      return `failalloc ${c.mm} ${c.k}`;
    case "exit":
    case "maps":
      return `${c.op} ${c.mm}`;
    default:
      return `${c.op} ${c.mm} ${hexAddr(c.addr)}`;
  }
}
