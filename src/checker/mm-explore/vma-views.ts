/** Looking a VMA up in the views a writer showed readers (vma-check.ts, vma-iterate-check.ts). */
import type { VmaView, WriterViews } from "./vma-check.js";

/**
 * The VMA `id` as the writer last showed it to a reader that returned after `hi` stores began:
 * the newest view up to `hi` that holds it.
 */
export function latestView(views: WriterViews, hi: number, id: number): VmaView | undefined {
  for (let k = Math.min(hi, views.length - 1); k >= 0; k--) {
    const v = views[k].find((x) => x.id === id);
    if (v !== undefined) return v;
  }
  return undefined;
}
