/**
 * Running the kernel runner binary (the kernel's lib/maple_tree.c behind the trace protocol)
 * on a whole trace: one process per trace, the trace as its stdin, one result line per
 * operation on its stdout. When the kernel code crashes the runner prints `crash` and exits
 * non-zero. The output is what it printed, whatever its exit status (a runner that dies
 * without `crash` shows as output that ends early; one that fails after its last line is
 * only counted); a runner that runs past the time limit is killed and gets a `hang` line, as
 * the TypeScript side.
 */
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
import { runnerEnv } from "../backend/kernel/runner-process.js";
import { HarnessError } from "../cli/exit-codes.js";

/** The line after the last result when a side ran past the time limit. */
export function hangLine(timeoutMs: number): string {
  return `hang (no result within ${timeoutMs / 1000}s)\n`;
}

export class KernelRunner {
  private readonly dir: string;
  private readonly file: string;
  /** Runs that exited non-zero without a `crash` line. */
  quietFailures = 0;

  constructor(
    readonly binary: string,
    private readonly timeoutMs: number,
  ) {
    try {
      accessSync(binary, constants.X_OK);
    } catch {
      throw new HarnessError(`the kernel runner '${binary}' is not an executable file`);
    }
    this.dir = mkdtempSync(join(tmpdir(), "maple-check-diff-"));
    this.file = join(this.dir, "trace.txt");
  }

  /**
   * The runner's stdout for `trace`. The trace goes through a file, not a pipe: the runner
   * stops reading when it crashes, and a pipe would then fail with EPIPE.
   */
  run(trace: string, guard: boolean): string {
    const r = this.spawn(trace, guard);
    if (r.timedOut) return r.out + hangLine(this.timeoutMs);
    if (r.status !== 0 && !r.out.endsWith("crash\n")) this.quietFailures++;
    return r.out;
  }

  private spawn(
    trace: string,
    guard: boolean,
  ): { out: string; status: number | null; timedOut: boolean } {
    writeFileSync(this.file, trace);
    const fd = openSync(this.file, "r");
    try {
      const r = spawnSync(this.binary, guard ? ["--guard"] : [], {
        encoding: "utf8",
        maxBuffer: 1 << 30,
        stdio: [fd, "pipe", "ignore"],
        timeout: this.timeoutMs,
        killSignal: "SIGKILL",
        env: runnerEnv(),
      });
      const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === "ETIMEDOUT";
      if (r.error && !timedOut)
        throw new HarnessError(`cannot run the kernel runner '${this.binary}': ${r.error.message}`);
      // A line cut short by the process's end is no result.
      return { out: r.stdout.slice(0, r.stdout.lastIndexOf("\n") + 1), status: r.status, timedOut };
    } finally {
      closeSync(fd);
    }
  }

  /**
   * The runner's `version` line, which also proves that it speaks the protocol: one line, exit
   * status 0. Anything else is a harness error.
   */
  version(): string {
    const r = this.spawn("version\n", false);
    const lines = r.out.split("\n");
    if (
      r.status !== 0 ||
      lines.length !== 2 ||
      lines[0] === "" ||
      /^(crash|err )/.test(lines[0] as string)
    )
      throw new HarnessError(
        `the kernel runner '${this.binary}' does not speak the trace protocol (\`version\` printed ${JSON.stringify(r.out.slice(0, 80))}, exit status ${r.status})`,
      );
    return lines[0] as string;
  }

  close(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
