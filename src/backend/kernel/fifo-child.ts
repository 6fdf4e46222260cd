/**
 * A child process whose stdin and stdout are FIFOs opened as blocking file descriptors, so the
 * checker can talk to it synchronously (Node's child streams are asynchronous). Its stderr
 * goes to a file, read when it explains a crash.
 */
import { spawn, spawnSync } from "node:child_process";
import { closeSync, constants, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export class FifoChild {
  readonly toChild: number;
  readonly fromChild: number;
  private readonly dir: string;
  private readonly stderrFile: string;
  private readonly child: ReturnType<typeof spawn>;
  private open = true;

  constructor(binary: string, args: readonly string[], env?: NodeJS.ProcessEnv) {
    this.dir = mkdtempSync(join(tmpdir(), "maple-check-fifo-"));
    const inPath = join(this.dir, "in");
    const outPath = join(this.dir, "out");
    const r = spawnSync("mkfifo", [inPath, outPath]);
    if (r.status !== 0) throw new Error(`mkfifo ${inPath} ${outPath} failed`);
    // Each FIFO is first opened non-blocking for reading, so that opening it for writing
    // does not wait; then blocking ends are opened and the non-blocking one closed.
    const inProbe = openSync(inPath, constants.O_RDONLY | constants.O_NONBLOCK);
    this.toChild = openSync(inPath, constants.O_WRONLY);
    const childIn = openSync(inPath, constants.O_RDONLY);
    closeSync(inProbe);
    const outProbe = openSync(outPath, constants.O_RDONLY | constants.O_NONBLOCK);
    const childOut = openSync(outPath, constants.O_WRONLY);
    this.fromChild = openSync(outPath, constants.O_RDONLY);
    closeSync(outProbe);
    this.stderrFile = join(this.dir, "stderr");
    const childErr = openSync(this.stderrFile, "w");
    this.child = spawn(binary, [...args], {
      stdio: [childIn, childOut, childErr],
      ...(env !== undefined && { env }),
    });
    this.child.unref();
    closeSync(childIn);
    closeSync(childOut);
    closeSync(childErr);
  }

  /** What the child wrote on stderr so far. */
  stderr(): string {
    try {
      return readFileSync(this.stderrFile, "utf8");
    } catch {
      return "";
    }
  }

  /** Closes both ends (the child ends on end of input); a child still running is killed. */
  close(): void {
    if (!this.open) return;
    this.open = false;
    try {
      closeSync(this.toChild);
    } catch {}
    try {
      closeSync(this.fromChild);
    } catch {}
    if (this.child.exitCode === null) this.child.kill("SIGKILL");
    rmSync(this.dir, { recursive: true, force: true });
  }
}
