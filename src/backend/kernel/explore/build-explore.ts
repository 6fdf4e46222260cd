/**
 * Builds maple-explore-runner (native/explore, recipe in compile-explore.ts) from a user's
 * Linux tree and caches it as build.ts caches the runner: under a hash of the recipe, the
 * compiler and every file the compiler read (gcc -MMD). A cached runner is used only when
 * its checksum and a store-and-load self-test pass.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../../../package-root.js";
import type { BuildOptions } from "../build.js";
import { cacheRoot, hashInputs, readJson, sha256 } from "../build.js";
import { KernelBuildError } from "../kernel-build-error.js";
import { type KernelTree, openKernelTree } from "../kernel-tree.js";
import { checkToolchain } from "../toolchain.js";
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

interface Manifest {
  inputs: string[];
  hash: string;
}

interface Stamp {
  binarySha256: string;
  symbolizer: ExploreRunnerBuild["symbolizer"];
}

export function buildExploreRunner(
  kernelDir: string,
  options: BuildOptions = {},
): ExploreRunnerBuild {
  const kernel = openKernelTree(kernelDir, options.mapleTreeFile);
  // Named by the runner's sources too: two checkouts of maple-check share the cache, and
  // each must find the inputs of its own native/explore there.
  const nativeDir = join(packageRoot(), "native/explore");
  const manifestFile = join(
    cacheRoot(),
    "explore-trees",
    `${sha256(`${kernel.dir}\0${kernel.mapleTreeFile}\0${nativeDir}`).slice(0, 20)}.json`,
  );
  const manifest = readJson<Manifest>(manifestFile);
  if (manifest !== undefined && Array.isArray(manifest.inputs)) {
    const hash = inputsHash(kernel, manifest.inputs);
    if (hash === manifest.hash) {
      const cached = installed(kernel, hash, false);
      if (cached !== undefined) return cached;
    }
  }
  checkToolchain();
  options.log?.(
    `building the explore runner from ${kernel.mapleTreeFile} (linux ${kernel.version}); cached afterwards`,
  );
  return build(kernel, manifestFile);
}

/** The runner in the cache under @hash, if it is whole and passes its self-test. */
function installed(
  kernel: KernelTree,
  hash: string,
  built: boolean,
): ExploreRunnerBuild | undefined {
  const dir = join(cacheRoot(), "explore-runners", hash);
  const binary = join(dir, BINARY);
  const stamp = readJson<Stamp>(join(dir, "stamp.json"));
  if (stamp === undefined || !existsSync(binary) || !existsSync(join(dir, KERNEL_OBJECT)))
    return undefined;
  if (sha256(readFileSync(binary)) !== stamp.binarySha256 || !selfTest(binary)) return undefined;
  const kernelObject = join(dir, KERNEL_OBJECT);
  return { binary, kernelObject, kernel, hash, built, symbolizer: stamp.symbolizer };
}

function build(kernel: KernelTree, manifestFile: string): ExploreRunnerBuild {
  const runnersDir = join(cacheRoot(), "explore-runners");
  const work = join(runnersDir, `.build-${process.pid}-${randomBytes(4).toString("hex")}`);
  mkdirSync(join(work, "gen/generated"), { recursive: true });
  try {
    const { inputs, symbolizer } = compileExploreRunner(kernel, work);
    const hash = inputsHash(kernel, inputs);
    if (hash === undefined) throw new KernelBuildError("a source file vanished during the build");
    const stamp: Stamp = { binarySha256: sha256(readFileSync(join(work, BINARY))), symbolizer };
    writeFileSync(join(work, "stamp.json"), JSON.stringify(stamp));
    const dir = join(runnersDir, hash);
    // Another process may have built the same hash meanwhile: keep a whole one.
    if (readJson<Stamp>(join(dir, "stamp.json")) === undefined) {
      rmSync(dir, { recursive: true, force: true });
      try {
        renameSync(work, dir);
      } catch (e) {
        if (readJson<Stamp>(join(dir, "stamp.json")) === undefined) throw e;
      }
    }
    const result = installed(kernel, hash, true);
    if (result === undefined)
      throw new KernelBuildError(
        `the explore runner built from ${kernel.dir} fails its self-test (store and load)`,
      );
    mkdirSync(join(cacheRoot(), "explore-trees"), { recursive: true });
    writeFileSync(manifestFile, JSON.stringify({ inputs, hash } satisfies Manifest));
    return result;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function inputsHash(kernel: KernelTree, inputs: readonly string[]): string | undefined {
  return hashInputs(
    `${RECIPE}\0${KERNEL_CFLAGS.join(" ")}\0${RUNTIME_CFLAGS.join(" ")}\0${LDFLAGS.join(" ")}\0${kernel.version}\0${kernel.mapleTreeFile}\0`,
    inputs,
  );
}

function selfTest(binary: string): boolean {
  const r = spawnSync(binary, [], {
    input: "init 0\nstore 5 9 7\nload 6\n",
    encoding: "utf8",
    timeout: 20_000,
  });
  return r.status === 0 && r.stdout === "ok\nok\n7\n";
}
