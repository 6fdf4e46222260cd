/**
 * vma-runner's store log (tree_log) to an mm-explore scenario, on answers the runner gave for
 * `vma_link 0x1000 0x2000`, `vma_link 0x3000 0x8000`, then `split 0x5000`.
 */
import { describe, expect, it } from "vitest";
import { MmExploreError } from "../../src/checker/mm-explore/compile-mm-scenario.js";
import { MmExploreSpec } from "../../src/checker/mm-explore/mm-explore-spec.js";
import { compileVmaLog, parseTreeLog } from "../../src/checker/mm-explore/vma-tree-log.js";

const A = "0x60d000000040";
const B = "0x60d000000110";
const N = "0x60d0000001e0";
const PREFIX_LOG = `s 4096 8191 ${A} v ${A} 4096 8192 0 ; s 12288 32767 ${B} v ${A} 4096 8192 0 v ${B} 12288 32768 0 ; e v ${A} 4096 8192 0 v ${B} 12288 32768 0 l 0-18446744073709551615 r 0-18446744073709551615`;
const SPLIT_LOG = `s 12288 20479 ${N} v ${A} 4096 8192 0 v ${B} 20480 32768 1 v ${N} 12288 20480 0 ; e v ${A} 4096 8192 0 v ${N} 12288 20480 0 v ${B} 20480 32768 1 l 0-18446744073709551615 r 0-18446744073709551615`;

const spec = MmExploreSpec.parse({
  source: "vma.c",
  prefix: ["vma_link 0x1000 0x2000 0x73", "vma_link 0x3000 0x8000 0x73"],
  writer: "split 0x5000",
  readers: [
    { name: "low", kind: "lockless", addr: "0x3000" },
    { kind: "lockless", addr: "0x7000" },
  ],
});

describe("vma.c's store log becomes an mm-explore scenario", () => {
  it("each store is a tree line naming a stable VMA id; NULL stores store null", () => {
    const c = compileVmaLog("t", spec, PREFIX_LOG, SPLIT_LOG);
    expect(c.data.prefix).toEqual(["store 4096 8191 1", "store 12288 32767 2"]);
    expect(c.data.writer).toEqual(["store 12288 20479 3"]);
    expect(c.data.flags).toEqual({ alloc: true, rcu: true });
    expect(c.data.readers).toEqual([
      { name: "low", kind: "rcu", lines: ["walk 0x3000"] },
      { name: "reader2", kind: "rcu", lines: ["walk 0x7000"] },
    ]);
    const erase = compileVmaLog(
      "t",
      spec,
      PREFIX_LOG,
      `s 12288 32767 0 v ${A} 4096 8192 0 v ${B} 12288 32768 1 ; e v ${A} 4096 8192 0 l 0-18446744073709551615 r 0-18446744073709551615`,
    );
    expect(erase.data.writer).toEqual(["store 12288 32767 null"]);
    expect(erase.after.map((v) => v.id)).toEqual([1]);
  });

  it("spans are in pages; a view marks the VMAs vma_start_write bumped since the writer began", () => {
    const c = compileVmaLog("t", spec, PREFIX_LOG, SPLIT_LOG);
    expect(c.before.map((v) => [v.id, v.start, v.end])).toEqual([
      [1, 1, 2],
      [2, 3, 8],
    ]);
    expect(c.after.map((v) => [v.id, v.start, v.end])).toEqual([
      [1, 1, 2],
      [3, 3, 5],
      [2, 5, 8],
    ]);
    expect(c.views).toHaveLength(2);
    expect(c.views[0].every((v) => !v.locked)).toBe(true);
    // Before the split's store: B already moved its start (locked), the new VMA locked from
    // 4294967295 to 0, A untouched.
    expect(c.views[1]).toEqual([
      { id: 1, start: 1, end: 2, locked: false },
      { id: 2, start: 5, end: 8, locked: true },
      { id: 3, start: 3, end: 5, locked: true },
    ]);
  });

  it("a VMA never write-locked keeps 4294967295 and reads unlocked", () => {
    const log = `s 12288 20479 ${N} v ${A} 4096 8192 0 v ${N} 12288 20480 4294967295 ; e v ${A} 4096 8192 0 v ${N} 12288 20480 4294967295 l 0-18446744073709551615 r 0-18446744073709551615`;
    const c = compileVmaLog("t", spec, PREFIX_LOG, log);
    expect(c.views[1].find((v) => v.id === 3)?.locked).toBe(false);
  });

  it("a pointer gone from the tree at a log's end is forgotten: its address comes back as a new id", () => {
    const gone = `s 12288 32767 0 v ${A} 4096 8192 0 v ${B} 12288 32768 1 ; e v ${A} 4096 8192 0 l 0-18446744073709551615 r 0-18446744073709551615`;
    const again = `s 20480 24575 ${B} v ${A} 4096 8192 0 v ${B} 20480 24576 0 ; e v ${A} 4096 8192 0 v ${B} 20480 24576 0 l 0-18446744073709551615 r 0-18446744073709551615`;
    // The prefix ends with B removed; the writer stores a new VMA at B's old address.
    const c = compileVmaLog("t", spec, `${PREFIX_LOG.split(" ; e ")[0]} ; ${gone}`, again);
    expect(c.data.writer).toEqual(["store 20480 24575 3"]);
  });

  it("leaves the replay would build otherwise are refused: the explored tree would not be the mm's", () => {
    const bad = SPLIT_LOG.replace(
      / r 0-18446744073709551615$/,
      " r 0-4095 r 4096-18446744073709551615",
    );
    expect(() => compileVmaLog("t", spec, PREFIX_LOG, bad)).toThrow(MmExploreError);
    expect(() => compileVmaLog("t", spec, PREFIX_LOG, bad)).toThrow(/build leaves/);
  });

  it("a record it does not understand, or a log without its end, is an error", () => {
    expect(() => parseTreeLog("x 1 2")).toThrow(/not understood/);
    expect(() => parseTreeLog(`s 1 2 ${A}`)).toThrow(/no end record/);
    expect(() => parseTreeLog("e replay-failed")).toThrow(/could not replay/);
  });

  it("the pre-seed flavour explores the tree without RCU mode", () => {
    const pre = MmExploreSpec.parse({ ...spec, flavour: "pre-seed" });
    expect(compileVmaLog("t", pre, PREFIX_LOG, SPLIT_LOG).data.flags).toEqual({
      alloc: true,
      rcu: false,
    });
  });
});
