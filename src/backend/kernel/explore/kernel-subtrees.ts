/**
 * A shard's part of the C explorer's schedule space, planned as the TypeScript explorer plans
 * its own (shard/subtree-plan.ts: Knuth's estimator, cut and deal): the runner only answers
 * probes (`explore ... plan=1`, then `p PATH` -> `a N...`: one execution down PATH, each
 * choice's option count; `r SEED BIAS PATH` -> `w I.N...`: one random execution below PATH,
 * each choice's option taken and count), and then explores the dealt subtrees one after another
 * (`roots=PATH;PATH...`). The plan is the same in every shard and on every run.
 */
import { type PlanOptions, shardSubtrees, type Walk } from "../../../checker/shard/subtree-plan.js";
import { type ExploreProcess, ExploreRunnerError } from "./explore-process.js";

export const pathText = (path: readonly number[]): string =>
  path.length > 0 ? path.join(".") : "-";

/**
 * The C explorer's plan. Its big trees (vma.c writers) are heavy-tailed: uniform random paths
 * put mm-explore-vma-munmap-split-612's 179860 executions at about a fifth of that, and a
 * subtree's estimate up to 30 times off. So paths lean to option 0 (bias 0.7: about half the
 * true size, a subtree's a few times off at worst), the whole tree's estimate takes 64 paths,
 * the cut may cost up to a shard's estimated share (not a tenth of it), and the tree is cut
 * into 8 subtrees per shard, refined until none is estimated above its share, so that each
 * shard's sum of estimates averages many errors. The runner walks each random path in one
 * execution (`r SEED BIAS PATH`).
 */
export const KERNEL_PLAN: PlanOptions = {
  rootProbes: 64,
  maxPlanShare: 1,
  subtreesPerShard: 8,
  bias: 0.7,
};

/** The `roots=` argument for these subtrees (empty: the shard explores nothing). */
export const rootsArg = (roots: readonly (readonly number[])[]): string =>
  `roots=${roots.map(pathText).join(";")}`;

/**
 * The root paths shard `sub.index` of `sub.count` explores, from probes run by `p` with the
 * search's own options (`args`: the bounds that decide each choice's options). The runner
 * must hold the scenario (recorded writer and reader threads).
 */
export function kernelShardRoots(
  p: ExploreProcess,
  args: readonly string[],
  name: string,
  sub: { index: number; count: number; plan?: PlanOptions },
): number[][] {
  p.send(`explore ${args.join(" ")} plan=1`);
  for (;;) {
    const line = p.readLine();
    if (line === "plan") break;
    if (line.startsWith("error ")) throw new ExploreRunnerError(line.slice(6));
    if (!line.startsWith("wnodes ")) throw new ExploreRunnerError(`unexpected line "${line}"`);
  }
  /** The words of the runner's answer to `request`, which must start with `tag`. */
  const answer = (request: string, tag: string, what: string): string[] => {
    const a = p.request(request);
    if (a.startsWith("error ")) throw new ExploreRunnerError(a.slice(6));
    if (a !== tag && !a.startsWith(`${tag} `))
      throw new ExploreRunnerError(`bad ${what} answer "${a}"`);
    return a
      .slice(tag.length + 1)
      .split(" ")
      .filter(Boolean);
  };
  const probe = (path: readonly number[]): number[] =>
    answer(`p ${pathText(path)}`, "a", "probe").map(Number);
  const walk: Walk = (path, seed, bias) =>
    answer(`r ${seed} ${bias} ${pathText(path)}`, "w", "walk").map((s) => {
      const dot = s.indexOf(".");
      return [Number(s.slice(0, dot)), Number(s.slice(dot + 1))] as const;
    });
  const roots = shardSubtrees(probe, name, sub, { walk, ...(sub.plan ?? KERNEL_PLAN) });
  const end = p.request("p-end");
  if (end !== "done plan") throw new ExploreRunnerError(`unexpected line "${end}"`);
  return roots;
}
