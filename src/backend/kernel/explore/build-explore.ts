/**
 * Builds maple-explore-runner (native/explore, recipe in compile-explore.ts) from a user's
 * Linux tree, cached by cachedBuild under a hash of the recipe, the compiler and every file
 * the compiler read (gcc -MMD). A cached runner is used only when its checksum and a
 * store-and-load self-test pass.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../../../package-root.js";
import type { BuildOptions } from "../build.js";
import { cachedBuild } from "../cached-build.js";
import { type KernelTree, openKernelTree } from "../kernel-tree.js";
import {
  BINARY,
  compileExploreRunner,
  KERNEL_CFLAGS,
  KERNEL_OBJECT,
  LDFLAGS,
  RUNTIME_CFLAGS,
} from "./compile-explore.js";

export interface ExploreRunnerBuild {
  binary: string;
  /** The instrumented kernel object, calls renamed: what the no-`rep movs` check reads. */
  kernelObject: string;
  kernel: KernelTree;
  hash: string;
  built: boolean;
  /** How the runner names the source place of a PC. */
  symbolizer: "libbacktrace" | "none";
}

/** Bumped when the recipe changes in a way the inputs' hash cannot see. */
const RECIPE = "explore-runner-recipe-1";

export function buildExploreRunner(
  kernelDir: string,
  options: BuildOptions = {},
): ExploreRunnerBuild {
  const kernel = openKernelTree(kernelDir, options.mapleTreeFile);
  // Named by the runner's sources too: two checkouts of maple-check share the cache, and
  // each must find the inputs of its own native/explore there.
  const nativeDir = join(packageRoot(), "native/explore");
  const r = cachedBuild(
    {
      kind: "explore",
      manifestKey: `${kernel.dir}\0${kernel.mapleTreeFile}\0${nativeDir}`,
      recipe: recipeOf(kernel),
      binaryName: BINARY,
      requiredFiles: [KERNEL_OBJECT],
      compile: (work) => {
        mkdirSync(join(work, "gen/generated"), { recursive: true });
        const { inputs, symbolizer } = compileExploreRunner(kernel, work);
        return { inputs, facts: { symbolizer } };
      },
      selfTest,
      announce: `building the explore runner from ${kernel.mapleTreeFile} (linux ${kernel.version}); cached afterwards`,
    },
    options.log,
  );
  const symbolizer = r.facts.symbolizer === "libbacktrace" ? "libbacktrace" : "none";
  return {
    binary: r.binary,
    kernelObject: join(r.dir, KERNEL_OBJECT),
    kernel,
    hash: r.hash,
    built: r.built,
    symbolizer,
  };
}

/** What the inputs' hash cannot see: the recipe's number, the flags, the version and file. */
function recipeOf(kernel: KernelTree): string {
  return `${RECIPE}\0${KERNEL_CFLAGS.join(" ")}\0${RUNTIME_CFLAGS.join(" ")}\0${LDFLAGS.join(" ")}\0${kernel.version}\0${kernel.mapleTreeFile}\0`;
}

function selfTest(binary: string): boolean {
  const r = spawnSync(binary, [], {
    input: "init 0\nstore 5 9 7\nload 6\n",
    encoding: "utf8",
    timeout: 20_000,
  });
  return r.status === 0 && r.stdout === "ok\nok\n7\n";
}
