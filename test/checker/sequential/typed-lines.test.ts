import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Boundaries } from "../../../src/checker/sequential/index-choice.js";
import {
  lineText,
  resolveArgs,
  resolveLine,
  templateArbitraries,
} from "../../../src/checker/sequential/op-template.js";
import { ULONG_MAX } from "../../../src/impl/u64.js";
import { write } from "../../../src/model/ops.js";
import { initialProtocolState, runArgs, runLine } from "../../../src/model/protocol.js";
import { parseArgs, parseLine } from "../../../src/trace/parse.js";

const b: Boundaries = {
  ranges: [
    [0n, 9n],
    [10n, 19n],
    [20n, ULONG_MAX - 1n],
    [ULONG_MAX, ULONG_MAX],
  ],
  leaves: [
    [0n, 15n],
    [16n, ULONG_MAX],
  ],
};

const templates = (universe: "small" | "wide") =>
  fc.oneof(...Object.values(templateArbitraries(universe)).map((t) => t.arb));

/** A model state with a few ranges, so that the answers are not all trivial. */
const ps = (() => {
  const s = initialProtocolState();
  let m = write(s.model, 3n, 9n, 1n);
  m = write(m, 20n, ULONG_MAX - 1n, 2n);
  return { ...s, model: { ...m, root: "node" as const } };
})();

describe("lines given as values", () => {
  it("parse as their printed lines do", () => {
    fc.assert(
      fc.property(fc.constantFrom("small" as const, "wide" as const).chain(templates), (t) => {
        const args = resolveArgs(t, b);
        const text = lineText(t.name, args);
        expect(text).toBe(resolveLine(t, b));
        const printed = parseLine(text, 7);
        const typed = parseArgs(t.name, args, 7);
        expect(typed.parsed).toEqual(printed?.parsed);
        expect(typed.name).toBe(printed?.name);
        expect(typed.text).toBe(printed?.text);
      }),
      { numRuns: 2000 },
    );
  });

  it("get the model's answers to their printed lines", () => {
    fc.assert(
      fc.property(fc.constantFrom("small" as const, "wide" as const).chain(templates), (t) => {
        const args = resolveArgs(t, b);
        const text = lineText(t.name, args);
        expect(runArgs(ps, t.name, args)).toEqual(runLine(ps, text));
      }),
      { numRuns: 2000 },
    );
  });

  it("out-of-range values are parse errors, as their text is", () => {
    expect(parseArgs("load", [ULONG_MAX + 1n], 1).parsed).toEqual({
      kind: "parse-error",
      reason: "index out of range",
    });
    expect(parseArgs("store", [1n, 2n, 1n << 63n], 1).parsed).toEqual(
      parseLine(`store 1 2 ${1n << 63n}`, 1)?.parsed,
    );
    expect(parseArgs("load", [null], 1).parsed).toEqual(parseLine("load null", 1)?.parsed);
    expect(runArgs(ps, "load", [null])).toEqual(runLine(ps, "load null"));
    expect(runArgs(ps, "load", [ULONG_MAX + 1n])).toEqual(runLine(ps, `load ${ULONG_MAX + 1n}`));
    expect(runArgs(ps, "store", [1n, 2n])).toEqual(runLine(ps, "store 1 2"));
  });
});
