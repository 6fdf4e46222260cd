/**
 * `poke INDEX DEPTH WORD VALUE`: its parse rules and what it writes. The kernel's answers to
 * the same pokes are specs/validator-pokes.expected (recorded from the C runner).
 */
import { describe, expect, it } from "vitest";
import { parseArgs, parseLine } from "../../src/trace/parse.js";
import { runTraceText } from "../../src/trace/run-trace.js";

const parsed = (line: string) => parseLine(line, 1)?.parsed;

describe("poke parsing", () => {
  it("reads each word with its value kind", () => {
    expect(parsed("poke 15 1 pivot3 0x20")).toEqual({
      kind: "op",
      op: { op: "poke", index: 15n, depth: 1n, word: { field: "pivot", pos: 3 }, value: 32n },
    });
    expect(parsed("poke 0 0 slot15 null")).toMatchObject({
      op: { word: { field: "slot", pos: 15 }, value: null },
    });
    expect(parsed("poke 0 0 gap007 max")).toMatchObject({
      op: { word: { field: "gap", pos: 7 }, value: 2n ** 64n - 1n },
    });
    expect(parsed("poke max 2 end 255")).toMatchObject({
      op: { index: 2n ** 64n - 1n, depth: 2n, word: { field: "end" }, value: 255n },
    });
    expect(parsed("poke 0 0 metagap 0")).toMatchObject({ op: { word: { field: "metagap" } } });
    expect(parsed("poke 0 1 parent 1600")).toMatchObject({
      op: { word: { field: "parent", self: false }, value: 1600n },
    });
    expect(parsed("poke 0 1 parent self")).toMatchObject({
      op: { word: { field: "parent", self: true } },
    });
  });

  it.each([
    "poke 0 0 pivot3",
    "poke 0 0 pivot3 1 2",
    "poke 0 0 pivot 1",
    "poke 0 0 pivot256 1",
    "poke 0 0 pivot1000 1",
    "poke 0 0 pivot-1 1",
    "poke 0 0 Pivot1 1",
    "poke 0 0 end3 1",
    "poke 0 0 bogus 1",
    "poke 0 0 end 256",
    "poke 0 0 metagap 0x100",
    "poke 0 0 slot1 max",
    "poke 0 0 slot1 -1",
    "poke 0 0 pivot1 null",
    "poke 0 1 parent null",
    "poke 0 1 parent Self",
    "poke 0 1 parent3 0",
    "poke x 0 pivot1 1",
    "poke 0 -1 pivot1 1",
  ])("`%s` is err parse", (line) => {
    expect(parsed(line)?.kind).toBe("parse-error");
    expect(runTraceText(`${line}\n`)).toBe("err parse\n");
  });

  it("parses the same from values as from text", () => {
    expect(parseArgs("poke", [15n, 1n, "slot2", null], 1).parsed).toEqual(
      parsed("poke 15 1 slot2 null"),
    );
    expect(parseArgs("poke", [15n, 1n, 7n, 1n], 1).parsed.kind).toBe("parse-error");
  });
});

describe("poke on the TypeScript tree", () => {
  const leaf = "store 10 19 1\nstore 30 39 2\n";

  it("is -EINVAL without a node, below a leaf, or past the node's words", () => {
    const lines = [
      "poke 0 0 pivot0 1", // empty tree
      "store 0 0 5",
      "poke 0 0 slot0 null", // a root entry, not a node
      "store 10 19 1",
      "poke 15 1 pivot0 1", // a root leaf has no depth 1
      "poke 15 0 pivot15 1", // a leaf has 15 pivots
      "poke 15 0 slot16 1",
      "poke 15 0 gap0 1", // no gaps in a leaf
      "poke 15 0 slot2 7", // slots: 0, 1-9, 10-19

      "load 15",
    ];
    expect(runTraceText(`${lines.join("\n")}\n`)).toBe(
      "err -EINVAL\nok\nerr -EINVAL\nok\nerr -EINVAL\nerr -EINVAL\nerr -EINVAL\nerr -EINVAL\nok\n7\n",
    );
  });

  it("writes behind the tree's back: validate and the walk see what poke broke", () => {
    // Pivots 9 19 29 39: slot 1 now ends at 5, below slot 0's 9, so 15 walks to slot 2.
    const out = runTraceText(
      `${leaf}validate\npoke 15 0 pivot1 5\nvalidate\nload 15\npoke 15 0 pivot1 19\nvalidate\nload 15\n`,
    );
    expect(out).toBe(
      "ok\nok\nvalid\nok\ninvalid 1 first=WARN:mas_validate_limits:7504\nnull\nok\nvalid\n1\n",
    );
  });

  it("copies a parent word from the node at the same depth, and refuses the root's", () => {
    const holes = Array.from(
      { length: 13 },
      (_, i) => `store ${100 + i * 200} ${199 + i * 200} null`,
    );
    const lines = [
      "store 0 max 1",
      ...holes,
      "poke 0 0 parent 5",
      "poke 0 0 parent self",
      "poke 0 2 parent 5",
      "poke 0 1 parent 0",
      "validate",
      "poke 0 1 parent 1600",
      "validate",
    ];
    expect(runTraceText(`${lines.join("\n")}\n`)).toMatch(
      /err -EINVAL\nerr -EINVAL\nerr -EINVAL\nok\nvalid\nok\ninvalid 3 first=BUG:mas_validate_parent_slot:7433\n$/,
    );
  });

  it("moves the metadata end, and refuses it when a full leaf's last slot holds data", () => {
    expect(runTraceText(`${leaf}poke 0 0 end 1\nvalidate\n`)).toBe(
      "ok\nok\nok\ninvalid 1 first=BUG:mas_validate_limits:7525\n",
    );
    // Two leaves, 0-1499 (full: 15 pivots, the last one its max) and 1500-max (12 slots).
    const holes = Array.from(
      { length: 13 },
      (_, i) => `store ${100 + i * 200} ${199 + i * 200} null`,
    );
    const twoLeaves = ["store 0 max 1", ...holes, "poke 0 1 end 1", "poke 1600 1 end 1"];
    expect(runTraceText(`${twoLeaves.join("\n")}\n`)).toMatch(/ok\nerr -EINVAL\nok\n$/);
  });
});
