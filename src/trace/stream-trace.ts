/**
 * Runs a trace as it is read: lines are parsed, run and printed one chunk of input at a time,
 * so memory stays flat however long the trace is (only the tree and one chunk are held). The
 * bytes written are exactly runTrace's output for the whole text.
 */
import { StringDecoder } from "node:string_decoder";
import { TraceMachine } from "./execute.js";
import { parseLine } from "./parse.js";
import { runOneLine, type TraceOptions, type TraceRun } from "./run-trace.js";

/** Output is handed on in pieces of about this many characters. */
const FLUSH_AT = 1 << 16;

/** The trace's run without its output (it was written as it went). */
export type StreamedRun = Omit<TraceRun, "output">;

/**
 * Reads `input` (bytes as UTF-8, or text), runs each line on a fresh machine and passes the
 * output to `write`, awaited, so a slow reader holds the run back. Stops reading at a crash.
 */
export async function streamTrace(
  input: AsyncIterable<Buffer | string>,
  write: (text: string) => Promise<void>,
  options: TraceOptions = {},
): Promise<StreamedRun> {
  const machine = new TraceMachine(options);
  const decoder = new StringDecoder("utf8");
  let pending = ""; // the line begun in the last chunk
  let lineNo = 0;
  let ops = 0;
  let out = "";

  /** Runs one raw line; the crash, if it crashed. */
  const run = (raw: string): TraceRun["crash"] => {
    lineNo++;
    const line = parseLine(raw, lineNo);
    if (line === null) return undefined;
    ops++;
    const r = runOneLine(machine, line, options.echo);
    out += r.text;
    return r.crash;
  };
  const flush = async (force: boolean) => {
    if (out.length >= FLUSH_AT || (force && out !== "")) {
      const text = out;
      out = "";
      await write(text);
    }
  };

  for await (const chunk of input) {
    const text = pending + (typeof chunk === "string" ? chunk : decoder.write(chunk));
    let start = 0;
    for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", start)) {
      const crash = run(text.slice(start, nl));
      start = nl + 1;
      if (crash !== undefined) {
        await flush(true);
        return { ops, crash };
      }
    }
    pending = text.slice(start);
    await flush(false);
  }
  // A last line without its `\n` is still a line (an empty one is nothing, as in parseTrace).
  const last = pending + decoder.end();
  const crash = last === "" ? undefined : run(last);
  await flush(true);
  return crash === undefined ? { ops } : { ops, crash };
}
