/**
 * Builds the kernel runner (native/runner: the kernel's lib/maple_tree.c behind the trace
 * protocol) from a user's Linux tree, with the tree's own userspace harness and its
 * sanitizers, and caches it under a hash of every file the compiler read. The next call
 * re-hashes those files: an edit to maple_tree.c or any header it includes gives a new hash,
 * hence a rebuild. A cached runner is never trusted blindly: its checksum and a one-line
 * self-test must pass, or it is rebuilt.
 */

import { spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { packageRoot } from "../../package-root.js";
import { parseDepfile } from "./depfile.js";
import { KernelBuildError } from "./kernel-build-error.js";
import { type KernelTree, openKernelTree } from "./kernel-tree.js";
import { cc, checkToolchain } from "./toolchain.js";

export interface RunnerBuild {
  binary: string;
  kernelVersion: string;
  kernel: KernelTree;
  /** The hash of every input: names the build in the cache. */
  hash: string;
  /** Whether this call compiled it (false: taken from the cache). */
  built: boolean;
}

export interface BuildOptions {
  /** Build this file instead of DIR/lib/maple_tree.c (a patched copy). */
  mapleTreeFile?: string;
  /** Progress lines ("building ..."), e.g. to stderr. */
  log?: (line: string) => void;
}

/** Sanitizers of a checking build: an out-of-bounds node access is a finding, not noise. */
const SANITIZE = ["-fsanitize=address", "-fsanitize=undefined", "-fno-sanitize-recover=all"];
const CFLAGS = ["-g", "-O1", "-Wall", "-D_LGPL_SOURCE", "-fno-omit-frame-pointer", ...SANITIZE];
const LIBS = ["-lpthread", "-lurcu"];
/** Bumped when the recipe below changes in a way the inputs' hash cannot see. */
const RECIPE = "runner-recipe-1";

export function cacheRoot(): string {
  if (process.env.MAPLE_CHECK_CACHE) return process.env.MAPLE_CHECK_CACHE;
  const xdg = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(xdg, "maple-check");
}

export function buildKernelRunner(kernelDir: string, options: BuildOptions = {}): RunnerBuild {
  const kernel = openKernelTree(kernelDir, options.mapleTreeFile);
  const root = cacheRoot();
  // One manifest per kernel tree, maple_tree.c and maple-check checkout (each has its runner).
  const key = `${kernel.dir}\0${kernel.mapleTreeFile}\0${packageRoot()}`;
  const manifestFile = join(root, "trees", `${sha256(key).slice(0, 20)}.json`);
  const cached = fromCache(kernel, manifestFile);
  if (cached !== undefined) return cached;
  checkToolchain();
  options.log?.(
    `building the kernel runner from ${kernel.mapleTreeFile} (linux ${kernel.version}); cached afterwards`,
  );
  return build(kernel, root, manifestFile);
}

interface Manifest {
  inputs: string[];
  hash: string;
}

interface Stamp {
  binarySha256: string;
  kernelVersion: string;
}

function fromCache(kernel: KernelTree, manifestFile: string): RunnerBuild | undefined {
  const manifest = readJson<Manifest>(manifestFile);
  if (manifest === undefined || !Array.isArray(manifest.inputs)) return undefined;
  const hash = inputsHash(kernel, manifest.inputs);
  if (hash === undefined || hash !== manifest.hash) return undefined;
  const dir = join(cacheRoot(), "runners", hash);
  const binary = join(dir, "maple-runner");
  const stamp = readJson<Stamp>(join(dir, "stamp.json"));
  if (stamp === undefined || !existsSync(binary)) return undefined;
  if (sha256(readFileSync(binary)) !== stamp.binarySha256) return undefined;
  if (!selfTest(binary)) return undefined;
  return { binary, kernelVersion: stamp.kernelVersion, kernel, hash, built: false };
}

function build(kernel: KernelTree, root: string, manifestFile: string): RunnerBuild {
  const runnersDir = join(root, "runners");
  const work = join(runnersDir, `.build-${process.pid}-${randomBytes(4).toString("hex")}`);
  mkdirSync(join(work, "gen/generated"), { recursive: true });
  try {
    writeGenerated(kernel, work);
    const include = includeFlags(kernel, work);
    const defines = [
      `-DMAPLE_TREE_C="${kernel.mapleTreeFile}"`,
      `-DMC_KERNEL_VERSION="${kernel.version}"`,
      `-DMC_KERNEL_MAJOR=${kernel.major}`,
      `-DMC_KERNEL_MINOR=${kernel.minor}`,
    ];
    const nativeDir = join(packageRoot(), "native/runner");
    const sources = readdirSync(nativeDir)
      .filter((f) => f.endsWith(".c"))
      .sort()
      .map((f) => join(nativeDir, f));
    sources.push(join(kernel.sharedDir, "linux.c"));
    const objects: string[] = [];
    const inputs = new Set<string>();
    for (const [i, src] of sources.entries()) {
      const obj = join(work, `${i}.o`);
      const dep = join(work, `${i}.d`);
      compile([...CFLAGS, ...include, ...defines, "-MMD", "-MF", dep, "-c", src, "-o", obj], src);
      // The headers generated into the build folder are not inputs (the folder goes away):
      // their contents are the recipe's, and autoconf.h's source is added below.
      for (const p of parseDepfile(readFileSync(dep, "utf8")))
        if (!p.startsWith(work)) inputs.add(p);
      objects.push(obj);
    }
    const binaryTmp = join(work, "maple-runner");
    compile([...SANITIZE, ...objects, ...LIBS, "-o", binaryTmp], "the runner (link)");
    const autoconf = join(kernel.sharedDir, "autoconf.h");
    if (existsSync(autoconf)) inputs.add(autoconf);
    const inputList = [...inputs].sort();
    const hash = inputsHash(kernel, inputList);
    if (hash === undefined) throw new KernelBuildError("a source file vanished during the build");
    const stamp: Stamp = {
      binarySha256: sha256(readFileSync(binaryTmp)),
      kernelVersion: kernel.version,
    };
    writeFileSync(join(work, "stamp.json"), JSON.stringify(stamp));
    const dir = join(runnersDir, hash);
    rmSync(dir, { recursive: true, force: true });
    renameSync(work, dir);
    const binary = join(dir, "maple-runner");
    if (!selfTest(binary))
      throw new KernelBuildError(
        `the runner built from ${kernel.dir} fails its self-test (\`version\`)`,
      );
    mkdirSync(join(root, "trees"), { recursive: true });
    writeFileSync(manifestFile, JSON.stringify({ inputs: inputList, hash } satisfies Manifest));
    return { binary, kernelVersion: kernel.version, kernel, hash, built: true };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The include path of a build in `work`: the generated headers first, then the harness's shim
 * headers (they wrap the kernel's own), the tools' headers and lib/.
 */
export function includeFlags(kernel: KernelTree, work: string): string[] {
  return [
    `-I${join(work, "gen")}`,
    `-I${join(work, "gen/generated")}`,
    `-I${kernel.sharedDir}`,
    `-I${kernel.harnessDir}`,
    `-I${join(kernel.dir, "tools/include")}`,
    `-I${join(kernel.dir, "lib")}`,
  ];
}

/** The headers the harness's Makefile generates, written into the build folder instead. */
export function writeGenerated(kernel: KernelTree, work: string): void {
  const gen = join(work, "gen/generated");
  writeFileSync(join(gen, "map-shift.h"), "#define XA_CHUNK_SHIFT 3\n");
  writeFileSync(join(gen, "bit-length.h"), "#define CONFIG_64BIT 1\n");
  const autoconf = join(kernel.sharedDir, "autoconf.h");
  if (existsSync(autoconf)) writeFileSync(join(gen, "autoconf.h"), readFileSync(autoconf));
}

export function compile(args: string[], what: string): void {
  const r = spawnSync(cc(), args, { encoding: "utf8", maxBuffer: 64 << 20 });
  if (r.error !== undefined) throw new KernelBuildError(`${cc()}: ${r.error.message}`);
  if (r.status === 0) return;
  const first =
    r.stderr
      .split("\n")
      .find((l) => / (fatal )?error: /.test(l) || /undefined reference/.test(l)) ??
    r.stderr.split("\n").find((l) => l.trim() !== "") ??
    `exit ${r.status}`;
  throw new KernelBuildError(`${what} does not compile: ${first.trim()}`);
}

function inputsHash(kernel: KernelTree, inputs: readonly string[]): string | undefined {
  return hashInputs(
    `${RECIPE}\0${CFLAGS.join(" ")}\0${kernel.version}\0${kernel.mapleTreeFile}\0`,
    inputs,
  );
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

function selfTest(binary: string): boolean {
  const r = spawnSync(binary, [], { input: "version\n", encoding: "utf8", timeout: 20_000 });
  return r.status === 0 && r.stdout.startsWith("linux-");
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
