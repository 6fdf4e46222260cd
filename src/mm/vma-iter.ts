/** The vma_iter_* wrappers: VMAs in and out of the mm's tree, in pages. */
import { ULONG_MAX } from "../impl/u64.js";
import type { MmStruct } from "./mm-struct.js";
import type { VmAreaStruct } from "./vma.js";
import { pageAddr, type TreeRange } from "./vma-tree.js";

/** vma_iter_prealloc: the nodes a tree write needs, taken before anything changes. */
export function vmaIterPrealloc(mm: MmStruct): void {
  mm.ctx.allocFailure.allocate();
}

/** vma_iter_store: the VMA's id over its whole span. */
export function vmaIterStore(mm: MmStruct, vma: VmAreaStruct): void {
  mm.mmMt.store(pageAddr(vma.vmStart), pageAddr(vma.vmEnd) - 1n, vma.id);
}

/** vma_iter_clear_gfp: NULL over [start, end). */
export function vmaIterClear(mm: MmStruct, start: number, end: number): void {
  mm.mmMt.store(pageAddr(start), pageAddr(end) - 1n, null);
}

function vmaAt(mm: MmStruct, r: TreeRange | null): VmAreaStruct | undefined {
  return r === null || r.id === null ? undefined : mm.vmaOf(r.id);
}

/** vma_find: the first VMA that intersects [start, end) (end: a page, exclusive). */
export function vmaFind(mm: MmStruct, start: number, end?: number): VmAreaStruct | undefined {
  const max = end === undefined ? ULONG_MAX : pageAddr(end) - 1n;
  if (end !== undefined && end <= start) return undefined;
  return vmaAt(mm, mm.mmMt.find(pageAddr(start), max));
}

/** vma_prev from an iterator at page p: the VMA before the range holding p. */
export function vmaPrevFrom(mm: MmStruct, p: number | "max"): VmAreaStruct | undefined {
  return vmaAt(mm, mm.mmMt.prev(p === "max" ? ULONG_MAX : pageAddr(p)));
}

/** vma_iter_load: the VMA that holds page p. */
export function vmaIterLoad(mm: MmStruct, p: number): VmAreaStruct | undefined {
  return vmaAt(mm, mm.mmMt.walk(pageAddr(p)));
}

/** Every VMA in address order (for_each_vma). */
export function forEachVma(mm: MmStruct): VmAreaStruct[] {
  const out: VmAreaStruct[] = [];
  let from = 0n;
  for (;;) {
    const r = mm.mmMt.find(from);
    if (r === null || r.id === null) return out;
    out.push(mm.vmaOf(r.id));
    if (r.last === ULONG_MAX) return out;
    from = r.last + 1n;
  }
}
