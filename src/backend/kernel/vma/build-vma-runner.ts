/**
 * Builds vma-runner (native/vma-runner: the tree's mm/vma.c through its own userspace shim,
 * behind a line protocol) and caches it with cached-build.ts under a hash of every file gcc
 * read: mm/vma.c, the harness's headers, the maple tree, our C. native/build-vma-dev.sh does
 * the same by hand: keep the two in step.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { packageRoot } from "../../../package-root.js";
import { compile, writeGenerated } from "../build.js";
import { cachedBuild } from "../cached-build.js";
import { parseDepfile } from "../depfile.js";
import { openVmaTree, type VmaKernelTree } from "./vma-tree.js";

export interface VmaRunnerBuild {
  binary: string;
  kernel: VmaKernelTree;
  hash: string;
  built: boolean;
}

const SANITIZE = ["-fsanitize=address", "-fsanitize=undefined", "-fno-sanitize-recover=all"];
const CFLAGS = ["-g", "-O1", "-Wall", "-D_LGPL_SOURCE", "-fno-omit-frame-pointer", ...SANITIZE];
/** Our own files that hold no kernel code. */
const OWN_WARN = ["-Wextra", "-Werror"];
const LIBS = ["-lpthread", "-lurcu"];
/** failalloc (native/vma-runner/fail-alloc.c) catches the tree's node allocations here. */
const WRAP = ["-Wl,--wrap=kmem_cache_alloc_lru,--wrap=kmem_cache_alloc_bulk"];
/** tree-log.c sees vma.c's writes to the mm's tree through these wraps. */
const WRAPS = ["-Wl,--wrap=mas_store_prealloc", "-Wl,--wrap=mas_store_gfp"];
/** Bumped when the recipe changes in a way the inputs' hash cannot see. */
const RECIPE = "vma-runner-recipe-4";
const BINARY = "vma-runner";

export function buildVmaRunner(
  kernelDir: string,
  options: { log?: (line: string) => void } = {},
): VmaRunnerBuild {
  const kernel = openVmaTree(kernelDir);
  const nativeDir = join(packageRoot(), "native/vma-runner");
  const r = cachedBuild(
    {
      kind: "vma",
      manifestKey: `${kernel.dir}\0${nativeDir}`,
      recipe: `${RECIPE}\0${CFLAGS.join(" ")}\0${kernel.version}\0${needsVmaClose(kernel)}\0${mprotectUnaccounts(kernel)}\0`,
      binaryName: BINARY,
      compile: (work) => compileVmaRunner(kernel, nativeDir, work),
      selfTest,
      announce: `building the VMA runner from ${kernel.vmaFile} (linux ${kernel.version}); cached afterwards`,
    },
    options.log,
  );
  return { ...r, kernel };
}

/**
 * Whether the tree's mm/mprotect.c gives an unfaulted anonymous mapping's charge back when it
 * loses VM_WRITE (clears VM_ACCOUNT; 6.12 does, 6.1 does not): vma-tu.c's mprotect follows.
 * Read from the source, as the runner's mprotect is ours, not the kernel's.
 */
function mprotectUnaccounts(kernel: VmaKernelTree): boolean {
  const file = join(kernel.dir, "mm/mprotect.c");
  return existsSync(file) && readFileSync(file, "utf8").includes("newflags &= ~VM_ACCOUNT");
}

/** 6.12.y's harness lacks vma_close(), which backports made mm/vma.c call. */
function needsVmaClose(kernel: VmaKernelTree): boolean {
  return !readFileSync(join(kernel.vmaHarnessDir, "vma_internal.h"), "utf8").includes("vma_close");
}

function compileVmaRunner(kernel: VmaKernelTree, nativeDir: string, work: string): string[] {
  mkdirSync(join(work, "gen/generated"), { recursive: true });
  writeGenerated(kernel, work);
  const include = [
    `-I${join(work, "gen")}`,
    `-I${join(work, "gen/generated")}`,
    `-I${kernel.sharedDir}`,
    `-I${kernel.vmaHarnessDir}`,
    `-I${join(kernel.dir, "tools/include")}`,
    `-I${join(kernel.dir, "lib")}`,
  ];
  const units: [string, string[]][] = [
    [join(nativeDir, "main.c"), [...OWN_WARN, `-DMC_KERNEL_VERSION="${kernel.version}"`]],
    [join(nativeDir, "fail-alloc.c"), OWN_WARN],
    [
      join(nativeDir, "vma-tu.c"),
      [
        ...include,
        `-DMM_VMA_H="${kernel.vmaHeader}"`,
        `-DMM_VMA_C="${kernel.vmaFile}"`,
        ...(needsVmaClose(kernel) ? ["-DMC_NEED_VMA_CLOSE"] : []),
        ...(mprotectUnaccounts(kernel) ? ["-DMC_MPROTECT_UNACCOUNT"] : []),
      ],
    ],
    // What vma.c does to the mm's tree (tree-log.c; its wraps are in LIBS' link line).
    [join(nativeDir, "tree-log.c"), include],
    [join(kernel.sharedDir, "maple-shim.c"), include],
    [join(kernel.sharedDir, "linux.c"), include],
  ];
  // Every C file of ours is in the recipe, even one not compiled (a stale file would not be).
  const inputs = readdirSync(nativeDir)
    .filter((f) => /\.[ch]$/.test(f))
    .map((f) => join(nativeDir, f));
  const autoconf = join(kernel.sharedDir, "autoconf.h");
  if (existsSync(autoconf)) inputs.push(autoconf);
  const objects: string[] = [];
  for (const [i, [src, flags]] of units.entries()) {
    const obj = join(work, `${i}.o`);
    const dep = join(work, `${i}.d`);
    compile([...CFLAGS, ...flags, "-MMD", "-MF", dep, "-c", src, "-o", obj], src);
    for (const p of parseDepfile(readFileSync(dep, "utf8")))
      if (!p.startsWith(work)) inputs.push(resolve(p));
    objects.push(obj);
  }
  compile(
    [...SANITIZE, ...WRAP, ...objects, ...WRAPS, ...LIBS, "-o", join(work, BINARY)],
    "the VMA runner (link)",
  );
  return inputs;
}

function selfTest(binary: string): boolean {
  const r = spawnSync(binary, [], {
    input: "version\nvma_link 0x1000 0x3000 0x33\nmaps\n",
    encoding: "utf8",
    timeout: 20_000,
    env: { ...process.env, ASAN_OPTIONS: "detect_leaks=0" },
  });
  return (
    r.status === 0 &&
    /^linux-\S+ maple-check-vma-runner\nok\n0x1000-0x3000:0x33:0x1\n$/.test(r.stdout)
  );
}
