/**
 * One maple-explore-runner process driven synchronously, line by line: the explorer sends a
 * command, then reads the runner's lines one at a time and answers its questions (`?r`,
 * `?j`) as they come. Node's child streams are asynchronous, so both directions go through
 * FIFOs opened as blocking file descriptors (as runner-process.ts does for the sequential
 * runner).
 */
import { spawn, spawnSync } from "node:child_process";
import {
  appendFileSync,
  closeSync,
  constants,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export class ExploreRunnerError extends Error {
  constructor(message: string) {
    super(`maple-explore-runner: ${message}`);
    this.name = "ExploreRunnerError";
  }
}

const READ_CHUNK = 1 << 16;
/** MAPLE_CHECK_EXPLORE_PROTOCOL=FILE: every line both ways appended to FILE (debugging). */
const PROTOCOL_LOG = process.env.MAPLE_CHECK_EXPLORE_PROTOCOL;

export class ExploreProcess {
  private readonly dir: string;
  private readonly toRunner: number;
  private readonly fromRunner: number;
  private readonly stderrFile: string;
  private readonly chunk = Buffer.alloc(READ_CHUNK);
  private buffered = "";
  private out: string[] = [];
  private alive = true;
  private readonly child: ReturnType<typeof spawn>;

  constructor(readonly binary: string) {
    this.dir = mkdtempSync(join(tmpdir(), "maple-explore-"));
    const inPath = join(this.dir, "in");
    const outPath = join(this.dir, "out");
    const r = spawnSync("mkfifo", [inPath, outPath]);
    if (r.status !== 0) throw new ExploreRunnerError(`mkfifo ${inPath} ${outPath} failed`);
    // Open each FIFO's far end non-blocking first, so that the blocking opens do not wait.
    const inProbe = openSync(inPath, constants.O_RDONLY | constants.O_NONBLOCK);
    this.toRunner = openSync(inPath, constants.O_WRONLY);
    const childIn = openSync(inPath, constants.O_RDONLY);
    closeSync(inProbe);
    const outProbe = openSync(outPath, constants.O_RDONLY | constants.O_NONBLOCK);
    const childOut = openSync(outPath, constants.O_WRONLY);
    this.fromRunner = openSync(outPath, constants.O_RDONLY);
    closeSync(outProbe);
    this.stderrFile = join(this.dir, "stderr");
    const childErr = openSync(this.stderrFile, "w");
    this.child = spawn(binary, [], { stdio: [childIn, childOut, childErr] });
    this.child.unref();
    closeSync(childIn);
    closeSync(childOut);
    closeSync(childErr);
  }

  get running(): boolean {
    return this.alive;
  }

  /** Sends lines (queued: several may go in one write). */
  send(...lines: string[]): void {
    this.out.push(...lines);
  }

  private flush(): void {
    if (this.out.length === 0) return;
    const text = `${this.out.join("\n")}\n`;
    if (PROTOCOL_LOG !== undefined) appendFileSync(PROTOCOL_LOG, text.replace(/^/gm, "> "));
    const buf = Buffer.from(text, "latin1");
    this.out = [];
    let off = 0;
    try {
      while (off < buf.length) off += writeSync(this.toRunner, buf, off, buf.length - off);
    } catch {
      this.died();
    }
  }

  /** The runner's next line (what was sent goes out first). */
  readLine(): string {
    if (!this.alive) throw new ExploreRunnerError("the runner has stopped");
    this.flush();
    for (;;) {
      const nl = this.buffered.indexOf("\n");
      if (nl >= 0) {
        const line = this.buffered.slice(0, nl);
        this.buffered = this.buffered.slice(nl + 1);
        if (PROTOCOL_LOG !== undefined) appendFileSync(PROTOCOL_LOG, `< ${line}\n`);
        return line;
      }
      let n: number;
      try {
        n = readSync(this.fromRunner, this.chunk, 0, READ_CHUNK, null);
      } catch {
        n = 0;
      }
      if (n === 0) this.died();
      this.buffered += this.chunk.toString("latin1", 0, n);
    }
  }

  /** Sends one line and returns the runner's one-line answer. */
  request(line: string): string {
    this.send(line);
    return this.readLine();
  }

  private died(): never {
    const report = this.stderr().trim();
    this.close();
    throw new ExploreRunnerError(
      `the runner died${report === "" ? "" : `: ${report.split("\n").slice(-3).join(" | ")}`}`,
    );
  }

  stderr(): string {
    try {
      return readFileSync(this.stderrFile, "utf8");
    } catch {
      return "";
    }
  }

  close(): void {
    if (!this.alive) return;
    this.alive = false;
    try {
      closeSync(this.toRunner);
    } catch {}
    try {
      closeSync(this.fromRunner);
    } catch {}
    if (this.child.exitCode === null) this.child.kill("SIGKILL");
    rmSync(this.dir, { recursive: true, force: true });
  }
}
