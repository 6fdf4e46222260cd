/**
 * The `mmExplore` block of an mm-explore spec: an mm (flavour and layout), a prefix of mm
 * commands run sequentially, one writer (an mm operation under the lock mode it takes) and
 * 1-3 readers (lockless page-fault lookups or find_vma under the mmap read lock), each at one
 * address. Lines are checked at load time: a bad one is one error naming it.
 */
import { z } from "zod";
import { MmCommandError, parseMmCommand } from "../mm/mm-command.js";
import { mmSpaceShape } from "../mm/mm-spec.js";
import { vmaLineError } from "./vma-lines.js";

/** The mm operations a writer may be (each runs under the mmap write lock in 6.12). */
export const MM_WRITER_OPS = [
  "mmap",
  "munmap",
  "mprotect",
  "brk",
  "expand_downwards",
  "expand_upwards",
] as const;

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
   * find_vma under the mmap read lock (excludes a write-locked writer).
   */
  kind: z.enum(["lockless", "locked"]),
  /** A page-aligned byte address (0x hex or decimal). */
  addr: z.string().regex(/^(0x[0-9a-fA-F]+|[0-9]+)$/),
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
    writer: z.string().min(1),
    readers: z.array(MmReaderSpec).min(1).max(3),
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
    const w = line(e.writer, ["writer"]);
    if (w !== undefined && !(MM_WRITER_OPS as readonly string[]).includes(w.op))
      ctx.addIssue({
        code: "custom",
        path: ["writer"],
        message: `"${e.writer}": a writer is one of ${MM_WRITER_OPS.join(", ")}`,
      });
    e.readers.forEach((r, i) => {
      if (BigInt(r.addr) % 4096n !== 0n)
        ctx.addIssue({
          code: "custom",
          path: ["readers", i, "addr"],
          message: `address ${r.addr} is not page-aligned (4096)`,
        });
    });
  });

/** The checks of a vma.c-sourced block: vma-runner lines, lockless readers, page addresses. */
function vmaSourceIssues(
  e: {
    prefix: string[];
    writer: string;
    readers: { kind: string; addr: string }[];
    withoutSeedHunks: string[];
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
  const why = vmaLineError(e.writer);
  if (why !== undefined) issue(["writer"], `"${e.writer}": ${why}`);
  if (e.withoutSeedHunks.length > 0)
    issue(["withoutSeedHunks"], "seed hunks are mm-layer toggles; vma.c has none");
  e.readers.forEach((r, i) => {
    if (r.kind !== "lockless")
      issue(["readers", i, "kind"], "a vma.c writer runs with lockless readers only");
    if (BigInt(r.addr) % 4096n !== 0n)
      issue(["readers", i, "addr"], `address ${r.addr} is not page-aligned (4096)`);
  });
}

export type MmExploreSpec = z.infer<typeof MmExploreSpec>;
export type MmReaderSpec = z.infer<typeof MmReaderSpec>;
