import { describe, expect, it } from "vitest";
import { compileMmScenario } from "../../src/checker/mm-explore/compile-mm-scenario.js";
import { MmExploreSpec } from "../../src/checker/mm-explore/mm-explore-spec.js";

const PREFIX = ["mmap 0 0x1000-0x2000 rw- fixed anon", "mmap 0 0x3000-0x4000 r-- fixed file1@0x0"];

function compile(writer: string, readers = [{ kind: "lockless", addr: "0x3000" }]) {
  return compileMmScenario("t", MmExploreSpec.parse({ prefix: PREFIX, writer, readers }));
}

describe("mm-explore compiles an mm scenario to tree lines", () => {
  it("the prefix and the writer become the stores the layer sends to the mm's tree", () => {
    const c = compile("munmap 0 0x3000-0x4000");
    expect(c.data.prefix).toEqual(["store 4096 8191 1", "store 12288 16383 2"]);
    // munmap's side tree (mt_detach) is another session: only the mm tree's store is kept.
    expect(c.data.writer).toEqual(["store 12288 16383 null"]);
    expect(c.data.readers).toEqual([{ name: "reader1", kind: "rcu", lines: ["walk 0x3000"] }]);
    expect(c.data.flags).toEqual({ alloc: true, rcu: true });
    expect(c.before.map((v) => [v.id, v.start, v.end])).toEqual([
      [1, 1, 2],
      [2, 3, 4],
    ]);
    expect(c.after.map((v) => v.id)).toEqual([1]);
  });

  it("the pre-seed flavour builds the tree without RCU mode", () => {
    const e = MmExploreSpec.parse({
      flavour: "pre-seed",
      prefix: PREFIX,
      writer: "mmap 0 0x5000-0x6000 rw- fixed anon",
      readers: [{ kind: "lockless", addr: "0x5000" }],
    });
    const c = compileMmScenario("t", e);
    expect(c.data.flags).toEqual({ alloc: true, rcu: false });
    expect(c.data.writer).toEqual(["store 20480 24575 3"]);
  });

  it("a writer that stores nothing leaves every reader before and after only", () => {
    const c = compile("mprotect 0 0x1000-0x2000 r--");
    expect(c.data.writer).toEqual([]);
    expect(c.interleaved).toEqual([]);
    expect(c.exclusive.map((r) => r.name)).toEqual(["reader1"]);
  });

  it("refuses a reader address that is not page-aligned and a writer that is a lookup", () => {
    const bad = (o: object) =>
      MmExploreSpec.safeParse({ prefix: PREFIX, writer: "munmap 0 0x3000-0x4000", ...o });
    expect(bad({ readers: [{ kind: "lockless", addr: "0x3001" }] }).success).toBe(false);
    expect(
      bad({ writer: "find_vma 0 0x1000", readers: [{ kind: "lockless", addr: "0x3000" }] }).success,
    ).toBe(false);
  });
});
