/**
 * Shrinks a trace on which the two sides differ to a short one that still differs, by
 * removing chunks of lines (delta debugging: halves, then quarters, ... then single lines)
 * and keeping every removal after which the outputs still differ. The first line (`init`)
 * is kept. Each step costs one run on each side; `maxSteps` bounds them.
 */
export type Differs = (trace: string) => boolean;

export function shrinkTrace(trace: string, differs: Differs, maxSteps = 2000): string {
  const [head, ...rest] = trace.split("\n").filter((l) => l.trim() !== "");
  const text = (lines: string[]) => `${[head, ...lines].join("\n")}\n`;
  let lines = rest;
  let steps = 0;
  let chunk = Math.max(1, Math.floor(lines.length / 2));
  for (;;) {
    let removed = false;
    for (let at = 0; at < lines.length && steps < maxSteps; ) {
      const candidate = [...lines.slice(0, at), ...lines.slice(at + chunk)];
      steps++;
      if (differs(text(candidate))) {
        lines = candidate;
        removed = true;
      } else {
        at += chunk;
      }
    }
    if (steps >= maxSteps) break;
    if (chunk === 1 && !removed) break;
    if (!removed || chunk > 1) chunk = Math.max(1, Math.floor(chunk / 2));
  }
  return text(lines);
}
