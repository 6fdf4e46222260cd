/**
 * The `mm` block of an mm-sequential spec: the address-space layout, the mm flavour, the
 * process slots, the runs and the command mix, and a prefix of mm commands (checked at load
 * time: a bad line is one error naming it).
 */
import { z } from "zod";
import { MM_FAULTS } from "../../mm/mm-faults.js";
import { MM_OPS, MmCommandError, parseMmCommand } from "./mm-command.js";

/** The address space a spec runs on, shared by mm-sequential and mm-explore specs. */
export const mmSpaceShape = {
  /** "6.12": MM_MT_FLAGS with RCU and the seed's toggles; "pre-seed": 6.1's flags, no RCU. */
  flavour: z.enum(["6.12", "pre-seed"]).default("6.12"),
  /** TASK_SIZE, stack_guard_gap and start_brk, in pages. */
  taskPages: z
    .number()
    .int()
    .min(4)
    .max(1 << 20)
    .default(32),
  guardPages: z.number().int().nonnegative().default(2),
  startBrk: z.number().int().nonnegative().default(8),
};

export const MmSequentialSpec = z
  .strictObject({
    runs: z.number().int().positive().default(100),
    seed: z.number().int().default(1),
    maxCommands: z.number().int().positive().default(40),
    ...mmSpaceShape,
    /** Process slots the commands name (fork copies one into another). */
    mms: z.number().int().min(1).max(4).default(2),
    mix: z.partialRecord(z.enum(MM_OPS), z.number().nonnegative()).default({}),
    prefix: z.array(z.string().min(1)).default([]),
    /** Historic VMA-layer bugs switched on in the mm layer (off by default; the fault gate). */
    faults: z.array(z.enum(MM_FAULTS)).default([]),
    /**
     * The allocation-failure sweep (mm-pair.ts): every allocating command is first run once
     * per allocation it makes, that allocation failing, each on the state before it.
     */
    failallocSweep: z.boolean().optional(),
  })
  .superRefine((mm, ctx) => {
    if (mm.startBrk >= mm.taskPages)
      ctx.addIssue({
        code: "custom",
        path: ["startBrk"],
        message: "start_brk must be below TASK_SIZE",
      });
    mm.prefix.forEach((line, i) => {
      try {
        parseMmCommand(line, mm.mms);
      } catch (e) {
        if (!(e instanceof MmCommandError)) throw e;
        ctx.addIssue({ code: "custom", path: ["prefix", i], message: `"${line}": ${e.message}` });
      }
    });
  });

export type MmSequentialSpec = z.infer<typeof MmSequentialSpec>;
