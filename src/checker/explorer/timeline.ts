/**
 * A violating execution as a step-by-step timeline: per thread, every word read and written
 * (node, word name, value), operation starts and ends with their results, grace-period ends
 * and deferred frees, in one total order consistent with the execution.
 */
import type { ExecutionOutcome, TraceEntry } from "./execution.js";
import type { TimelineLine } from "./scenario.js";
import { formatValue, placeName } from "./words.js";
import type { WriterLog } from "./writer-log.js";

/**
 * The reader threads' steps by the event they take place at. Steps without an event of their
 * own (reads of words the writer never changed, a crash) are shown right after the thread's
 * previous step that has one.
 */
export function stepsByEvent<E extends { kind: string; event?: number }>(
  traces: readonly (readonly E[])[],
): Map<number, { thread: number; entries: E[] }> {
  const byEvent = new Map<number, { thread: number; entries: E[] }>();
  traces.forEach((trace, t) => {
    let current: E[] | null = null;
    for (const e of trace) {
      const ev = e.kind === "crash" ? -1 : (e.event ?? -1);
      if (ev >= 0) {
        current = [e];
        byEvent.set(ev, { thread: t, entries: current });
      } else if (current !== null) {
        current.push(e);
      }
    }
  });
  return byEvent;
}

export function buildTimeline(
  log: WriterLog,
  outcome: ExecutionOutcome,
  order: readonly number[],
  readerNames: readonly string[],
  readerOpNames: readonly (readonly string[])[],
): TimelineLine[] {
  const byEvent = stepsByEvent<TraceEntry>(outcome.traces);
  const lines: TimelineLine[] = [];
  let time = 0;
  const staticSize = log.events.length;
  for (const ev of order) {
    if (ev < staticSize && log.events[ev] !== undefined) {
      const w = log.events[ev];
      const thread =
        w.kind === "grace-period" || (w.kind === "store" && w.store.segment >= 0)
          ? "rcu"
          : "writer";
      lines.push({ time: time++, thread, text: log.describe(ev) });
      for (const n of log.notes.get(ev) ?? [])
        lines.push({ time: time++, thread, text: `  (${n})` });
      continue;
    }
    const group = byEvent.get(ev);
    if (group === undefined) continue;
    const name = readerNames[group.thread];
    for (const e of group.entries) {
      lines.push({
        time: time++,
        thread: name,
        text: describeEntry(e, readerOpNames[group.thread]),
      });
    }
  }
  return lines;
}

function describeEntry(e: TraceEntry, opNames: readonly string[]): string {
  switch (e.kind) {
    case "start":
      return `start ${opNames[e.op]}`;
    case "read":
      return `read ${placeName(e.target, e.word)} = ${formatValue(e.value)}`;
    case "end":
      return `end ${opNames[e.op]} -> ${formatValue(e.result)}`;
    case "crash":
      return `${e.livelock ? "LIVELOCK" : "CRASH"} in ${opNames[e.op]}: ${e.message}`;
  }
}

export function timelineText(lines: readonly TimelineLine[]): string {
  const width = Math.max(6, ...lines.map((l) => l.thread.length));
  return lines
    .map((l) => `${String(l.time).padStart(4)}  ${l.thread.padEnd(width)}  ${l.text}`)
    .join("\n");
}
