/**
 * `--kernel DIR` (or MAPLE_CHECK_KERNEL=DIR): the kernel's C tree as the backend. The runner
 * is built (or taken from the cache) before anything runs, so a tree that is not a kernel
 * tree, a maple_tree.c that does not compile or a missing compiler is one line and exit 4.
 */
import type { Command } from "commander";
import { buildKernelRunner, type RunnerBuild } from "../backend/kernel/build.js";
import { KernelBackend } from "../backend/kernel/kernel-backend.js";
import { KernelBuildError } from "../backend/kernel/kernel-build-error.js";
import { ExitCode, HarnessError } from "./exit-codes.js";

export const KERNEL_ENV = "MAPLE_CHECK_KERNEL";

export function addKernelOption(command: Command): Command {
  return command.option(
    "--kernel <dir>",
    `check the kernel's own lib/maple_tree.c from this Linux source tree (default: $${KERNEL_ENV})`,
  );
}

/** The kernel tree named by --kernel or the environment, or undefined for the TypeScript tree. */
export function kernelDir(flag: string | undefined): string | undefined {
  if (flag !== undefined) return flag;
  const env = process.env[KERNEL_ENV];
  return env !== undefined && env !== "" ? env : undefined;
}

export function buildRunner(dir: string, mapleTreeFile?: string): RunnerBuild {
  try {
    return buildKernelRunner(dir, {
      ...(mapleTreeFile !== undefined && { mapleTreeFile }),
      log: (line) => process.stderr.write(`maple-check: ${line}\n`),
    });
  } catch (e) {
    if (e instanceof KernelBuildError) throw new HarnessError(e.message, ExitCode.usage);
    throw e;
  }
}

/** The kernel backend for --kernel, or undefined without it. */
export function kernelBackend(flag: string | undefined): KernelBackend | undefined {
  const dir = kernelDir(flag);
  return dir === undefined ? undefined : new KernelBackend(buildRunner(dir));
}
