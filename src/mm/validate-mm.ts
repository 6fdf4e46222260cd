/**
 * validate_mm, and more: the tree's own validation, then the mm's invariants: VMAs sorted,
 * non-empty, not overlapping, inside TASK_SIZE, anonymous ones at their own page offset, each stored exactly over its span (the tree's
 * ranges are the VMA table, NULL between), none detached, the lock free, and the tree in RCU
 * mode exactly when MM_MT_FLAGS has it. Returns the first problem, or undefined.
 */
import type { MmStruct } from "./mm-struct.js";
import { pageAddr } from "./vma-tree.js";

export function validateMm(mm: MmStruct): string | undefined {
  if (mm.mmapLock.mode !== "unlocked") return `mmap lock left held for ${mm.mmapLock.mode}`;
  const check = mm.mmMt.check();
  const v = check.validation();
  if (v.count > 0) return `tree validation: ${v.first}`;
  const vmas = [...mm.vmas.values()].sort((a, b) => a.vmStart - b.vmStart);
  let end = 0;
  for (const vma of vmas) {
    if (vma.vmStart >= vma.vmEnd) return `VMA ${vma.id} is empty or inverted`;
    if (vma.vmStart < end) return `VMA ${vma.id} overlaps the VMA below it`;
    if (vma.vmEnd > mm.layout.taskPages) return `VMA ${vma.id} ends past TASK_SIZE`;
    if (vma.detached) return `VMA ${vma.id} is detached but in the mm`;
    // Private anonymous memory's vm_pgoff is its start page, through splits and merges.
    if (vma.vmFile === null && vma.vmPgoff !== vma.vmStart)
      return `anonymous VMA ${vma.id} at page 0x${vma.vmStart.toString(16)} has vm_pgoff 0x${vma.vmPgoff.toString(16)}`;
    end = vma.vmEnd;
  }
  const stored = check.ranges().filter((r) => r.entry !== null);
  if (stored.length !== vmas.length)
    return `the tree holds ${stored.length} entries for ${vmas.length} VMAs`;
  for (let i = 0; i < vmas.length; i++) {
    const r = stored[i];
    const vma = vmas[i];
    if (
      r.entry !== BigInt(vma.id) ||
      r.index !== pageAddr(vma.vmStart) ||
      r.last !== pageAddr(vma.vmEnd) - 1n
    )
      return `VMA ${vma.id} [0x${pageAddr(vma.vmStart).toString(16)}, 0x${pageAddr(vma.vmEnd).toString(16)}) is stored as [${r.index}, ${r.last}]=${String(r.entry)}`;
  }
  const rcu = mm.mmMt.inRcu();
  if (rcu !== (mm.ctx.flavour === "6.12")) return `the tree is ${rcu ? "" : "not "}in RCU mode`;
  return undefined;
}
