/**
 * The instrumented C tree still is the kernel's tree: a seeded random trace of stores, erases
 * and loads, run recorded (every node write through the hooks and the word-by-word mem*),
 * answers line for line as the TypeScript tree does, on each flag set; and no aggregate store
 * reached node memory (it would be logged twice).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { parseKernelLog } from "../../../../src/backend/kernel/explore/kernel-log.js";
import { runExploreScript } from "../../../../src/backend/kernel/explore/record-writer.js";
import { runTraceText } from "../../../../src/trace/run-trace.js";
import { BUILD_TIMEOUT, exploreRunner, kernelDir } from "./explore-runner-for-tests.js";

/** mulberry32: a seeded generator, so the trace is the same on every run. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomLines(seed: number, n: number): string[] {
  const r = rng(seed);
  const int = (k: number): number => Math.floor(r() * k);
  return Array.from({ length: n }, () => {
    const a = int(3000);
    const p = r();
    if (p < 0.45) return `store ${a} ${a + int(60)} ${1 + int(98)}`;
    if (p < 0.6) return `erase ${a}`;
    if (p < 0.7) return `store ${a} ${a + int(300)} null`;
    return `load ${a}`;
  });
}

const FLAGS = ["0", "alloc", "rcu", "alloc|rcu"];
const LINES = 1500;

describe.skipIf(kernelDir === undefined)("the instrumented C tree's answers", () => {
  beforeAll(() => {
    exploreRunner();
  }, BUILD_TIMEOUT);

  for (const [i, flags] of FLAGS.entries())
    it(`init ${flags}: the TypeScript tree's answers, recorded`, () => {
      const lines = randomLines(i + 1, LINES);
      const expected = runTraceText([`init ${flags}`, ...lines].join("\n"))
        .trimEnd()
        .split("\n");
      const out = runExploreScript(exploreRunner().binary, [
        `init ${flags}`,
        "record",
        ...lines,
        "end",
      ]);
      const arena = out.findIndex((l) => l.startsWith("arena "));
      const answers = [out[0], ...out.slice(2, arena)];
      expect(answers).toEqual(expected);
      const log = parseKernelLog(out.slice(arena));
      expect(log.ops).toBe(LINES);
      expect(log.rangeWrites).toBe(0);
    });
});
