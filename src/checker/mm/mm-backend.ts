/**
 * The seam of the mm level: what MmPair drives beside the address-space model. Two answer it:
 * the TypeScript mm layer (src/mm, ts-mm-backend.ts) and the kernel's own mm/vma.c behind
 * vma-runner (src/backend/kernel/vma/vma-mm-backend.ts). Answers and VMAs come back in one
 * form (vma-text.ts prints both), so the pair compares them without knowing which answered.
 */
import type { MmCommand } from "./mm-command.js";

/** A VMA as the checker compares it: pages, vm_flags, the file's number (null: anonymous), anon_vma, close hook. */
export interface VmaFacts {
  readonly vmStart: number;
  readonly vmEnd: number;
  readonly vmFlags: number;
  readonly vmFile: number | null;
  readonly vmPgoff: number;
  /** vm_ops has a close hook (a device's mapping; vmFile is then the device's number). */
  readonly vmCloseHook?: boolean;
  /** The anon_vma's number, null or undefined: none. */
  readonly anonVma?: number | null;
}

export interface MmRunResult {
  /** The answer as the checker compares it (`0`, `-ENOMEM`, an address, a VMA line). */
  answer: string;
  /** The armed allocation failure fired and the command gave up (the model: no change). */
  allocFailed: boolean;
  /**
   * The armed failure fired but the command went on (mm/vma.c: a merge that could not get
   * its memory is skipped and a new VMA made instead): its VMAs may be cut finer than the
   * model's mappings, never differ in a page.
   */
  allocSurvived?: boolean;
}

export interface MmBackend {
  readonly name: "ts" | "vma";
  /** For reports. */
  readonly description: string;
  /** Runs one command (never failalloc: the pair keeps it); `failAt`: its k-th allocation fails. */
  run(c: MmCommand, failAt: number | undefined): MmRunResult;
  /** Every VMA of a process slot, in address order. */
  maps(mm: number): readonly VmaFacts[];
  /** The slot's program break, or undefined when the backend has no brk. */
  brk(mm: number): number | undefined;
  /** validate_mm's verdict on the slot: undefined when valid, else what is wrong. */
  validate(mm: number): string | undefined;
}

/** Makes a fresh backend for one run (the spec's slots and address-space layout). */
export type MmBackendFactory = () => MmBackend;
