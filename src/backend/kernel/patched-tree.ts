/**
 * A private copy of a user's kernel tree with a patch applied to one file (a kernel fault, or
 * a user's change to try): lib/maple_tree.c, or mm/vma.c for a fault of the VMA layer; the
 * patch's `--- a/PATH` line names it. The top-level folders are links to the user's tree;
 * the patched file's folder holds links to its files except a real, patched copy of it. The
 * user's tree is never written to.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { KernelBuildError } from "./kernel-build-error.js";
import { openKernelTree } from "./kernel-tree.js";

/** The files a patch may change. */
export const PATCHABLE = ["lib/maple_tree.c", "mm/vma.c"] as const;

export class PatchDoesNotApply extends Error {
  constructor(
    readonly patch: string,
    readonly output: string,
    target = "lib/maple_tree.c",
  ) {
    super(`${patch} does not apply to this tree's ${target}`);
    this.name = "PatchDoesNotApply";
  }
}

/** The file a patch changes (its first `--- a/PATH`), one of PATCHABLE. */
export function patchTarget(patchFile: string): string {
  const text = readFileSync(patchFile, "utf8");
  const path = /^--- a\/(\S+)/m.exec(text)?.[1] ?? "lib/maple_tree.c";
  if (!(PATCHABLE as readonly string[]).includes(path))
    throw new KernelBuildError(
      `${patchFile} changes ${path}: a kernel patch may change ${PATCHABLE.join(" or ")}`,
    );
  return path;
}

/** Makes `dest` (a new folder) a copy of `kernelDir` with `patchFile` applied; returns dest. */
export function patchedTree(kernelDir: string, patchFile: string, dest: string): string {
  const kernel = openKernelTree(kernelDir);
  const target = patchTarget(patchFile);
  const folder = dirname(target);
  const file = basename(target);
  mkdirSync(join(dest, folder), { recursive: true });
  for (const entry of readdirSync(kernel.dir))
    if (entry !== folder) symlinkSync(join(kernel.dir, entry), join(dest, entry));
  for (const entry of readdirSync(join(kernel.dir, folder)))
    if (entry !== file) symlinkSync(join(kernel.dir, folder, entry), join(dest, folder, entry));
  copyFileSync(join(kernel.dir, target), join(dest, target));
  const r = spawnSync(
    "patch",
    ["-p1", "--forward", "--batch", "--no-backup-if-mismatch", "-r", "-", "-i", patchFile],
    { cwd: dest, encoding: "utf8" },
  );
  if (r.error !== undefined)
    throw new KernelBuildError(
      `applying ${patchFile} needs patch(1): ${r.error.message} (apt-get install patch)`,
    );
  if (r.status !== 0) throw new PatchDoesNotApply(patchFile, `${r.stdout}${r.stderr}`, target);
  return dest;
}
