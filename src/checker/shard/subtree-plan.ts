/**
 * A schedule space (the explorer's tree of choices) cut into subtrees for N shards. A subtree
 * is named by its root's path (one option index per choice, from the tree's root); together
 * the subtrees of a plan tile the tree: every execution lies under exactly one of them.
 *
 * Sizes are Knuth's estimator: the inverse of a random path's probability (for a uniform
 * path, the product of the option counts along it), averaged over a few paths (the leftmost
 * path alone overestimates by orders of magnitude: the oldest values leave every later choice
 * open). With `bias`, paths favour option 0 (probability `bias` where a choice has fewer than
 * 1/bias options): on heavy-tailed trees, where most executions lie below the oldest values
 * and a uniform path rarely goes there, this is a better importance distribution (on the C
 * explorer's vma.c trees uniform paths put the size at a fifth of the truth, and a subtree's
 * up to 30 times off); on a regular tree only uniform paths are exact.
 *
 * Every shard computes the whole plan, so the cut's probing is paid N times: a tree is cut
 * only when the cut's estimated probing (the root estimate's cost per random path, times the
 * paths for SUBTREES_PER_SHARD × N subtrees) is at most a tenth of a shard's share
 * (MAX_PLAN_SHARE); a smaller tree goes whole to one shard, chosen by a hash of its name so
 * that many small explorations spread out (and a violation in it is minimized and replayed
 * once, not by every shard). A tree worth cutting is cut: the subtree with the largest
 * estimate is replaced by the subtrees under the options of its first choice with several
 * options, until there are SUBTREES_PER_SHARD × N subtrees and none is estimated above
 * 1/(SUBTREES_PER_SHARD × N) of the tree (refined: a piece too big for its share is cut
 * again, each new piece estimated from its own paths, so that no single estimate's error
 * weighs much in a shard's load), or every subtree is one execution, or there are
 * MAX_SUBTREES_PER_SHARD × N; then the subtrees are dealt largest first to the least loaded
 * shard (per tree: a shard's load across trees is not known to every shard alike, since a
 * budget can stop a shard before a tree). The random paths come from a generator seeded by
 * the subtree's path: every shard computes the same plan.
 */

/**
 * The option counts of every choice along the leftmost execution of the subtree at `path`
 * (from the tree's root: the first `path.length` of them are the path's own choices). Each
 * call is one execution of the scenario.
 */
export type Probe = (path: readonly number[]) => readonly number[];

/**
 * One random execution below `path` in one call (a runner that can choose as it goes): each
 * choice's [option taken, option count] from the tree's root. Past `path`, a choice of n > 1
 * options takes option 0 with probability max(1/n, bias), each other with the rest shared
 * evenly; the walk is a function of (path, seed, bias).
 */
export type Walk = (
  path: readonly number[],
  seed: number,
  bias: number,
) => readonly (readonly [number, number])[];

export interface Subtree {
  path: number[];
  /** Estimated executions (exactly 1 for a single execution). */
  estimate: number;
}

export interface PlanOptions {
  subtreesPerShard?: number;
  /** Random paths per subtree estimate. */
  probes?: number;
  /**
   * Random paths for the whole tree's estimate, which decides whether to cut (default:
   * `probes`). Heavy-tailed trees (the C explorer's vma.c writers) need many.
   */
  rootProbes?: number;
  /** The most of a shard's estimated share the cut may cost in probes (Infinity: always cut). */
  maxPlanShare?: number;
  /** Option 0's least probability on a random path (default 0: uniform paths). */
  bias?: number;
  /** Random paths in one call each (otherwise each is probed choice by choice). */
  walk?: Walk;
}

export const SUBTREES_PER_SHARD = 4;
/** The cap on refinement: a tree whose estimates stay lopsided is cut at most this finely. */
export const MAX_SUBTREES_PER_SHARD = 32;
export const PROBES = 8;
export const MAX_PLAN_SHARE = 0.1;

interface Node {
  path: number[];
  /** Option counts along the leftmost execution, from the root. */
  arities: readonly number[];
  /** The first choice at or below the root's path with several options; -1 if none. */
  split: number;
  estimate: number;
}

/** mulberry32, seeded by the path: the same subtree always gets the same random paths. */
function rngFor(path: readonly number[]): (n: number) => number {
  let h = 0x811c9dc5;
  for (const x of [path.length, ...path]) h = Math.imul(h ^ x, 0x01000193) >>> 0;
  return (n) => {
    h = (h + 0x6d2b79f5) >>> 0;
    let t = h;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

/** The probability of option 0 at a choice of n > 1 options. */
const optionZero = (n: number, bias: number): number => Math.max(1 / n, bias);

/** The inverse of the probability the walk took `index` of `n` options with. */
function weight(index: number, n: number, bias: number): number {
  if (n <= 1) return 1;
  const q0 = optionZero(n, bias);
  return index === 0 ? 1 / q0 : (n - 1) / (1 - q0);
}

/** The option a walk takes at a choice of `n` options, from `u` uniform in [0, 1). */
function pick(u: number, n: number, bias: number): number {
  if (n <= 1) return 0;
  const q0 = optionZero(n, bias);
  if (u < q0) return 0;
  return Math.min(n - 1, 1 + Math.floor(((u - q0) / (1 - q0)) * (n - 1)));
}

interface Paths {
  probe: Probe;
  walk: Walk | undefined;
  bias: number;
}

/** One random path below `path`: its weight. Option 0 costs no probe. */
function randomPath(
  paths: Paths,
  path: readonly number[],
  arities: readonly number[],
  rng: (n: number) => number,
): number {
  const { probe, walk, bias } = paths;
  let product = 1;
  if (walk !== undefined) {
    const steps = walk(path, rng(4294967296), bias);
    for (let d = path.length; d < steps.length; d++)
      product *= weight(steps[d][0], steps[d][1], bias);
    return product;
  }
  const at = [...path];
  let ar = arities;
  for (let d = at.length; d < ar.length; d++) {
    // Uniform: one draw per choice of several options, rng(n) itself.
    const j =
      ar[d] <= 1 ? 0 : bias === 0 ? rng(ar[d]) : pick(rng(4294967296) / 4294967296, ar[d], bias);
    product *= weight(j, ar[d], bias);
    at.push(j);
    if (j > 0) ar = probe(at);
  }
  return product;
}

function node(paths: Paths, path: number[], arities: readonly number[], probes: number): Node {
  let split = -1;
  for (let d = path.length; d < arities.length && split < 0; d++) if (arities[d] > 1) split = d;
  let estimate = 1;
  if (split >= 0) {
    const rng = rngFor(path);
    let sum = 0;
    for (let i = 0; i < probes; i++) sum += randomPath(paths, path, arities, rng);
    estimate = sum / probes;
  }
  return { path, arities, split, estimate };
}

/**
 * The tree cut into at least `want` subtrees (fewer if it has fewer executions), none
 * estimated above 1/want of the tree unless that takes more than `cap` (default 8 × want)
 * subtrees; in DFS order.
 */
export function cutSubtrees(
  probe: Probe,
  want: number,
  probes = PROBES,
  opts: { bias?: number; walk?: Walk; cap?: number } = {},
): Subtree[] {
  const n = Math.max(1, probes);
  const paths: Paths = { probe, walk: opts.walk, bias: opts.bias ?? 0 };
  return cut(paths, node(paths, [], probe([]), n), want, opts.cap ?? want * 8, n);
}

function cut(paths: Paths, root: Node, want: number, cap: number, probes: number): Subtree[] {
  const nodes: Node[] = [root];
  let total = root.estimate;
  for (;;) {
    let at = -1;
    for (let i = 0; i < nodes.length; i++)
      if (nodes[i].split >= 0 && (at < 0 || nodes[i].estimate > nodes[at].estimate)) at = i;
    if (at < 0 || nodes.length >= cap) break;
    if (nodes.length >= want && nodes[at].estimate <= total / want) break;
    const n = nodes[at];
    // Single-option choices between the path and the split have option 0 only.
    const base = [...n.path, ...new Array<number>(n.split - n.path.length).fill(0)];
    const children: Node[] = [];
    for (let j = 0; j < n.arities[n.split]; j++) {
      const path = [...base, j];
      // Option 0's leftmost execution is the parent's.
      children.push(node(paths, path, j === 0 ? n.arities : paths.probe(path), probes));
    }
    nodes.splice(at, 1, ...children);
    total += children.reduce((a, c) => a + c.estimate, 0) - n.estimate;
  }
  return nodes.map((n) => ({ path: n.path, estimate: n.estimate }));
}

/**
 * The subtrees dealt to `count` shards, largest estimate first (ties: DFS order) to the least
 * loaded shard (ties: the lowest); each shard's list in DFS order.
 */
export function dealSubtrees(subtrees: readonly Subtree[], count: number): Subtree[][] {
  const order = subtrees
    .map((_, i) => i)
    .sort((a, b) => subtrees[b].estimate - subtrees[a].estimate || a - b);
  const load = new Array<number>(count).fill(0);
  const owner = new Array<number>(subtrees.length);
  for (const i of order) {
    let s = 0;
    for (let k = 1; k < count; k++) if (load[k] < load[s]) s = k;
    owner[i] = s;
    load[s] += subtrees[i].estimate;
  }
  return Array.from({ length: count }, (_, s) => subtrees.filter((_, i) => owner[i] === s));
}

/** The shard (0-based) a tree dealt whole goes to: FNV-1a of its name. */
export function wholeShard(name: string, count: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return h % count;
}

/** Every shard's subtrees, in DFS order: the plan for the tree `name` split `count` ways. */
export function planSubtrees(
  probe: Probe,
  name: string,
  count: number,
  opts: PlanOptions = {},
): Subtree[][] {
  const probes = Math.max(1, opts.probes ?? PROBES);
  const rootProbes = Math.max(1, opts.rootProbes ?? probes);
  const want = (opts.subtreesPerShard ?? SUBTREES_PER_SHARD) * count;
  let calls = 0;
  const counted: Probe = (path) => {
    calls++;
    return probe(path);
  };
  const walk = opts.walk;
  const countedWalk: Walk | undefined =
    walk &&
    ((path, seed, bias) => {
      calls++;
      return walk(path, seed, bias);
    });
  const paths: Paths = { probe: counted, walk: countedWalk, bias: opts.bias ?? 0 };
  const root = node(paths, [], counted([]), rootProbes);
  // The root's random paths cost `calls` probes; each subtree of the cut costs about as much
  // per path.
  const planCost = (calls * want * probes) / rootProbes;
  if (count === 1 || planCost > (opts.maxPlanShare ?? MAX_PLAN_SHARE) * (root.estimate / count)) {
    const whole = wholeShard(name, count);
    return Array.from({ length: count }, (_, s) =>
      s === whole ? [{ path: [], estimate: root.estimate }] : [],
    );
  }
  const cap = Math.max(want, MAX_SUBTREES_PER_SHARD * count);
  return dealSubtrees(cut(paths, root, want, cap, probes), count);
}

/** The root paths shard `index` (1-based) of `count` explores, in DFS order. */
export function shardSubtrees(
  probe: Probe,
  name: string,
  shard: { index: number; count: number },
  opts: PlanOptions = {},
): number[][] {
  return planSubtrees(probe, name, shard.count, opts)[shard.index - 1].map((s) => s.path);
}
