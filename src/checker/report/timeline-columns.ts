/**
 * An explore counterexample's timeline, parsed from its text and laid out with one column per
 * thread (writer, each reader, rcu callbacks): each word read and written, operation begins
 * and ends, and the step at which a reader's answer left every state the model allows.
 */
export interface TimelineStep {
  step: number;
  thread: string;
  text: string;
  /** The step where the answer left every state the model allows. */
  diverges: boolean;
}

export interface ParsedCounterexample {
  /** Lines before the timeline: the scenario, the finding, the model's states. */
  head: string[];
  steps: TimelineStep[];
  /** Thread names in order of first appearance. */
  threads: string[];
  /** Lines after the timeline (the readers' results). */
  tail: string[];
  /** The model's range map in each state the reader may see (`S0 is ...`, `in Sk ...`). */
  modelStates: string[];
}

const MARK = "<==";
const STEP = /^\s*(\d+)\s{2}(\S+)\s+(.*)$/;

export function parseCounterexample(body: string): ParsedCounterexample {
  const lines = body.replace(/\s+$/, "").split("\n");
  const at = lines.findIndex((l) => l.trim() === "timeline:");
  const head = at < 0 ? lines : lines.slice(0, at);
  const steps: TimelineStep[] = [];
  let i = at < 0 ? lines.length : at + 1;
  for (; i < lines.length; i++) {
    const m = STEP.exec(lines[i]);
    if (m === null) break;
    const mark = m[3].indexOf(MARK);
    steps.push({
      step: Number(m[1]),
      thread: m[2],
      text: (mark >= 0 ? `${m[3].slice(0, mark).trimEnd()}  ${m[3].slice(mark)}` : m[3]).trimEnd(),
      diverges: mark >= 0,
    });
  }
  const threads: string[] = [];
  for (const s of steps) if (!threads.includes(s.thread)) threads.push(s.thread);
  const modelStates = head
    .map((l) => l.trim())
    .filter((l) => /^(S\d+ is |in S\d+ |write \d+ \(S\d+ -> S\d+\)|Real time lets)/.test(l));
  return { head, steps, threads, tail: lines.slice(i), modelStates };
}

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > width) {
    let cut = rest.lastIndexOf(" ", width);
    if (cut <= width / 3) cut = width;
    out.push(rest.slice(0, cut).trimEnd());
    rest = `  ${rest.slice(cut).trimStart()}`;
  }
  out.push(rest);
  return out;
}

/** The timeline in columns, one per thread, `width` characters each. */
export function timelineColumns(p: ParsedCounterexample, width = 42): string {
  if (p.steps.length === 0) return "";
  const cols = p.threads.length;
  const num = Math.max(4, String(p.steps[p.steps.length - 1].step).length + 1);
  const row = (cells: string[], mark = " ") =>
    `${mark}${cells.map((c, k) => (k === 0 ? c.padStart(num) : c.padEnd(width))).join(" | ")}`.trimEnd();
  const out = [
    row(["step", ...p.threads.map((t) => t.slice(0, width))]),
    row(["-".repeat(num), ...p.threads.map(() => "-".repeat(width))]),
  ];
  for (const s of p.steps) {
    const k = p.threads.indexOf(s.thread);
    const text = s.diverges ? s.text.replace(/\s+<==.*$/, "") : s.text;
    const parts = wrap(text, width);
    parts.forEach((part, j) => {
      const cells = Array.from({ length: cols }, (_, c) => (c === k ? part : ""));
      out.push(row([j === 0 ? String(s.step) : "", ...cells], s.diverges && j === 0 ? ">" : " "));
    });
    if (s.diverges) {
      const why = s.text.slice(s.text.indexOf("<==") + 3).trim();
      for (const part of wrap(`^^ ${why}`, width)) {
        const cells = Array.from({ length: cols }, (_, c) => (c === k ? part : ""));
        out.push(row(["", ...cells]));
      }
    }
  }
  return out.join("\n");
}

/** The counterexample for a terminal: scenario and finding, timeline in columns, model states. */
export function readableCounterexample(body: string): string {
  const p = parseCounterexample(body);
  if (p.steps.length === 0) return body.trimEnd();
  const out = [
    ...p.head,
    "timeline (one column per thread; > marks the step the answer leaves the model):",
  ];
  out.push(
    ...timelineColumns(p)
      .split("\n")
      .map((l) => `  ${l}`),
  );
  out.push(...p.tail);
  if (p.modelStates.length > 0) {
    out.push("model range maps the reader may see, beside the answer it got:");
    for (const s of p.modelStates) out.push(`  ${s}`);
  }
  return out.join("\n");
}
