/**
 * One kernel runner process, driven synchronously: the checker asks, waits for the answer
 * and goes on, as it does with the TypeScript tree. Node's child streams are asynchronous,
 * so requests and answers go through two FIFOs opened as blocking file descriptors; a
 * request of several lines is one write, and its answers are read back together.
 *
 * When the kernel code crashes the runner prints `crash`, its stderr (kept in a file) says
 * why, and the process ends: the caller gets a RunnerCrash and restarts the runner.
 */
import { readSync, writeSync } from "node:fs";
import { FifoChild } from "./fifo-child.js";

export class RunnerCrash extends Error {
  constructor(
    /** What the runner's stderr says: `SIGSEGV`, `asan heap-use-after-free`, `hang`, ... */
    readonly reason: string,
    /** The sanitizer's or the runner's report, for people. */
    readonly report: string,
  ) {
    super(`the kernel code crashed: ${reason}`);
    this.name = "RunnerCrash";
  }
}

export interface RunnerProcessOptions {
  args?: string[];
}

const READ_CHUNK = 1 << 16;

export class RunnerProcess {
  private readonly io: FifoChild;
  private pending = "";
  private readonly chunk = Buffer.alloc(READ_CHUNK);
  private alive = true;

  constructor(binary: string, options: RunnerProcessOptions = {}) {
    this.io = new FifoChild(binary, options.args ?? [], runnerEnv());
  }

  /** Sends `lines` (one request) and returns one answer line per request line. */
  request(lines: readonly string[]): string[] {
    if (!this.alive) throw new Error("the runner has stopped");
    try {
      writeAll(this.io.toChild, `${lines.join("\n")}\n`);
    } catch {
      return this.crashed();
    }
    const answers: string[] = [];
    while (answers.length < lines.length) {
      const nl = this.pending.indexOf("\n");
      if (nl >= 0) {
        const line = this.pending.slice(0, nl);
        this.pending = this.pending.slice(nl + 1);
        if (line === "crash") return this.crashed();
        answers.push(line);
        continue;
      }
      const n = readSync(this.io.fromChild, this.chunk, 0, READ_CHUNK, null);
      if (n === 0) return this.crashed();
      this.pending += this.chunk.toString("latin1", 0, n);
    }
    return answers;
  }

  private crashed(): never {
    // The runner explains itself on stderr and exits: wait for the end of its output first.
    try {
      while (readSync(this.io.fromChild, this.chunk, 0, READ_CHUNK, null) > 0) {}
    } catch {}
    const report = this.stderr();
    this.close();
    const marker = /maple-runner: crash: (.*)/.exec(report);
    const asan = /ERROR: AddressSanitizer: ([\w-]+)/.exec(report);
    const reason = marker?.[1] ?? (asan ? `asan ${asan[1]}` : "the runner died");
    throw new RunnerCrash(reason.trim(), report);
  }

  /** What the runner wrote on stderr so far (validation details, sanitizer reports). */
  stderr(): string {
    return this.io.stderr();
  }

  get running(): boolean {
    return this.alive;
  }

  close(): void {
    if (!this.alive) return;
    this.alive = false;
    this.io.close();
  }
}

function writeAll(fd: number, text: string): void {
  const buf = Buffer.from(text, "latin1");
  let off = 0;
  while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
}

/**
 * The runner's environment. Leak checks would report the harness's own allocations at exit,
 * which are no finding; the user's ASAN_OPTIONS come after ours and win.
 */
export function runnerEnv(): NodeJS.ProcessEnv {
  const user = process.env.ASAN_OPTIONS;
  return { ...process.env, ASAN_OPTIONS: `detect_leaks=0${user ? `:${user}` : ""}` };
}
