/**
 * What each mm operation does to an address space, from the system calls' documented meaning
 * (mmap(2), munmap(2), mprotect(2), brk(2)) and the stack guard gap rule. Pages throughout.
 * An operation that fails returns the space it was given: nothing changed (mprotect is the
 * documented exception: the mapped part before a hole is changed, then it fails).
 */
import { produce } from "immer";
import {
  ANON,
  type Backing,
  canShareAnonVma,
  type Grows,
  type Mapping,
  PROT_WRITE,
} from "./mapping.js";
import { carve, mergeAround, place } from "./mapping-list.js";
import {
  type AddressSpace,
  endGap,
  firstEndingAbove,
  intersects,
  mappingAt,
  mappingBefore,
  type SpaceConfig,
  startGap,
} from "./space.js";

export type Errno = "ENOMEM" | "EINVAL" | "EEXIST" | "EFAULT";

/** What the call returns: success (mmap: the address), an error, or brk's new break. */
export type Ret =
  | { kind: "ok"; addr?: number }
  | { kind: "err"; errno: Errno }
  | { kind: "brk"; brk: number };

export interface Outcome {
  space: AddressSpace;
  ret: Ret;
}

const OK: Ret = { kind: "ok" };

function fail(space: AddressSpace, errno: Errno): Outcome {
  return { space, ret: { kind: "err", errno } };
}

function withMappings(space: AddressSpace, mappings: Mapping[]): AddressSpace {
  return produce(space, (d) => {
    d.mappings = mappings as Mapping[];
  });
}

/** How mmap picks the address: MAP_FIXED, MAP_FIXED_NOREPLACE, or a hint (0: none). */
export type MmapMode = "fixed" | "noreplace" | "hint";

export interface MmapRequest {
  addr: number;
  len: number;
  prot: number;
  mode: MmapMode;
  backing: Backing;
  grows: Grows;
}

/**
 * Whether [a, a+len) is free and clear of its neighbours' guard gaps: the mapping above it (the
 * first that ends above a) must start, gap included, at or after a+len, and the one below must
 * end, gap included, at or before a. Only the neighbours count, as in mm's gap search: a guard
 * gap reaching past a neighbour does not.
 */
function fitsAt(space: AddressSpace, cfg: SpaceConfig, a: number, len: number): boolean {
  const next = firstEndingAbove(space, a);
  const prev = mappingBefore(space, next);
  return (
    (next === undefined || a + len <= startGap(next, cfg)) &&
    (prev === undefined || a >= endGap(prev, cfg))
  );
}

/**
 * The address mmap chooses without MAP_FIXED: the hint when it fits, else the highest address
 * in [1 page, TASK_SIZE) that fits (top-down).
 */
export function unmappedArea(
  space: AddressSpace,
  cfg: SpaceConfig,
  hint: number,
  len: number,
): number | undefined {
  if (hint !== 0 && hint + len <= cfg.taskPages && fitsAt(space, cfg, hint, len)) return hint;
  // The highest placement ends at TASK_SIZE or where some mapping's gap starts.
  const tops = [cfg.taskPages, ...space.mappings.map((m) => startGap(m, cfg))];
  let best: number | undefined;
  for (const top of tops) {
    const a = top - len;
    if (a >= 1 && (best === undefined || a > best) && fitsAt(space, cfg, a, len)) best = a;
  }
  return best;
}

export function mmap(space: AddressSpace, cfg: SpaceConfig, req: MmapRequest): Outcome {
  const { len } = req;
  if (len <= 0) return fail(space, "EINVAL");
  if (len > cfg.taskPages) return fail(space, "ENOMEM");
  let addr: number | undefined = req.addr;
  if (req.mode === "hint") addr = unmappedArea(space, cfg, req.addr, len);
  else if (req.addr + len > cfg.taskPages) return fail(space, "ENOMEM");
  if (addr === undefined) return fail(space, "ENOMEM");
  if (req.mode === "noreplace" && intersects(space, addr, addr + len)) return fail(space, "EEXIST");
  const m: Mapping = {
    start: addr,
    end: addr + len,
    prot: req.prot,
    grows: req.grows,
    backing: req.backing,
    accounted: (req.prot & PROT_WRITE) !== 0,
  };
  const list = place(carve(space.mappings, addr, addr + len), m);
  return {
    space: withMappings(space, mergeAround(list, m, true, true)),
    ret: { kind: "ok", addr },
  };
}

export function munmap(space: AddressSpace, cfg: SpaceConfig, start: number, end: number): Outcome {
  if (end <= start || end > cfg.taskPages) return fail(space, "EINVAL");
  return { space: withMappings(space, carve(space.mappings, start, end)), ret: OK };
}

/**
 * VM_ACCOUNT after mprotect (6.12's mprotect_fixup): made writable, a mapping is charged; made
 * unwritable, an anonymous one that has no anon_vma yet (never written) gives its charge back.
 */
function accountedAfterMprotect(m: Mapping, prot: number): boolean {
  if (prot & PROT_WRITE) return true;
  if (m.backing.kind === "anon" && m.anonVma === undefined) return false;
  return m.accounted;
}

/**
 * Each mapping in [start, end) whose protection differs takes the new one; the changed part
 * merges with a compatible neighbour on a side where it reaches its mapping's old boundary.
 * An unmapped page stops it with ENOMEM, after the mappings below the hole were changed.
 */
export function mprotect(space: AddressSpace, start: number, end: number, prot: number): Outcome {
  if (end <= start) return { space, ret: OK };
  let list = space.mappings as Mapping[];
  let p = start;
  while (p < end) {
    const m = list.find((x) => x.start <= p && p < x.end);
    if (m === undefined)
      return { space: withMappings(space, list), ret: { kind: "err", errno: "ENOMEM" } };
    const partEnd = Math.min(end, m.end);
    if (m.prot !== prot) {
      const part: Mapping = {
        ...m,
        start: p,
        end: partEnd,
        prot,
        accounted: accountedAfterMprotect(m, prot),
        backing:
          m.backing.kind === "file"
            ? { ...m.backing, pgoff: m.backing.pgoff + (p - m.start) }
            : m.backing,
      };
      list = mergeAround(
        place(carve(list, p, partEnd), part),
        part,
        p === m.start,
        partEnd === m.end,
        true,
      );
    }
    p = partEnd;
  }
  return { space: list === space.mappings ? space : withMappings(space, list), ret: OK };
}

/**
 * brk(2): below start_brk or past TASK_SIZE it fails (the old break is returned); shrinking
 * unmaps; growing needs one free page above the new break before the next mapping's guard gap,
 * and the new pages (anonymous, rw, accounted) merge with the mapping that ends at the old
 * break when they can and the break is above start_brk.
 */
export function brk(space: AddressSpace, cfg: SpaceConfig, to: number): Outcome {
  const old = space.brk;
  const unchanged: Outcome = { space, ret: { kind: "brk", brk: old } };
  if (to < cfg.startBrk || to > cfg.taskPages) return unchanged;
  if (to === old) return unchanged;
  if (to < old) {
    const next = produce(space, (d) => {
      d.mappings = carve(space.mappings, to, old) as Mapping[];
      d.brk = to;
    });
    return { space: next, ret: { kind: "brk", brk: to } };
  }
  const next = firstEndingAbove(space, old);
  if (next !== undefined && to + 1 > startGap(next, cfg)) return unchanged;
  const m: Mapping = {
    start: old,
    end: to,
    prot: 3,
    grows: "none",
    backing: ANON,
    accounted: true,
  };
  // Only the heap grows: a mapping that ends at start_brk is not the heap.
  const list = mergeAround(place(space.mappings, m), m, old > cfg.startBrk, false);
  const after = produce(space, (d) => {
    d.mappings = list as Mapping[];
    d.brk = to;
  });
  return { space: after, ret: { kind: "brk", brk: to } };
}

/** A mapping with any access (vma_is_accessible): a PROT_NONE one keeps no guard gap. */
function accessible(m: Mapping): boolean {
  return m.prot !== 0;
}

/**
 * A fault at unmapped page `a` below a grows-down mapping extends it down to `a`, unless a
 * mapping below that is accessible and not itself grows-down ends less than the guard gap
 * below `a`. A fault inside a mapping changes nothing.
 */
export function expandDownwards(space: AddressSpace, cfg: SpaceConfig, a: number): Outcome {
  if (mappingAt(space, a) !== undefined) return { space, ret: OK };
  const v = firstEndingAbove(space, a);
  if (v === undefined || v.grows !== "down") return fail(space, "EFAULT");
  const prev = mappingBefore(space, v);
  if (
    prev !== undefined &&
    prev.grows !== "down" &&
    accessible(prev) &&
    a - prev.end < cfg.guardPages
  )
    return fail(space, "ENOMEM");
  const list = space.mappings.map((m) => (m === v ? { ...v, start: a } : m));
  return { space: withMappings(space, list), ret: OK };
}

/** The mirror for a grows-up mapping below page `a`: it extends to end after `a`. */
export function expandUpwards(space: AddressSpace, cfg: SpaceConfig, a: number): Outcome {
  if (mappingAt(space, a) !== undefined) return { space, ret: OK };
  const v = mappingBefore(space, firstEndingAbove(space, a));
  if (v === undefined || v.grows !== "up") return fail(space, "EFAULT");
  if (a >= cfg.taskPages) return fail(space, "ENOMEM");
  const gapEnd = Math.min(cfg.taskPages, a + 1 + cfg.guardPages);
  const next = space.mappings.find((m) => m.start < gapEnd && m.end > v.end);
  if (next !== undefined && accessible(next) && next.grows !== "up") return fail(space, "ENOMEM");
  const list = space.mappings.map((m) => (m === v ? { ...v, end: a + 1 } : m));
  return { space: withMappings(space, list), ret: OK };
}

/**
 * A write fault at page p: the mapping holding it gets its anonymous memory's identity, an
 * anon_vma, if it has none: a neighbour's when that neighbour could share it (adjacent, same
 * memory in line, flags equal but for the protection; the one above first), so the two can
 * still merge later; else a new one. No mapping, or one not writable: EFAULT, no change (no
 * stack growth here: expand_downwards/upwards are their own commands).
 */
export function fault(space: AddressSpace, p: number): Outcome {
  const m = mappingAt(space, p);
  if (m === undefined || (m.prot & PROT_WRITE) === 0) return fail(space, "EFAULT");
  if (m.anonVma !== undefined) return { space, ret: OK };
  const i = space.mappings.indexOf(m);
  const next = space.mappings[i + 1];
  const prev = space.mappings[i - 1];
  let anonVma: number | undefined;
  if (next !== undefined && canShareAnonVma(m, next)) anonVma = next.anonVma;
  if (anonVma === undefined && prev !== undefined && canShareAnonVma(prev, m))
    anonVma = prev.anonVma;
  const made = space.anonVmas ?? 0;
  const after = produce(space, (d) => {
    if (anonVma === undefined) {
      anonVma = made + 1;
      d.anonVmas = made + 1;
    }
    d.mappings[i] = { ...m, anonVma };
  });
  return { space: after, ret: OK };
}

/** fork: the child's address space is a copy of the parent's. */
export function fork(parent: AddressSpace): AddressSpace {
  return parent;
}

/** exit: nothing is left mapped; the slot starts again with an empty space. */
export function exit(_space: AddressSpace, cfg: SpaceConfig): AddressSpace {
  return { mappings: [], brk: cfg.startBrk };
}
