/**
 * Where a wrong answer went wrong: the failing reader operation runs again alone on each state
 * real time allowed it (S_lo..S_hi), and its word reads are compared with the ones it made in
 * the violating execution. The first read after which the execution's path matches no allowed
 * state's path is the point where the reader's answer left every state the model allows; the
 * timeline marks it.
 */
import type { NodeMemory } from "../../impl/memory.js";
import { resetNodeIds } from "../../impl/node.js";
import type { ExplorerViolation, TimelineLine } from "../explorer/index.js";
import { timelineText } from "../explorer/timeline.js";
import { formatValue, placeName } from "../explorer/words.js";
import type { CompiledScenario } from "./compile.js";
import type { CheckFailure } from "./model-check.js";

export const LEAVES_MARK = "<== the answer leaves every state the model allows";

/** The reads of reader thread `thread`'s operation `opIndex` run alone on state k. */
function readsAlone(c: CompiledScenario, k: number, thread: number, opIndex: number): string[] {
  resetNodeIds();
  const tree = c.scenario.setup();
  for (let i = 0; i < k; i++) c.scenario.writer[i].run(tree);
  const base = tree.mem;
  const log: string[] = [];
  let recording = false;
  const mem: NodeMemory = {
    read(node, word) {
      const v = base.read(node, word);
      if (recording) log.push(`read ${placeName(node, word)} = ${formatValue(v)}`);
      return v;
    },
    readRoot(root) {
      const v = base.readRoot(root);
      if (recording) log.push(`read root = ${formatValue(v)}`);
      return v;
    },
    write: (node, word, value) => base.write(node, word, value),
    writeRoot: (root, value) => base.writeRoot(root, value),
  };
  tree.mem = mem;
  const reader = c.scenario.readers[thread - 1];
  const local: Record<string, unknown> = {};
  try {
    for (let o = 0; o <= opIndex; o++) {
      recording = o === opIndex;
      reader.ops[o].run(tree, local);
    }
  } catch {
    // A sequential run that fails ends its path where it stopped.
  }
  return log;
}

/** The timeline with the divergence point marked, and the violation text rebuilt around it. */
export function markDivergence(
  c: CompiledScenario,
  v: ExplorerViolation,
  f: CheckFailure,
): { timeline: TimelineLine[]; text: string; readIndex: number } {
  const name = c.scenario.readers[f.thread - 1].name ?? `reader${f.thread}`;
  return markDivergenceWith(v, f, name, (k) => readsAlone(c, k, f.thread, f.opIndex));
}

/**
 * The mark for any tree: `readsAlone(k)` gives the failing operation's reads run alone after
 * the first k writer lines, in the timeline's words; `readText` takes a timeline read line to
 * those words (the C tree's lines also say where the code made the read).
 */
export function markDivergenceWith(
  v: ExplorerViolation,
  f: CheckFailure,
  readerName: string,
  readsAlone: (k: number) => string[],
  readText: (line: string) => string = (line) => line,
): { timeline: TimelineLine[]; text: string; readIndex: number } {
  // The timeline lines of the failing operation's reads.
  const lines: number[] = [];
  let op = -1;
  v.timeline.forEach((l, i) => {
    if (l.thread !== readerName) return;
    if (l.text.startsWith("start ")) op++;
    else if (op === f.opIndex && l.text.startsWith("read ")) lines.push(i);
  });
  const reads = lines.map((i) => readText(v.timeline[i].text));
  let point = 0;
  for (let k = f.lo; k <= f.hi; k++) {
    const alone = readsAlone(k);
    let d = 0;
    while (d < reads.length && d < alone.length && reads[d] === alone[d]) d++;
    point = Math.max(point, d);
  }
  const timeline = v.timeline.map((l) => ({ ...l }));
  let readIndex = -1;
  if (point < lines.length) {
    readIndex = point;
    const at = timeline[lines[point]];
    at.text = `${at.text}   ${LEAVES_MARK} (no run alone on S${f.lo}${f.hi > f.lo ? `..S${f.hi}` : ""} reads this)`;
  }
  const text = v.text.replace(timelineText(v.timeline), timelineText(timeline));
  return { timeline, text, readIndex };
}
