/**
 * `--shard i/N`: the work of a run split over N jobs, deterministically, so that the N shards
 * together run exactly what one unsharded job runs. A sequential spec's runs are cut into N
 * contiguous blocks (shard i runs block i; see runPart in run-all.ts); the schedule space of a
 * written-out explore spec, or of an mm-explore spec with a vma.c writer, is cut into subtrees
 * dealt by estimated size, or dealt whole to one shard when it is too small to be worth
 * cutting (subtree-plan.ts, ExploreOptions.subtree; on the C explorer the same plan from the
 * runner's probes, backend/kernel/explore/kernel-subtrees.ts);
 * generated explore specs are dealt out whole, in name order, round robin from the last shard
 * down (shardOwns: shard 1 also runs the trace checks).
 */
export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export class ShardError extends Error {
  readonly code = "MAPLE_CHECK_BAD_SHARD";
}

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (m === null) throw new ShardError(`bad shard "${text}": expected i/N, e.g. 2/4`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > 1000) throw new ShardError(`bad shard "${text}": N must be 1..1000`);
  if (index < 1 || index > count)
    throw new ShardError(`bad shard "${text}": i must be 1..${count}`);
  return { index, count };
}

/** Whether `name` (one of `all`) belongs to the shard: dealt from shard N down to shard 1. */
export function shardOwns(shard: Shard, name: string, all: readonly string[]): boolean {
  const order = [...all].sort();
  return order.indexOf(name) % shard.count === shard.count - shard.index;
}
