/**
 * get_unmapped_area for a mapping without MAP_FIXED, top-down (generic_get_unmapped_area_topdown
 * and unmapped_area_topdown): the hint if it fits clear of its neighbours' guard gaps, else
 * the highest gap of the tree below mmap_base found by mas_empty_area_rev, retried lower while
 * a neighbour's guard gap reaches into it.
 */
import type { MmStruct } from "./mm-struct.js";
import { vmEndGap, vmStartGap } from "./vma.js";
import { vmaFind, vmaPrevFrom } from "./vma-iter.js";
import { addrPage, pageAddr } from "./vma-tree.js";

/** The start page of the area, or undefined (-ENOMEM). */
export function getUnmappedAreaTopdown(
  mm: MmStruct,
  hint: number,
  len: number,
): number | undefined {
  const { taskPages, guardPages } = mm.layout;
  if (len > taskPages) return undefined;
  if (hint !== 0 && taskPages - len >= hint) {
    // find_vma_prev(mm, addr, &prev)
    const vma = vmaFind(mm, hint);
    const prev = vma === undefined ? vmaPrevFrom(mm, "max") : vmaPrevFrom(mm, vma.vmStart);
    if (
      (vma === undefined || hint + len <= vmStartGap(vma, guardPages)) &&
      (prev === undefined || hint >= vmEndGap(prev, guardPages, taskPages))
    )
      return hint;
  }
  return unmappedAreaTopdown(mm, 1, taskPages, len);
}

/** unmapped_area_topdown over [low, high) in pages. */
function unmappedAreaTopdown(
  mm: MmStruct,
  low: number,
  high0: number,
  len: number,
): number | undefined {
  const { taskPages, guardPages } = mm.layout;
  let high = high0;
  for (;;) {
    if (high - low < len) return undefined;
    // vma_iter_area_highest: mas_empty_area_rev(low, high - 1, len)
    const area = mm.mmMt.emptyAreaRev(pageAddr(low), pageAddr(high) - 1n, pageAddr(len));
    if (area === null) return undefined;
    const gapEnd = addrPage(area.last + 1n);
    const gap = gapEnd - len;
    // Fault #31: the maple conversion returned the tree's hole without this retry.
    if (mm.ctx.faults.has("unmapped-area-no-guard-gap-retry")) return gap;
    const next = vmaFind(mm, gapEnd);
    if (next !== undefined && vmStartGap(next, guardPages) < gapEnd) {
      high = vmStartGap(next, guardPages);
      continue;
    }
    // Both stack directions exist here, so prev is checked even when next has a start gap.
    const prev = vmaPrevFrom(mm, gap);
    if (prev !== undefined && vmEndGap(prev, guardPages, taskPages) > gap) {
      high = prev.vmStart;
      continue;
    }
    return gap;
  }
}
