/**
 * The cache every kernel-tree build shares, as a function of its recipe: a manifest per
 * (tree, checkout) lists the files the last build read; their hash names the built folder,
 * which is used only when its binary's checksum and a self-test pass. Otherwise the recipe
 * compiles into a fresh work folder that is renamed into place. The tree runner (build.ts),
 * the explore runner (explore/build-explore.ts) and the VMA runner (vma/) build through it.
 */
import { spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { KernelBuildError } from "./kernel-build-error.js";
import { cc, checkToolchain } from "./toolchain.js";

export interface CachedBuildRecipe {
  /** Folder names under the cache: `${kind}-trees` (manifests), `${kind}-runners` (builds). */
  kind: string;
  /** What names the manifest: the tree, the checkout's native folder, ... */
  manifestKey: string;
  /** Hashed with the inputs: flags, versions, a recipe number. */
  recipe: string;
  binaryName: string;
  /** Other files of the build folder a cached build must still have. */
  requiredFiles?: readonly string[];
  /**
   * Compiles into `work` (which has `work/binaryName` afterwards); returns the files read, and
   * facts of the build to keep beside it (they come back with a cached build).
   */
  compile(work: string): string[] | { inputs: string[]; facts: Record<string, string> };
  selfTest(binary: string): boolean;
  /** The progress line before compiling. */
  announce: string;
}

export interface CachedBuild {
  binary: string;
  /** The build's folder in the cache (the binary and the requiredFiles are there). */
  dir: string;
  /** What compile() returned beside the inputs. */
  facts: Record<string, string>;
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
      const cached = installed(r, hash);
      if (cached !== undefined) return { ...cached, hash, built: false };
    }
  }
  checkToolchain();
  log?.(r.announce);
  const runnersDir = join(cacheRoot(), `${r.kind}-runners`);
  const work = join(runnersDir, `.build-${process.pid}-${randomBytes(4).toString("hex")}`);
  mkdirSync(work, { recursive: true });
  try {
    const compiled = r.compile(work);
    const { inputs: read, facts } = Array.isArray(compiled)
      ? { inputs: compiled, facts: {} }
      : compiled;
    const inputs = [...new Set(read)].sort();
    const hash = hashInputs(r.recipe, inputs);
    if (hash === undefined) throw new KernelBuildError("a source file vanished during the build");
    const stamp: Stamp = { binarySha256: sha256(readFileSync(join(work, r.binaryName))), facts };
    writeFileSync(join(work, "stamp.json"), JSON.stringify(stamp));
    const dir = join(runnersDir, hash);
    // Another process may have built the same hash meanwhile: keep it if it is whole and
    // passes its self-test; a damaged one is replaced. Each candidate is self-tested once.
    let built = installed(r, hash);
    if (built === undefined) {
      rmSync(dir, { recursive: true, force: true });
      try {
        renameSync(work, dir);
      } catch (e) {
        if (readJson(join(dir, "stamp.json")) === undefined) throw e;
      }
      built = installed(r, hash);
    }
    if (built === undefined)
      throw new KernelBuildError(`the ${r.binaryName} just built fails its self-test`);
    mkdirSync(join(cacheRoot(), `${r.kind}-trees`), { recursive: true });
    writeFileSync(manifestFile, JSON.stringify({ inputs, hash } satisfies Manifest));
    return { ...built, hash, built: true };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

interface Stamp {
  binarySha256: string;
  facts: Record<string, string>;
}

/** The build in the cache under @hash, if it is whole and its binary passes its self-test. */
function installed(
  r: CachedBuildRecipe,
  hash: string,
): Pick<CachedBuild, "binary" | "dir" | "facts"> | undefined {
  const dir = join(cacheRoot(), `${r.kind}-runners`, hash);
  const binary = join(dir, r.binaryName);
  const stamp = readJson<Stamp>(join(dir, "stamp.json"));
  if (stamp === undefined || !existsSync(binary)) return undefined;
  if ((r.requiredFiles ?? []).some((f) => !existsSync(join(dir, f)))) return undefined;
  if (sha256(readFileSync(binary)) !== stamp.binarySha256 || !r.selfTest(binary)) return undefined;
  return { binary, dir, facts: stamp.facts ?? {} };
}

export function cacheRoot(): string {
  if (process.env.MAPLE_CHECK_CACHE) return process.env.MAPLE_CHECK_CACHE;
  const xdg = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(xdg, "maple-check");
}

/**
 * sha256 over a build's recipe (flags, versions), the compiler's version and every input's
 * path and contents; undefined when an input is gone.
 */
export function hashInputs(recipe: string, inputs: readonly string[]): string | undefined {
  const h = createHash("sha256");
  h.update(recipe);
  h.update(compilerVersion());
  for (const p of inputs) {
    if (!existsSync(p)) return undefined;
    h.update(`${p}\0`);
    h.update(readFileSync(p));
  }
  return h.digest("hex").slice(0, 32);
}

let ccVersion: string | undefined;
export function compilerVersion(): string {
  if (ccVersion === undefined) {
    const r = spawnSync(cc(), ["--version"], { encoding: "utf8" });
    ccVersion = r.status === 0 ? r.stdout : "no-compiler";
  }
  return ccVersion;
}

export function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}

export function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}
