/**
 * The judge of a failed allocation: the address space must be as before. The kernel may
 * leave a VMA split where the operation failed after its first split (6.12's munmap
 * reattaches what it gathered, the splits stay), which changes no page: so every VMA must lie
 * inside one mapping of the model's unchanged space and agree with that mapping's slice, and
 * together the VMAs must cover exactly the model's pages. The model then takes the same split
 * boundaries, so both go on from the same list.
 *
 * An mmap that went on past a failed merge (6.12's __mmap_region allocates a VMA of its own
 * when vma_merge_new_range fails) leaves that new VMA beside the neighbour it did not join, and
 * without the anon_vma the merge would have shared: a VMA inside the model's mapping that holds
 * the command's `fresh` range (the new VMA or a neighbour it did not join) may lack that
 * mapping's anon_vma, and the model takes it without.
 */
import { type Mapping, slice } from "../../model/address-space/index.js";
import type { VmaFacts } from "./mm-backend.js";
import { mappingLine, vmaLine } from "./vma-text.js";

/**
 * The first of the spaces the command may have left (`candidates`, as mapping lists) cut at
 * the VMAs' boundaries, or what differs from the first.
 */
export function splitLikeLayer(
  candidates: readonly (readonly Mapping[])[],
  vmas: readonly VmaFacts[],
  fresh?: { start: number; end: number },
): Mapping[] | string {
  let first: string | undefined;
  for (const mappings of candidates) {
    const r = cutAt(mappings, vmas, fresh);
    if (typeof r !== "string") return r;
    first ??= r;
  }
  return first ?? "no space to compare with";
}

function cutAt(
  mappings: readonly Mapping[],
  vmas: readonly VmaFacts[],
  fresh?: { start: number; end: number },
): Mapping[] | string {
  const out: Mapping[] = [];
  let pages = 0;
  for (const v of vmas) {
    const m = mappings.find((x) => x.start <= v.vmStart && v.vmEnd <= x.end);
    if (m === undefined) return `${vmaLine(v)} is not inside one mapping the space had`;
    let part = slice(m, v.vmStart, v.vmEnd);
    if (
      fresh !== undefined &&
      m.start <= fresh.start &&
      fresh.end <= m.end &&
      part.anonVma !== undefined &&
      mappingLine(part) !== vmaLine(v)
    ) {
      const { anonVma: _, ...without } = part;
      part = without;
    }
    if (mappingLine(part) !== vmaLine(v))
      return `${vmaLine(v)} is ${mappingLine(part)} in the space as it was`;
    out.push(part);
    pages += v.vmEnd - v.vmStart;
  }
  const had = mappings.reduce((n, m) => n + (m.end - m.start), 0);
  if (pages !== had) return `the VMAs cover ${pages} pages; the space had ${had}`;
  return out;
}
