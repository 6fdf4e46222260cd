/**
 * Runs traces on the TypeScript tree in a worker thread with a time limit, so that an
 * operation that never returns (a loop in the tree) is reported instead of stalling the fuzz
 * run. The call is synchronous: the parent waits on a shared flag.
 */
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import type { TsJob } from "./ts-worker.js";

export interface TsRun {
  output: string;
  /** The run did not finish within the limit; `output` holds the lines made before. */
  hung: boolean;
}

export class TsRunner {
  private worker: Worker | null = null;

  constructor(private readonly timeoutMs: number) {}

  run(trace: string, guard: boolean): TsRun {
    if (this.worker === null) {
      this.worker = new Worker(new URL("./ts-worker.js", import.meta.url));
      this.worker.unref();
    }
    const { port1, port2 } = new MessageChannel();
    const done = new SharedArrayBuffer(4);
    const job: TsJob = { trace, guard, done, port: port2 };
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
    }
    return { output: parts.join(""), hung: !finished };
  }

  close(): void {
    if (this.worker !== null) void this.worker.terminate();
    this.worker = null;
  }
}
