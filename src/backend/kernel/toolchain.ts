/**
 * What building the runner needs besides the kernel tree: gcc and liburcu (the harness's RCU).
 * Checked only when a build is due, so a cached runner starts without them.
 */
import { spawnSync } from "node:child_process";
import { KernelBuildError } from "./kernel-build-error.js";

/** The C compiler: $CC, else gcc (read on each use, so a test or a caller may set it). */
export function cc(): string {
  return process.env.CC || "gcc";
}

export function checkToolchain(): void {
  const CC = cc();
  const version = spawnSync(CC, ["--version"], { encoding: "utf8" });
  if (version.error !== undefined || version.status !== 0)
    throw new KernelBuildError(
      `the kernel backend needs a C compiler: ${CC} not found (apt-get install build-essential)`,
    );
  const urcu = spawnSync(CC, ["-E", "-x", "c", "-"], {
    input: "#include <urcu.h>\n",
    encoding: "utf8",
  });
  if (urcu.status !== 0)
    throw new KernelBuildError(
      "the kernel backend needs liburcu, the kernel harness's RCU: urcu.h not found (apt-get install liburcu-dev)",
    );
}
