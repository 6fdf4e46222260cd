/**
 * A proposed fix on the kernel's C tree. The TypeScript tree switches a fix on like a fault
 * (`proposed-fix:NAME` in a spec's tree.faults); the C tree takes it as a patch,
 * specs/kernel-fixes/NAME.patch, applied to a private copy of the user's tree (patched-tree.ts)
 * that the spec then runs on. The copy sits at a fixed place per tree and patch, so an
 * unchanged pair hits the runner caches; it is made under a temporary name and renamed, so a
 * run never sees half a copy.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../../package-root.js";
import { cacheRoot } from "./build.js";
import { openKernelTree } from "./kernel-tree.js";
import { PatchDoesNotApply, patchedTree } from "./patched-tree.js";

export const PROPOSED_FIX = "proposed-fix:";

export function isProposedFix(fault: string): boolean {
  return fault.startsWith(PROPOSED_FIX);
}

/** The C patch of a proposed fix: specs/kernel-fixes/NAME.patch. */
export function proposedFixPatch(fix: string): string {
  return join(packageRoot(), "specs/kernel-fixes", `${fix.slice(PROPOSED_FIX.length)}.patch`);
}

/** Marks a finished copy: a folder without it is a copy an interrupted run left. */
const COMPLETE = ".maple-check-complete";

/**
 * The private copy of `kernelDir` with the fix's patch applied (made once), or why the fix
 * cannot run on this tree: one line, for a not-applicable verdict.
 */
export function proposedFixTree(kernelDir: string, fix: string): string | { reason: string } {
  const patch = proposedFixPatch(fix);
  if (!existsSync(patch)) return { reason: `${fix} has no C patch (${patch} is missing)` };
  const kernel = openKernelTree(kernelDir);
  const key = createHash("sha256")
    .update(`${kernel.dir}\0${readFileSync(patch, "utf8")}`)
    .digest("hex")
    .slice(0, 16);
  const dest = join(cacheRoot(), "proposed-fix-trees", key);
  if (existsSync(join(dest, COMPLETE))) return dest;
  const work = `${dest}.${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  try {
    patchedTree(kernel.dir, patch, work);
  } catch (e) {
    rmSync(work, { recursive: true, force: true });
    if (e instanceof PatchDoesNotApply)
      return {
        reason: `${fix}: its patch does not apply to linux ${kernel.version}'s ${kernel.mapleTreeFile}`,
      };
    throw e;
  }
  writeFileSync(join(work, COMPLETE), `${patch}\n`);
  try {
    renameSync(work, dest);
  } catch (e) {
    // Another run renamed its identical copy first.
    rmSync(work, { recursive: true, force: true });
    if (!existsSync(join(dest, COMPLETE))) throw e;
  }
  return dest;
}
