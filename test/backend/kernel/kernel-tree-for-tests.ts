/**
 * The kernel tree the kernel-backend tests run on: $MAPLE_CHECK_TEST_KERNEL (6.12) or
 * $MAPLE_CHECK_TEST_KERNEL_6_1, else the tree scripts/kernel-source.sh extracts. (Not the
 * user's MAPLE_CHECK_KERNEL: test/setup-env.ts clears it so the other suites stay on the
 * TypeScript tree.) Without one the
 * suites skip, and say so in one line: they never pass silently.
 */
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export function kernelTreeForTests(version: "6.12" | "6.1"): string | undefined {
  const env =
    version === "6.12"
      ? process.env.MAPLE_CHECK_TEST_KERNEL
      : process.env.MAPLE_CHECK_TEST_KERNEL_6_1;
  const src =
    process.env.MAPLE_CHECK_KERNEL_SRC ??
    join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "maple-check/src");
  const dir = env || join(src, `linux-source-${version}`);
  if (existsSync(join(dir, "lib/maple_tree.c"))) return dir;
  console.warn(
    `SKIPPED kernel-backend tests on linux ${version}: no kernel tree at ${dir} (run: bash scripts/kernel-source.sh ${version}, or set ${version === "6.12" ? "MAPLE_CHECK_TEST_KERNEL" : "MAPLE_CHECK_TEST_KERNEL_6_1"})`,
  );
  return undefined;
}
