/**
 * Worker side of TsRunner: runs a trace on the TypeScript tree, as runTraceText does, and
 * sends each result line as it is made, so that the parent still has the lines before an
 * operation that never returns.
 */
import { type MessagePort, parentPort } from "node:worker_threads";
import type { Fault } from "../impl/faults.js";
import { TraceMachine } from "../trace/execute.js";
import { formatResult } from "../trace/format.js";
import { parseTrace } from "../trace/parse.js";

export interface TsJob {
  trace: string;
  guard: boolean;
  faults: Fault[];
  /** Int32Array over it: [0] set to 1 when the run is over. */
  done: SharedArrayBuffer;
  port: MessagePort;
}

/** Lines are sent in batches of this many. */
const BATCH = 256;

parentPort?.on("message", (job: TsJob) => {
  const flag = new Int32Array(job.done);
  const machine = new TraceMachine({
    guard: job.guard,
    ...(job.faults.length > 0 && { tree: { faults: job.faults } }),
  });
  let batch: string[] = [];
  for (const line of parseTrace(job.trace)) {
    let text: string;
    try {
      text = formatResult(machine.runLine(line));
    } catch {
      batch.push("crash\n");
      break;
    }
    batch.push(`${text}\n`);
    if (batch.length >= BATCH) {
      job.port.postMessage(batch.join(""));
      batch = [];
    }
  }
  job.port.postMessage(batch.join(""));
  job.port.close();
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
