/**
 * Worker side of TsRunner: runs a trace on the TypeScript tree and sends each result line as
 * it is made, so that the parent still has the lines before an operation that never returns.
 */
import { type MessagePort, parentPort } from "node:worker_threads";
import { TraceMachine } from "../../src/trace/execute.js";
import { formatResult } from "../../src/trace/format.js";
import { parseTrace } from "../../src/trace/parse.js";

export interface TsJob {
  trace: string;
  guard: boolean;
  /** Int32Array over it: [0] set to 1 when the run is over. */
  done: SharedArrayBuffer;
  port: MessagePort;
}

/** Lines are sent in batches of this many. */
const BATCH = 256;

parentPort?.on("message", (job: TsJob) => {
  const flag = new Int32Array(job.done);
  const machine = new TraceMachine({ guard: job.guard });
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
