/**
 * A reader crash's site: the kernel function the tree's error names, else the innermost tree
 * function on the stack outside the u64 and memory helpers, in snake_case; never ids or lines.
 */
import { describe, expect, it } from "vitest";
import { crashSite, snakeCase } from "../../../src/checker/explorer/crash-site.js";
import { NullNodeError } from "../../../src/impl/read/cursor-node.js";
import { asChild } from "../../../src/impl/read/walk.js";

/** An error with a stack of the given frames (innermost first). */
function thrownAt(message: string, frames: string[]): Error {
  const e = new TypeError(message);
  e.stack = [`TypeError: ${message}`, ...frames.map((f) => `    at ${f}`)].join("\n");
  return e;
}

describe("crashSite", () => {
  it("takes the kernel function the tree's error names", () => {
    expect(crashSite(new NullNodeError("mas_next_slot"))).toBe("mas_next_slot");
    let thrown: unknown;
    try {
      asChild(7n, "mtree_lookup_walk");
    } catch (e) {
      thrown = e;
    }
    expect(crashSite(thrown)).toBe("mtree_lookup_walk");
  });

  it("otherwise the innermost tree function on the stack, past the u64 and memory helpers", () => {
    const e = thrownAt("Cannot mix BigInt and other types, use explicit conversions", [
      "add64 (file:///w/dist/src/impl/u64.js:10:46)",
      "inc64 (file:///w/dist/src/impl/u64.js:19:16)",
      "masPrevSlot (file:///w/dist/src/impl/read/prev.js:118:27)",
      "masPrevImpl (file:///w/dist/src/impl/read/prev.js:198:12)",
    ]);
    expect(crashSite(e)).toBe("mas_prev_slot");
  });

  it("skips the checker's own frames, anonymous frames and constructors; a method is its name", () => {
    const e = thrownAt("wild read: word 99 of node #3 (16 words)", [
      "new WildReadError (/w/src/impl/memory.ts:25:5)",
      "Execution.read (/w/src/checker/explorer/execution.ts:180:11)",
      "/w/src/impl/node-access.ts:40:3",
      "Object.readPivot (/w/src/impl/node-access.ts:44:10)",
    ]);
    expect(crashSite(e)).toBe("read_pivot");
  });

  it("a text that does not start with a kernel name is not a site", () => {
    // The mutated asChild text ("": `: internal slot ...`) falls back to the stack: as_child.
    let thrown: unknown;
    try {
      asChild(7n, "");
    } catch (e) {
      thrown = e;
    }
    expect(crashSite(thrown)).toBe("as_child");
    expect(crashSite(thrownAt("node #3: parent word is not a node", []))).toBeUndefined();
    expect(crashSite("a string")).toBeUndefined();
  });

  it("spells a TypeScript name as the kernel does", () => {
    expect(snakeCase("mtreeLookupWalk")).toBe("mtree_lookup_walk");
    expect(snakeCase("add64")).toBe("add64");
  });
});
