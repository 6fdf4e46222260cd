/**
 * The cache every kernel-tree build shares, as a function of its recipe: a manifest per
 * (tree, checkout) lists the files the last build read; their hash names the built folder,
 * which is used only when its binary's checksum and a self-test pass. Otherwise the recipe
 * compiles into a fresh work folder that is renamed into place. build.ts (the maple-tree
 * runner) and explore/build-explore.ts still carry their own copies of this logic; they can
 * move here. The VMA runner builds through it.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cacheRoot, hashInputs, readJson, sha256 } from "./build.js";
import { KernelBuildError } from "./kernel-build-error.js";
import { checkToolchain } from "./toolchain.js";

export interface CachedBuildRecipe {
  /** Folder names under the cache: `${kind}-trees` (manifests), `${kind}-runners` (builds). */
  kind: string;
  /** What names the manifest: the tree, the checkout's native folder, ... */
  manifestKey: string;
  /** Hashed with the inputs: flags, versions, a recipe number. */
  recipe: string;
  binaryName: string;
  /** Compiles into `work` (which has `work/binaryName` afterwards); returns the files read. */
  compile(work: string): string[];
  selfTest(binary: string): boolean;
  /** The progress line before compiling. */
  announce: string;
}

export interface CachedBuild {
  binary: string;
  hash: string;
  /** Whether this call compiled it (false: taken from the cache). */
  built: boolean;
}

interface Manifest {
  inputs: string[];
  hash: string;
}

export function cachedBuild(r: CachedBuildRecipe, log?: (line: string) => void): CachedBuild {
  const manifestFile = join(
    cacheRoot(),
    `${r.kind}-trees`,
    `${sha256(r.manifestKey).slice(0, 20)}.json`,
  );
  const manifest = readJson<Manifest>(manifestFile);
  if (manifest !== undefined && Array.isArray(manifest.inputs)) {
    const hash = hashInputs(r.recipe, manifest.inputs);
    if (hash !== undefined && hash === manifest.hash) {
      const binary = installed(r, hash);
      if (binary !== undefined) return { binary, hash, built: false };
    }
  }
  checkToolchain();
  log?.(r.announce);
  const runnersDir = join(cacheRoot(), `${r.kind}-runners`);
  const work = join(runnersDir, `.build-${process.pid}-${randomBytes(4).toString("hex")}`);
  mkdirSync(work, { recursive: true });
  try {
    const inputs = [...new Set(r.compile(work))].sort();
    const hash = hashInputs(r.recipe, inputs);
    if (hash === undefined) throw new KernelBuildError("a source file vanished during the build");
    const stamp = { binarySha256: sha256(readFileSync(join(work, r.binaryName))) };
    writeFileSync(join(work, "stamp.json"), JSON.stringify(stamp));
    const dir = join(runnersDir, hash);
    // Another process may have built the same hash meanwhile: keep a whole one.
    if (readJson(join(dir, "stamp.json")) === undefined) {
      rmSync(dir, { recursive: true, force: true });
      try {
        renameSync(work, dir);
      } catch (e) {
        if (readJson(join(dir, "stamp.json")) === undefined) throw e;
      }
    }
    const binary = installed(r, hash);
    if (binary === undefined)
      throw new KernelBuildError(`the ${r.binaryName} just built fails its self-test`);
    mkdirSync(join(cacheRoot(), `${r.kind}-trees`), { recursive: true });
    writeFileSync(manifestFile, JSON.stringify({ inputs, hash } satisfies Manifest));
    return { binary, hash, built: true };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The binary in the cache under @hash, if it is whole and passes its self-test. */
function installed(r: CachedBuildRecipe, hash: string): string | undefined {
  const dir = join(cacheRoot(), `${r.kind}-runners`, hash);
  const binary = join(dir, r.binaryName);
  const stamp = readJson<{ binarySha256: string }>(join(dir, "stamp.json"));
  if (stamp === undefined || !existsSync(binary)) return undefined;
  if (sha256(readFileSync(binary)) !== stamp.binarySha256 || !r.selfTest(binary)) return undefined;
  return binary;
}
