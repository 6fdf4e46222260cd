/**
 * An address space: its mappings (sorted, disjoint, never empty) and its program break, in
 * pages. The configuration fixes what the kernel takes from the architecture and sysctls.
 */
import type { Mapping } from "./mapping.js";

export interface SpaceConfig {
  /** TASK_SIZE in pages; also mmap_base (the top-down search starts there: no random gap). */
  readonly taskPages: number;
  /** stack_guard_gap in pages (the kernel's default is 256). */
  readonly guardPages: number;
  /** mm->start_brk in pages: brk never goes below it. */
  readonly startBrk: number;
}

export interface AddressSpace {
  readonly mappings: readonly Mapping[];
  /** mm->brk in pages. */
  readonly brk: number;
  /** How many anon_vmas the process has made (the next is numbered one more); none: 0. */
  readonly anonVmas?: number;
}

export function emptySpace(config: SpaceConfig): AddressSpace {
  return { mappings: [], brk: config.startBrk };
}

/** vm_start_gap: where m's reserved area begins (a grows-down mapping keeps a gap below). */
export function startGap(m: Mapping, config: SpaceConfig): number {
  return m.grows === "down" ? Math.max(0, m.start - config.guardPages) : m.start;
}

/** vm_end_gap: where m's reserved area ends (a grows-up mapping keeps a gap above). */
export function endGap(m: Mapping, config: SpaceConfig): number {
  return m.grows === "up" ? Math.min(config.taskPages, m.end + config.guardPages) : m.end;
}

/** The mapping that contains page p. */
export function mappingAt(s: AddressSpace, p: number): Mapping | undefined {
  return s.mappings.find((m) => m.start <= p && p < m.end);
}

/** find_vma: the first mapping that ends above p. */
export function firstEndingAbove(s: AddressSpace, p: number): Mapping | undefined {
  return s.mappings.find((m) => m.end > p);
}

/** The mapping right before m in address order (or the last one when m is undefined). */
export function mappingBefore(s: AddressSpace, m: Mapping | undefined): Mapping | undefined {
  const i = m === undefined ? s.mappings.length : s.mappings.indexOf(m);
  return i > 0 ? s.mappings[i - 1] : undefined;
}

/** Whether any mapping has a page in [start, end). */
export function intersects(s: AddressSpace, start: number, end: number): boolean {
  return s.mappings.some((m) => m.start < end && start < m.end);
}
