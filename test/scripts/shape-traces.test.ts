// The structural trace checks of the main job come from a seeded generator: the same seed gives
// the same bytes, and the committed specs/shape-*.trace are its output for SHAPE_SEED.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SHAPE_SEED, shapeTraces } from "../../scripts/fixtures/shape-traces.js";

const specs = join(import.meta.dirname, "../../specs");

describe("shape traces", () => {
  it("are the same text for the same seed and another for another seed", () => {
    expect(shapeTraces(7)).toEqual(shapeTraces(7));
    expect(shapeTraces(8).map((t) => t.text)).not.toEqual(shapeTraces(7).map((t) => t.text));
  });

  it("are what specs/ holds for the committed seed", () => {
    for (const t of shapeTraces(SHAPE_SEED)) {
      expect(readFileSync(join(specs, `${t.name}.trace`), "utf8")).toBe(t.text);
    }
  });

  it("print the shape often: every write is followed by a nodes or height line", () => {
    for (const t of shapeTraces(SHAPE_SEED)) {
      const ops = t.text.split("\n").filter((l) => l !== "" && !l.startsWith("#"));
      const writes = ops.filter((l) => /^(store|insert|erase) /.test(l)).length;
      expect(ops.filter((l) => l === "nodes" || l === "height").length).toBeGreaterThan(writes / 4);
    }
  });
});
