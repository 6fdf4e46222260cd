import { describe, expect, it } from "vitest";
import { canonicalJson, specHash } from "../../../src/checker/run/spec-hash.js";
import { parseSpec } from "../../../src/checker/spec/load-spec.js";

const text = JSON.stringify({
  name: "x",
  mode: "sequential",
  expect: "pass",
  sequential: { runs: 3 },
});

describe("a spec's hash", () => {
  it("serializes canonically: sorted keys, absent fields left out", () => {
    expect(canonicalJson({ b: [2, { d: 1, c: undefined }], a: "x" })).toBe(
      '{"a":"x","b":[2,{"d":1}]}',
    );
  });

  it("is the same for the same spec written another way, and stable across versions", () => {
    const spec = parseSpec(text, "inline");
    const reordered = parseSpec(
      `{\n  "sequential": { "runs": 3, "seed": 1 },\n  "expect": "pass", "mode": "sequential", "name": "x"\n}`,
      "inline",
    );
    expect(specHash(reordered)).toBe(specHash(spec));
    // A token printed today must replay tomorrow: the serialization must not drift.
    expect(specHash(spec)).toMatch(/^[0-9a-f]{12}$/);
    expect(specHash(spec)).toBe(PINNED);
  });

  it("changes with any change to what is checked", () => {
    const spec = parseSpec(text, "inline");
    const other = parseSpec(text.replace('"runs":3', '"runs":4'), "inline");
    expect(specHash(other)).not.toBe(specHash(spec));
  });
});

// Changes when the schema or its defaults change: tokens printed before then are refused.
const PINNED = "abffd919ddc1";
