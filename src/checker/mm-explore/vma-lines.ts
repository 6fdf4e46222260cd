/**
 * The lines of an mm-explore spec whose writer is the kernel's mm/vma.c (`"source": "vma.c"`):
 * vma-runner's operations (native/vma-runner/README.md, "Protocol"), checked at load time so a
 * bad one is one error naming it rather than a runner's `err parse`.
 */

/** vma-runner operations a prefix or writer line may be, with their argument counts. */
export const VMA_OPS: Readonly<Record<string, readonly [number, number]>> = {
  vma_link: [3, 4],
  merge_new: [3, 4],
  modify_flags: [3, 3],
  expand: [2, 2],
  shrink: [2, 2],
  split: [1, 1],
  munmap: [2, 2],
};

const NUMBER = /^(0x[0-9a-fA-F]+|[0-9]+)$/;

/** Why the line is not a vma-runner operation, or undefined. */
export function vmaLineError(line: string): string | undefined {
  const [op, ...args] = line.trim().split(/\s+/);
  const counts = VMA_OPS[op];
  if (counts === undefined) return `not one of ${Object.keys(VMA_OPS).join(", ")}`;
  if (args.length < counts[0] || args.length > counts[1])
    return `${op} takes ${counts[0] === counts[1] ? counts[0] : `${counts[0]}-${counts[1]}`} numbers`;
  const bad = args.find((a) => !NUMBER.test(a));
  if (bad !== undefined) return `"${bad}" is not a number (decimal or 0x hex)`;
  return undefined;
}
