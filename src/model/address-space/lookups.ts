/** What the readers of an address space see. */
import type { Mapping } from "./mapping.js";
import { type AddressSpace, firstEndingAbove, mappingAt, mappingBefore } from "./space.js";

/** find_vma: the first mapping that ends above page p. */
export function findVma(s: AddressSpace, p: number): Mapping | undefined {
  return firstEndingAbove(s, p);
}

/** find_vma_prev: find_vma's answer and the mapping before it. */
export function findVmaPrev(
  s: AddressSpace,
  p: number,
): { vma: Mapping | undefined; prev: Mapping | undefined } {
  const vma = firstEndingAbove(s, p);
  return { vma, prev: mappingBefore(s, vma) };
}

/** The lockless page-fault lookup: the mapping that contains page p. */
export function lookupFault(s: AddressSpace, p: number): Mapping | undefined {
  return mappingAt(s, p);
}

/** /proc/PID/maps: every mapping in address order. */
export function maps(s: AddressSpace): readonly Mapping[] {
  return s.mappings;
}
