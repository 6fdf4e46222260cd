/**
 * A Linux source tree as the kernel backend needs it: the maple tree, its header, and the
 * userspace harness (tools/testing/radix-tree) whose shim headers let it build outside the
 * kernel. Checked before anything is built, so a wrong DIR is one clear line.
 */
import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { join } from "node:path";
import { KernelBuildError } from "./kernel-build-error.js";

export interface KernelTree {
  /** The tree's real path. */
  dir: string;
  /** `6.12.57`, from the top Makefile. */
  version: string;
  major: number;
  minor: number;
  /** The maple tree source to build: lib/maple_tree.c, or a patched copy of it. */
  mapleTreeFile: string;
  /** tools/testing/radix-tree */
  harnessDir: string;
  /** tools/testing/shared on 6.3 and later; the harness folder itself on older trees. */
  sharedDir: string;
}

const REQUIRED = [
  "Makefile",
  "lib/maple_tree.c",
  "include/linux/maple_tree.h",
  "tools/testing/radix-tree/test.h",
  "tools/include",
];

export function openKernelTree(dir: string, mapleTreeFile?: string): KernelTree {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new KernelBuildError(`--kernel ${dir}: no such directory`);
  const real = realpathSync(dir);
  const missing = REQUIRED.filter((p) => !existsSync(join(real, p)));
  if (missing.length > 0)
    throw new KernelBuildError(
      `--kernel ${dir} is not a Linux source tree with the maple tree's userspace harness (missing ${missing.join(", ")})`,
    );
  const makefile = readFileSync(join(real, "Makefile"), "utf8");
  const field = (name: string): string | undefined =>
    new RegExp(`^${name}\\s*=\\s*(\\d+)\\s*$`, "m").exec(makefile)?.[1];
  const [v, p, s] = [field("VERSION"), field("PATCHLEVEL"), field("SUBLEVEL") ?? "0"];
  if (v === undefined || p === undefined)
    throw new KernelBuildError(`--kernel ${dir}: the top Makefile has no VERSION/PATCHLEVEL`);
  const harnessDir = join(real, "tools/testing/radix-tree");
  const shared = join(real, "tools/testing/shared");
  const file = mapleTreeFile ?? join(real, "lib/maple_tree.c");
  if (!existsSync(file)) throw new KernelBuildError(`no such file: ${file}`);
  return {
    dir: real,
    version: `${v}.${p}.${s}`,
    major: Number(v),
    minor: Number(p),
    mapleTreeFile: realpathSync(file),
    harnessDir,
    sharedDir: existsSync(join(shared, "linux.c")) ? shared : harnessDir,
  };
}
