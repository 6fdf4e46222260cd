/**
 * The `mmExplore` block of an mm-explore spec: an mm (flavour and layout), a prefix of mm
 * commands run sequentially, one writer (an mm operation under the lock mode it takes) or 2-3
 * writers serialized by the lock they take (mm-writers.ts), and 1-3 readers (lockless page-fault
 * lookups, find_vma under the mmap read lock, or an RCU VMA iteration), each at one address.
 * Lines are checked at load time: a bad one is one error naming it.
 */
import { z } from "zod";
import { FAULTS } from "../../impl/faults.js";
import { MM_WRITER_OPS, MmCommandError, parseMmCommand } from "../mm/mm-command.js";
import { mmSpaceShape } from "../mm/mm-spec.js";
import { specWriters, writersProblem } from "./mm-writers.js";
import { vmaLineError } from "./vma-lines.js";

/** As an explore spec's bounds (kept here: schema.ts imports this file). */
const MmExploreBounds = z.strictObject({
  preemptions: z.number().int().nonnegative().optional(),
  readerSteps: z.number().int().positive().default(100_000),
  executions: z.number().int().positive().default(1_000_000),
});

export const MmReaderSpec = z.strictObject({
  name: z.string().min(1).optional(),
  /**
   * "lockless": lock_vma_under_rcu (a tree walk under RCU, excludes nothing); "locked":
   * find_vma under the mmap read lock (excludes a write-locked writer); "iterate": a vma
   * iterator set at `addr` calling vma_next `steps` times in one RCU read-side section (as
   * lock_next_vma does for /proc/PID/maps in later kernels; excludes nothing).
   */
  kind: z.enum(["lockless", "locked", "iterate"]),
  /** A page-aligned byte address (0x hex or decimal). */
  addr: z.string().regex(/^(0x[0-9a-fA-F]+|[0-9]+)$/),
  /** An iterate reader's vma_next calls (default 1). */
  steps: z.number().int().min(1).max(4).optional(),
});

export const MmExploreSpec = z
  .strictObject({
    ...mmSpaceShape,
    /**
     * Who writes: "mm-layer" (absent: the default, so older specs keep their hash), the
     * TypeScript mm layer, prefix and writer mm commands; "vma.c", the kernel's mm/vma.c in
     * vma-runner (`--kernel DIR` only), prefix and writer vma-runner lines (vma-lines.ts),
     * readers lockless, the flavour giving the tree's flags.
     */
    source: z.enum(["mm-layer", "vma.c"]).optional(),
    /**
     * Which lock stack expansion takes: "write" (6.12, since 6.5) or "pre-6.5-read" (the
     * named older configuration: expand_downwards/upwards under the mmap read lock).
     */
    stackExpansionLock: z.enum(["write", "pre-6.5-read"]).default("write"),
    /** Process slots the commands name (fork copies one into another); readers read the writer's. */
    mms: z.number().int().min(1).max(4).default(1),
    /**
     * Seed hunks switched off (6.12 flavour only): "dup_mmap-restores-rcu" leaves a forked
     * child's tree out of RCU mode after dup_mmap copied it, as before the seed fix.
     */
    withoutSeedHunks: z.array(z.enum(["dup_mmap-restores-rcu"])).default([]),
    prefix: z.array(z.string().min(1)).default([]),
    /** The writer: one mm operation (or `writers`, not both). */
    writer: z.string().min(1).optional(),
    /**
     * 2-3 writers on the same mm, serialized by the lock they take (the mmap write lock; for
     * pre-6.5 stack expansions under the read lock, mm->page_table_lock): every lock order is
     * explored (mm-writers.ts).
     */
    writers: z.array(z.string().min(1)).min(2).max(3).optional(),
    /**
     * "explore": also explore "the k-th allocation of a writer fails", for every writer and
     * every k up to the allocations it makes (mm-variants.ts).
     */
    allocFailure: z.enum(["explore"]).optional(),
    readers: z.array(MmReaderSpec).min(1).max(3),
    /**
     * Switches of the explored TypeScript tree (mm-layer source only): a proposed fix, e.g.
     * "proposed-fix:restart-step-from-operation-start", to show its readers' answers beside 6.12's.
     */
    treeFaults: z.array(z.enum([FAULTS.fixRestartStepFromOperationStart])).optional(),
    bounds: MmExploreBounds.default({ readerSteps: 100_000, executions: 1_000_000 }),
  })
  .superRefine((e, ctx) => {
    if (e.startBrk >= e.taskPages)
      ctx.addIssue({
        code: "custom",
        path: ["startBrk"],
        message: "start_brk must be below TASK_SIZE",
      });
    if (e.source === "vma.c") {
      vmaSourceIssues(e, ctx);
      return;
    }
    const line = (text: string, path: (string | number)[]) => {
      try {
        return parseMmCommand(text, e.mms);
      } catch (err) {
        if (!(err instanceof MmCommandError)) throw err;
        ctx.addIssue({ code: "custom", path, message: `"${text}": ${err.message}` });
        return undefined;
      }
    };
    if (e.withoutSeedHunks.length > 0 && e.flavour !== "6.12")
      ctx.addIssue({
        code: "custom",
        path: ["withoutSeedHunks"],
        message: "seed hunks are switched off on the 6.12 flavour (pre-seed has none of them)",
      });
    e.prefix.forEach((l, i) => {
      line(l, ["prefix", i]);
    });
    if ((e.writer === undefined) === (e.writers === undefined))
      ctx.addIssue({
        code: "custom",
        path: ["writer"],
        message: "an mm-explore spec has either `writer` or `writers`",
      });
    const parsed = specWriters(e).map((text, i) => {
      const path = e.writers === undefined ? ["writer"] : ["writers", i];
      const w = line(text, path);
      if (w !== undefined && !(MM_WRITER_OPS as readonly string[]).includes(w.op))
        ctx.addIssue({
          code: "custom",
          path,
          message: `"${text}": a writer is one of ${MM_WRITER_OPS.join(", ")}`,
        });
      return w;
    });
    const problem = writersProblem(parsed, e.stackExpansionLock);
    if (problem !== undefined)
      ctx.addIssue({ code: "custom", path: ["writers"], message: problem });
    e.readers.forEach((r, i) => {
      if (BigInt(r.addr) % 4096n !== 0n)
        ctx.addIssue({
          code: "custom",
          path: ["readers", i, "addr"],
          message: `address ${r.addr} is not page-aligned (4096)`,
        });
      stepsIssue(r, i, ctx);
    });
  });

/** `steps` belongs to an iterate reader only. */
function stepsIssue(
  r: { kind: string; steps?: number | undefined },
  i: number,
  ctx: z.RefinementCtx,
) {
  if (r.steps !== undefined && r.kind !== "iterate")
    ctx.addIssue({
      code: "custom",
      path: ["readers", i, "steps"],
      message: "only an iterate reader has `steps`",
    });
}

/** The checks of a vma.c-sourced block: vma-runner lines, lockless readers, page addresses. */
function vmaSourceIssues(
  e: {
    prefix: string[];
    writer?: string | undefined;
    writers?: string[] | undefined;
    allocFailure?: string | undefined;
    readers: { kind: string; addr: string; steps?: number | undefined }[];
    withoutSeedHunks: string[];
    treeFaults?: string[] | undefined;
  },
  ctx: z.RefinementCtx,
): void {
  const issue = (path: (string | number)[], message: string) => {
    ctx.addIssue({ code: "custom", path, message });
  };
  e.prefix.forEach((l, i) => {
    const why = vmaLineError(l);
    if (why !== undefined) issue(["prefix", i], `"${l}": ${why}`);
  });
  if (e.writer === undefined || e.writers !== undefined || e.allocFailure !== undefined)
    issue(["writer"], "a vma.c writer is one `writer` (no `writers`, no `allocFailure`)");
  const why = e.writer === undefined ? undefined : vmaLineError(e.writer);
  if (why !== undefined) issue(["writer"], `"${e.writer}": ${why}`);
  if (e.withoutSeedHunks.length > 0)
    issue(["withoutSeedHunks"], "seed hunks are mm-layer toggles; vma.c has none");
  if (e.treeFaults !== undefined)
    issue(["treeFaults"], "tree switches are for the TypeScript tree (mm-layer source) only");
  e.readers.forEach((r, i) => {
    if (r.kind === "locked")
      issue(["readers", i, "kind"], "a vma.c writer runs with lockless or iterate readers only");
    if (BigInt(r.addr) % 4096n !== 0n)
      issue(["readers", i, "addr"], `address ${r.addr} is not page-aligned (4096)`);
    stepsIssue(r, i, ctx);
  });
}

export type MmExploreSpec = z.infer<typeof MmExploreSpec>;
export type MmReaderSpec = z.infer<typeof MmReaderSpec>;
