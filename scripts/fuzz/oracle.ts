/** Running the kernel oracle binary on a trace. */
import { spawnSync } from "node:child_process";
import {
  accessSync,
  closeSync,
  constants,
  mkdtempSync,
  openSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const DEFAULT_ORACLE = "/tmp/maple-oracle/maple-oracle";

/** The oracle's path: --oracle, then $MAPLE_ORACLE, then the build script's default. */
export function oraclePath(option: string | undefined): string {
  return option ?? process.env.MAPLE_ORACLE ?? DEFAULT_ORACLE;
}

/** Null when the oracle can be run, else a message that says how to build it. */
export function oracleProblem(path: string): string | null {
  try {
    accessSync(path, constants.X_OK);
    return null;
  } catch {
    return (
      `kernel oracle not found at ${path}. Build it from the project root with\n` +
      "  bash ../shared/oracle/build.sh\n" +
      "or point --oracle / $MAPLE_ORACLE at an existing maple-oracle binary."
    );
  }
}

export interface OracleRun {
  output: string;
  /** The process exit status (non-zero after a `crash` line), or null when killed. */
  status: number | null;
}

/**
 * Runs the oracle with the trace as its stdin. The trace goes through a file, not a pipe: the
 * oracle stops reading when it crashes, and a pipe would then fail with EPIPE.
 */
export function runOracle(path: string, trace: string, guard: boolean): OracleRun {
  const dir = mkdtempSync(join(tmpdir(), "maple-fuzz-"));
  const file = join(dir, "trace.txt");
  writeFileSync(file, trace);
  const fd = openSync(file, "r");
  try {
    const r = spawnSync(path, guard ? ["--guard"] : [], {
      encoding: "utf8",
      maxBuffer: 1 << 30,
      stdio: [fd, "pipe", "ignore"],
    });
    if (r.error) throw r.error;
    return { output: r.stdout, status: r.status };
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
}
