/**
 * Runs traces on the TypeScript tree in a worker thread with a time limit, so that an
 * operation that never returns (a loop in the tree) shows up as a `hang` line after the lines
 * made before it, instead of stalling the run. The call is synchronous: the parent waits on a
 * shared flag.
 */
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import type { Fault } from "../impl/faults.js";
import { hangLine } from "./kernel-runner.js";
import type { TsJob } from "./ts-worker.js";

export class TsRunner {
  private worker: Worker | null = null;

  /** `faults`: switched on in every tree this runner makes (to prove the tool finds them). */
  constructor(
    private readonly timeoutMs: number,
    private readonly faults: readonly Fault[] = [],
  ) {}

  /** The oracle-format output of `trace` (`runTraceText`), `crash` where the tree throws. */
  run(trace: string, guard: boolean): string {
    if (this.worker === null) {
      this.worker = new Worker(new URL("./ts-worker.js", import.meta.url));
      this.worker.unref();
    }
    const { port1, port2 } = new MessageChannel();
    const done = new SharedArrayBuffer(4);
    const job: TsJob = { trace, guard, faults: [...this.faults], done, port: port2 };
    this.worker.postMessage(job, [port2]);
    const finished = Atomics.wait(new Int32Array(done), 0, 0, this.timeoutMs) !== "timed-out";
    const parts: string[] = [];
    for (let m = receiveMessageOnPort(port1); m !== undefined; m = receiveMessageOnPort(port1)) {
      parts.push(m.message as string);
    }
    port1.close();
    if (!finished) {
      void this.worker.terminate();
      this.worker = null;
      parts.push(hangLine(this.timeoutMs));
    }
    return parts.join("");
  }

  close(): void {
    if (this.worker !== null) void this.worker.terminate();
    this.worker = null;
  }
}
