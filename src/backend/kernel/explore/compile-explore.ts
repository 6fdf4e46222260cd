/**
 * The explore runner's recipe: compiles native/explore against a kernel tree into a build
 * folder and links maple-explore-runner there. Only the translation unit holding
 * lib/maple_tree.c is built with -fsanitize=thread; its __tsan_* hooks, the arena allocator,
 * RCU and the word-by-word mem* are the project's own runtime (libtsan is not linked). After
 * compiling, objcopy renames the object's memcpy/memset/memmove calls to the runtime's, so
 * the calls gcc makes up for struct copies are caught too. PCs become function:line
 * in-process with gcc's own libbacktrace.a (shipped with gcc), when the compiler has one.
 * native/explore/build-dev.sh does the same by hand: keep the two in step.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../../../package-root.js";
import { compile, includeFlags, writeGenerated } from "../build.js";
import { parseDepfile } from "../depfile.js";
import { KernelBuildError } from "../kernel-build-error.js";
import type { KernelTree } from "../kernel-tree.js";
import { cc } from "../toolchain.js";

/**
 * The kernel TU: a tsan hook before every access (volatile ones told apart, for
 * READ_ONCE/WRITE_ONCE), none per function; no inline string operations, so that every
 * mem* stays a call the rename catches; no sibling calls, so that a hook's return address
 * names the kernel function that called it.
 */
export const KERNEL_CFLAGS = [
  "-g",
  "-O2",
  "-fno-omit-frame-pointer",
  "-fno-optimize-sibling-calls",
  "-fsanitize=thread",
  "--param=tsan-distinguish-volatile=1",
  "--param=tsan-instrument-func-entry-exit=0",
  "-fno-builtin-memcpy",
  "-fno-builtin-memset",
  "-fno-builtin-memmove",
  "-mstringop-strategy=libcall",
  "-Wall",
  "-Wextra",
];
/** The runtime's own files. */
export const RUNTIME_CFLAGS = ["-g", "-O2", "-fno-omit-frame-pointer", "-Wall", "-Wextra"];
/** Not PIE: callback pointers and PCs in the log are the same on every run. */
export const LDFLAGS = ["-no-pie"];
const REDIRECT = ["memcpy", "memset", "memmove"].flatMap((f) => ["--redefine-sym", `${f}=mx_${f}`]);
const OBJCOPY = process.env.OBJCOPY ?? "objcopy";

export const BINARY = "maple-explore-runner";
export const KERNEL_OBJECT = "kernel-tu.o";

export interface CompiledRunner {
  /** Every file the compiler read (the build folder's own headers excepted). */
  inputs: string[];
  symbolizer: "libbacktrace" | "none";
}

/** Builds work/maple-explore-runner and work/kernel-tu.o. */
export function compileExploreRunner(kernel: KernelTree, work: string): CompiledRunner {
  writeGenerated(kernel, work);
  const include = includeFlags(kernel, work);
  const nativeDir = join(packageRoot(), "native/explore");
  const bt = libbacktrace();
  const inputs = new Set<string>();
  // The headers written into the build folder move with it: their sources are the inputs.
  const autoconf = join(kernel.sharedDir, "autoconf.h");
  if (existsSync(autoconf)) inputs.add(autoconf);
  if (bt !== undefined) inputs.add(bt);
  /** Compiles native/explore/@src to work/@obj; returns its path. */
  const cc = (args: string[], src: string, obj: string, what: string): string => {
    const out = join(work, obj);
    const dep = out.replace(/\.o$/, ".d");
    compile([...args, "-MMD", "-MF", dep, "-c", join(nativeDir, src), "-o", out], what);
    for (const p of parseDepfile(readFileSync(dep, "utf8"))) if (!p.startsWith(work)) inputs.add(p);
    return out;
  };

  const raw = cc(
    [...KERNEL_CFLAGS, ...include, `-DMAPLE_TREE_C="${kernel.mapleTreeFile}"`],
    "kernel-tu.c",
    "kernel-tu.raw.o",
    kernel.mapleTreeFile,
  );
  const kernelObject = join(work, KERNEL_OBJECT);
  objcopy([...REDIRECT, raw, kernelObject]);
  const objects = [kernelObject];
  const defines = bt === undefined ? ["-DMX_NO_LIBBACKTRACE"] : [];
  for (const f of readdirSync(nativeDir).sort())
    if (f.endsWith(".c") && f !== "kernel-tu.c")
      objects.push(
        cc([...RUNTIME_CFLAGS, ...defines], f, f.replace(/\.c$/, ".o"), `native/explore/${f}`),
      );
  compile(
    [
      ...LDFLAGS,
      ...objects,
      ...(bt === undefined ? [] : [bt]),
      "-lpthread",
      "-o",
      join(work, BINARY),
    ],
    "the explore runner (link)",
  );
  return { inputs: [...inputs].sort(), symbolizer: bt === undefined ? "none" : "libbacktrace" };
}

/** gcc's own libbacktrace.a, when this gcc ships one (Debian's libgcc-N-dev does). */
function libbacktrace(): string | undefined {
  const r = spawnSync(cc(), ["-print-file-name=libbacktrace.a"], { encoding: "utf8" });
  const path = r.status === 0 ? r.stdout.trim() : "";
  return path.startsWith("/") && existsSync(path) ? path : undefined;
}

function objcopy(args: string[]): void {
  const r = spawnSync(OBJCOPY, args, { encoding: "utf8" });
  if (r.error !== undefined)
    throw new KernelBuildError(`${OBJCOPY}: ${r.error.message} (apt-get install binutils)`);
  if (r.status !== 0)
    throw new KernelBuildError(
      `${OBJCOPY} fails: ${r.stderr.split("\n")[0] || `exit ${r.status}`}`,
    );
}
