/**
 * One maple-explore-runner process driven synchronously, line by line: the explorer sends a
 * command, then reads the runner's lines one at a time and answers its questions (`?r`,
 * `?j`) as they come, through blocking FIFOs (fifo-child.ts, as for the sequential runner).
 */
import { appendFileSync, readSync, writeSync } from "node:fs";
import { FifoChild } from "../fifo-child.js";

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
  private readonly io: FifoChild;
  private readonly chunk = Buffer.alloc(READ_CHUNK);
  private buffered = "";
  private out: string[] = [];
  private alive = true;

  constructor(readonly binary: string) {
    try {
      this.io = new FifoChild(binary, []);
    } catch (e) {
      throw new ExploreRunnerError((e as Error).message);
    }
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
      while (off < buf.length) off += writeSync(this.io.toChild, buf, off, buf.length - off);
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
        n = readSync(this.io.fromChild, this.chunk, 0, READ_CHUNK, null);
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
    return this.io.stderr();
  }

  close(): void {
    if (!this.alive) return;
    this.alive = false;
    this.io.close();
  }
}
