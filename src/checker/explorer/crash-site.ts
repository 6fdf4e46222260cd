/**
 * Where a reader crashed on the TypeScript tree, as a stable text an explore spec can pin
 * (`"crashIn"`, src/checker/run/pin.ts): the kernel function the tree's own error names
 * (`mas_next_slot: NULL mas->node dereferenced`, asChild's `mas_prev_node: internal slot ...`),
 * else the innermost function of the tree on the error's stack, in the kernel's snake_case
 * (`masPrevSlot` -> `mas_prev_slot`: a BigInt TypeError from a poisoned pivot has no site in its
 * text). Never node ids, word numbers or source lines, so the same crash gives the same site.
 */

/** A kernel function name the tree's error text starts with (`mas_prev_node: ...`). */
const NAMED_SITE = /^([a-z][a-z0-9]*(?:_[a-z0-9]+)+)[: ]/;

/** One V8 stack frame with a name: `    at masPrevSlot (file:///.../src/impl/read/prev.js:118:27)`. */
const FRAME = /^\s*at (?:async )?(\S+) \((.*)\)$/;

/**
 * The tree's files; u64 arithmetic and the word memory are helpers every operation calls
 * (inc64 of a poisoned pivot, a wild read), so their callers are the site.
 */
const TREE_FILE = /\/src\/impl\/(?!u64\.|memory\.)[^:]*\.[cm]?[jt]s:/;

/** `masPrevSlot` -> `mas_prev_slot`. */
export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** The site of a reader's crash `e`, or undefined when neither its text nor its stack names one. */
export function crashSite(e: unknown): string | undefined {
  if (!(e instanceof Error)) return undefined;
  const named = NAMED_SITE.exec(e.message)?.[1];
  if (named !== undefined) return named;
  for (const line of (e.stack ?? "").split("\n").slice(1)) {
    const f = FRAME.exec(line);
    if (f === null || !TREE_FILE.test(f[2])) continue;
    // A method prints as `Object.read`: its own name is the site.
    const name = f[1].split(".").at(-1) ?? "";
    if (/^[A-Za-z_$][\w$]*$/.test(name)) return snakeCase(name);
  }
  return undefined;
}
