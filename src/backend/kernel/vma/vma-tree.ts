/**
 * A kernel tree as the VMA runner needs it: on top of what the maple-tree runner needs, the
 * kernel's userspace VMA harness (tools/testing/vma, Linux 6.11 and later) and mm/vma.c.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { KernelBuildError } from "../kernel-build-error.js";
import { type KernelTree, openKernelTree } from "../kernel-tree.js";

export interface VmaKernelTree extends KernelTree {
  /** tools/testing/vma */
  vmaHarnessDir: string;
  /** mm/vma.c and mm/vma.h */
  vmaFile: string;
  vmaHeader: string;
}

/** The versions the VMA runner is known to build on. */
export const VMA_SUPPORTED = "Linux 6.11 or later (tested on 6.12)";

export function openVmaTree(dir: string): VmaKernelTree {
  const kernel = openKernelTree(dir);
  const vmaHarnessDir = join(kernel.dir, "tools/testing/vma");
  if (!existsSync(join(vmaHarnessDir, "vma_internal.h")))
    throw new KernelBuildError(
      `--kernel ${dir} (linux ${kernel.version}) has no tools/testing/vma: the VMA runner needs ${VMA_SUPPORTED}`,
    );
  const vmaFile = join(kernel.dir, "mm/vma.c");
  const vmaHeader = join(kernel.dir, "mm/vma.h");
  if (!existsSync(vmaFile) || !existsSync(vmaHeader))
    throw new KernelBuildError(
      `--kernel ${dir} (linux ${kernel.version}) has no mm/vma.c (a tree from scripts/kernel-source.sh: run it again to extract mm/)`,
    );
  return { ...kernel, vmaHarnessDir, vmaFile, vmaHeader };
}

/** Why the tree at dir cannot hold the VMA runner (a spec is then not applicable), if it cannot. */
export function vmaTreeProblem(dir: string): string | undefined {
  try {
    openVmaTree(dir);
  } catch (e) {
    // A tree older than 6.11 (no tools/testing/vma) or without mm/ extracted: say which.
    if (e instanceof KernelBuildError) return e.message;
    throw e;
  }
  return undefined;
}
