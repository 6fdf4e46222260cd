/**
 * A private copy of a user's kernel tree with a patch applied to lib/maple_tree.c (a kernel
 * fault, or a user's change to try): the top-level folders are links to the user's tree,
 * lib/ holds links to its files except a real, patched maple_tree.c. The user's tree is
 * never written to.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { KernelBuildError } from "./kernel-build-error.js";
import { openKernelTree } from "./kernel-tree.js";

export class PatchDoesNotApply extends Error {
  constructor(
    readonly patch: string,
    readonly output: string,
  ) {
    super(`${patch} does not apply to this tree's lib/maple_tree.c`);
    this.name = "PatchDoesNotApply";
  }
}

/** Makes `dest` (a new folder) a copy of `kernelDir` with `patchFile` applied; returns dest. */
export function patchedTree(kernelDir: string, patchFile: string, dest: string): string {
  const kernel = openKernelTree(kernelDir);
  mkdirSync(join(dest, "lib"), { recursive: true });
  for (const entry of readdirSync(kernel.dir))
    if (entry !== "lib") symlinkSync(join(kernel.dir, entry), join(dest, entry));
  for (const entry of readdirSync(join(kernel.dir, "lib")))
    if (entry !== "maple_tree.c")
      symlinkSync(join(kernel.dir, "lib", entry), join(dest, "lib", entry));
  copyFileSync(join(kernel.dir, "lib/maple_tree.c"), join(dest, "lib/maple_tree.c"));
  const r = spawnSync(
    "patch",
    ["-p1", "--forward", "--batch", "--no-backup-if-mismatch", "-r", "-", "-i", patchFile],
    { cwd: dest, encoding: "utf8" },
  );
  if (r.error !== undefined)
    throw new KernelBuildError(
      `applying ${patchFile} needs patch(1): ${r.error.message} (apt-get install patch)`,
    );
  if (r.status !== 0) throw new PatchDoesNotApply(patchFile, `${r.stdout}${r.stderr}`);
  return dest;
}
