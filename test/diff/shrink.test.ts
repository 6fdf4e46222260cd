import { describe, expect, it } from "vitest";
import { shrinkTrace } from "../../src/diff/shrink.js";

describe("shrinkTrace", () => {
  it("keeps the init line and shrinks to the lines the difference needs", () => {
    const lines = ["init alloc", ...Array.from({ length: 200 }, (_, i) => `load ${i}`)];
    // "Differs" while loads 17, 120 and 199 are all present, in that order.
    const differs = (t: string) => /load 17\n(.*\n)*load 120\n(.*\n)*load 199\n/.test(t);
    expect(differs(`${lines.join("\n")}\n`)).toBe(true);
    expect(shrinkTrace(lines.join("\n"), differs)).toBe(
      "init alloc\nload 17\nload 120\nload 199\n",
    );
  });

  it("stops after maxSteps predicate calls", () => {
    let calls = 0;
    const lines = ["init", ...Array.from({ length: 100 }, (_, i) => `load ${i}`)];
    shrinkTrace(
      lines.join("\n"),
      () => {
        calls++;
        return false;
      },
      10,
    );
    expect(calls).toBe(10);
  });
});
