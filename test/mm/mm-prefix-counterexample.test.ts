/**
 * A counterexample shows each command once: when the spec's prefix itself fails, its body is
 * the prefix up to the failing line (not the whole prefix and then those lines again), and its
 * replay token fails the same way. The failure is the mm layer's planted fault, not a model edit.
 */
import { describe, expect, it } from "vitest";
import { parseToken } from "../../src/checker/run/replay-token.js";
import { runSpec } from "../../src/checker/run/run-spec.js";
import { parseSpec } from "../../src/checker/spec/load-spec.js";

const prefix = [
  "mmap 0 0x3000-0x5000 rw- fixed file1@0x3",
  "mmap 0 0x1000-0x3000 rw- fixed file1@0x1",
  "maps 0",
];
const HEADER = "# mm 6.12, TASK_SIZE 64 pages, guard gap 2, start_brk page 8";

const specWith = (faults: string[], extra: string[] = []) =>
  parseSpec(
    JSON.stringify({
      name: "mm-prefix-cx",
      mode: "mm-sequential",
      expect: "pass",
      mm: { runs: 10, seed: 4, taskPages: 64, prefix: [...prefix, ...extra], faults },
    }),
    "inline",
  );

describe("an mm-sequential counterexample", () => {
  it("is the prefix up to its failing line, once, when the prefix fails", () => {
    const o = runSpec(specWith(["merge-next-keeps-old-pgoff"]));
    expect(o.verdict).toBe("violation");
    expect(o.counterexample?.body).toBe(`${[HEADER, ...prefix.slice(0, 2)].join("\n")}\n`);
    expect(o.counterexample?.size).toEqual({ commands: 2 });
  });

  it("replays from its token to the same failure", () => {
    const s = specWith(["merge-next-keeps-old-pgoff"]);
    const o = runSpec(s);
    const token = parseToken(o.counterexample?.replayToken ?? "");
    if (token.mode !== "seq") throw new Error(`not a sequential token: ${token.mode}`);
    const again = runSpec(s, { seed: token.seed, path: token.path, replayPath: token.replayPath });
    expect(again.counterexample?.error).toBe(o.counterexample?.error);
    expect(again.counterexample?.body).toBe(o.counterexample?.body);
  });
});
