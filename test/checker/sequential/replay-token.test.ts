import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  parseToken,
  ReplayTokenError,
  stringifyToken,
} from "../../../src/checker/run/replay-token.js";

describe("replay tokens", () => {
  it("round-trips through stringify and parse", () => {
    const token = fc
      .record({
        mode: fc.constant("seq" as const),
        spec: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/),
        hash: fc.stringMatching(/^[0-9a-f]{12}$/),
        seed: fc.integer({ min: -(2 ** 31), max: 2 ** 32 - 1 }).map((s) => s + 0), // no -0: it prints as 0
        path: fc.array(fc.nat(40), { maxLength: 12 }).map((xs) => xs.join(":")),
        replayPath: fc.option(fc.stringMatching(/^[0-9]+:[A-Za-z0-9+/]{1,12}$/), {
          nil: undefined,
        }),
      })
      .map(({ replayPath, ...t }) => (replayPath === undefined ? t : { ...t, replayPath }));
    fc.assert(
      fc.property(token, (t) => {
        expect(parseToken(stringifyToken(t))).toEqual(t);
      }),
      { seed: 1 },
    );
  });

  it.each([
    "",
    "seq",
    "seq:x",
    "seq:x:1",
    "seq:x:1:0",
    "seq:x@0123456789ab",
    "seq:x@0123456789ab:1",
    "seq:x@0123456789AB:1:0",
    "seq:x@0123456789ab:abc:0@",
    "seq:x@0123456789ab:1:0",
    "run:x:1:0",
    "seq:X:1:0",
    "seq:x:abc:0",
    "seq:x:1:0:a",
    "seq:x:99999999999:0",
  ])("rejects %j with a ReplayTokenError", (text) => {
    expect(() => parseToken(text)).toThrow(ReplayTokenError);
  });
});
