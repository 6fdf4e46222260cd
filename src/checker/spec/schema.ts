/**
 * The spec format: what is checked, declared as data (specs/*.json). A spec names the tree
 * (flags, geometry, faults), the mode (sequential model-based runs, or an exhaustive
 * exploration of one reader/writer scenario), and the verdict it must keep.
 */
import { z } from "zod";

/** An index: a JSON number, or a string in decimal, 0x hex, or `max` (ULONG_MAX). */
export const IndexText = z.union([z.number().int().nonnegative(), z.string().regex(/^(max|0x[0-9a-fA-F]+|[0-9]+)$/)]);

export const TreeSpec = z.strictObject({
  flags: z.array(z.enum(["alloc", "rcu"])).default([]),
  geometry: z.enum(["kernel", "small"]).default("kernel"),
  faults: z.array(z.string()).default([]),
});

export const Verdict = z.enum(["pass", "violation"]);

/** Weights of the sequential command mix; a missing command keeps its default weight. */
export const CommandMix = z.record(z.string(), z.number().nonnegative());

export const SequentialSpec = z.strictObject({
  runs: z.number().int().positive().default(100),
  seed: z.number().int().default(1),
  maxCommands: z.number().int().positive().default(40),
  /** Index universe the generators draw from: a few dozen values, or spread over 64 bits. */
  universe: z.enum(["small", "wide"]).default("small"),
  mix: CommandMix.default({}),
});

/** One operation in the oracle's line protocol, e.g. "store 10 20 1", "mset 25", "mprev 0". */
export const ProtocolLine = z.string().min(1);

export const ExploreBounds = z.strictObject({
  /** Maximum preemptions per execution; absent = unbounded. */
  preemptions: z.number().int().nonnegative().optional(),
  /** A reader that takes more word reads than this is reported as a livelock. */
  readerSteps: z.number().int().positive().default(100_000),
  /** A run that needs more executions is incomplete, never a pass. */
  executions: z.number().int().positive().default(1_000_000),
});

export const ExploreSpec = z.strictObject({
  prefix: z.array(ProtocolLine).default([]),
  writer: z.array(ProtocolLine).min(1),
  readers: z.array(z.array(ProtocolLine).min(1)).min(1).max(3),
  /** Explore only the forward order of a non-RCU node store's word copy. */
  forwardCopyOnly: z.boolean().default(false),
  bounds: ExploreBounds.default({ readerSteps: 100_000, executions: 1_000_000 }),
});

export const Spec = z
  .strictObject({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "lower-case letters, digits and dashes"),
    description: z.string().default(""),
    mode: z.enum(["sequential", "explore"]),
    tree: TreeSpec.default({ flags: [], geometry: "kernel", faults: [] }),
    expect: Verdict,
    sequential: SequentialSpec.optional(),
    explore: ExploreSpec.optional(),
  })
  .superRefine((spec, ctx) => {
    if (spec.mode === "sequential" && spec.sequential === undefined)
      ctx.addIssue({ code: "custom", path: ["sequential"], message: "a sequential spec needs a `sequential` block" });
    if (spec.mode === "explore" && spec.explore === undefined)
      ctx.addIssue({ code: "custom", path: ["explore"], message: "an explore spec needs an `explore` block" });
  });

export type Spec = z.infer<typeof Spec>;
export type TreeSpec = z.infer<typeof TreeSpec>;
export type SequentialSpec = z.infer<typeof SequentialSpec>;
export type ExploreSpec = z.infer<typeof ExploreSpec>;
