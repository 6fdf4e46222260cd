/**
 * Builds the kernel runner (native/runner: the kernel's lib/maple_tree.c behind the trace
 * protocol) from a user's Linux tree, with the tree's own userspace harness and its
 * sanitizers, and caches it under a hash of every file the compiler read. The next call
 * re-hashes those files: an edit to maple_tree.c or any header it includes gives a new hash,
 * hence a rebuild. A cached runner is never trusted blindly: its checksum and a one-line
 * self-test must pass, or it is rebuilt.
 */

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../../package-root.js";
import { cachedBuild } from "./cached-build.js";
import { parseDepfile } from "./depfile.js";
import { KernelBuildError } from "./kernel-build-error.js";
import { type KernelTree, openKernelTree } from "./kernel-tree.js";
import { cc } from "./toolchain.js";

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
const BINARY = "maple-runner";

export function buildKernelRunner(kernelDir: string, options: BuildOptions = {}): RunnerBuild {
  const kernel = openKernelTree(kernelDir, options.mapleTreeFile);
  // One manifest per kernel tree, maple_tree.c and maple-check checkout (each has its runner).
  const r = cachedBuild(
    {
      kind: "tree",
      manifestKey: `${kernel.dir}\0${kernel.mapleTreeFile}\0${packageRoot()}`,
      recipe: `${RECIPE}\0${CFLAGS.join(" ")}\0${kernel.version}\0${kernel.mapleTreeFile}\0`,
      binaryName: BINARY,
      compile: (work) => compileRunner(kernel, work),
      selfTest,
      announce: `building the kernel runner from ${kernel.mapleTreeFile} (linux ${kernel.version}); cached afterwards`,
    },
    options.log,
  );
  return { binary: r.binary, kernelVersion: kernel.version, kernel, hash: r.hash, built: r.built };
}

/** Compiles native/runner and the harness's linux.c into `work`; returns the files gcc read. */
function compileRunner(kernel: KernelTree, work: string): string[] {
  mkdirSync(join(work, "gen/generated"), { recursive: true });
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
    for (const p of parseDepfile(readFileSync(dep, "utf8"))) if (!p.startsWith(work)) inputs.add(p);
    objects.push(obj);
  }
  compile([...SANITIZE, ...objects, ...LIBS, "-o", join(work, BINARY)], "the runner (link)");
  const autoconf = join(kernel.sharedDir, "autoconf.h");
  if (existsSync(autoconf)) inputs.add(autoconf);
  return [...inputs];
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

function selfTest(binary: string): boolean {
  const r = spawnSync(binary, [], { input: "version\n", encoding: "utf8", timeout: 20_000 });
  return r.status === 0 && r.stdout.startsWith("linux-");
}

export { cacheRoot, readJson } from "./cached-build.js";
