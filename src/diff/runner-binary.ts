/**
 * Where the kernel runner comes from: $MAPLE_CHECK_RUNNER names a runner binary to use as is
 * (one built by hand, or any program that speaks the trace protocol); otherwise it is built
 * from the Linux source tree of --kernel DIR (else $MAPLE_CHECK_KERNEL) and cached
 * (buildKernelRunner). No kernel, or a build that fails, is one line and exit 4.
 */
import { HarnessError } from "../cli/exit-codes.js";
import { buildRunner, KERNEL_ENV, kernelDir } from "../cli/kernel-option.js";

export const RUNNER_ENV = "MAPLE_CHECK_RUNNER";

export interface RunnerSource {
  binary: string;
  /** The Linux tree it was built from; undefined when $MAPLE_CHECK_RUNNER named it. */
  kernelDir?: string;
}

export function resolveRunner(kernelOption: string | undefined): RunnerSource {
  const override = process.env[RUNNER_ENV];
  if (override !== undefined && override !== "") return { binary: override };
  const dir = kernelDir(kernelOption);
  if (dir === undefined)
    throw new HarnessError(
      `no kernel: pass --kernel DIR (a Linux source tree) or set ${KERNEL_ENV}=DIR (or ${RUNNER_ENV}=BINARY, a runner already built)`,
    );
  return { binary: buildRunner(dir).binary, kernelDir: dir };
}
