/** The writer log's text form (native/explore/print.c) parsed into typed events. */
import { describe, expect, it } from "vitest";
import {
  KernelLogError,
  parseKernelLog,
} from "../../../../src/backend/kernel/explore/kernel-log.js";
import {
  decodeWord,
  kernelPlaceName,
} from "../../../../src/backend/kernel/explore/kernel-words.js";

const LOG = `arena base=0x200000000000 nodes=0x200000001000 node-size=256 root-offset=48 flags-offset=40
op-begin op=0
alloc node=2 at=kmem_cache_alloc:35 via=mas_alloc_nodes
block-begin block=0 kind=memcpy place=node:2:8 bytes=16 at=mas_wr_node_store:3821 via=mas_wr_store_entry
store place=node:2:8 size=8 old=0x0 new=0xfff class=plain at=mas_wr_node_store:3821 via=mas_wr_store_entry block=0
store place=node:2:16 size=8 old=0x0 new=0x1fff class=plain at=mas_wr_node_store:3821 via=mas_wr_store_entry block=0
block-end block=0
store place=node:2:248 size=1 old=0x0 new=0x7 word=0x7 class=plain at=ma_set_meta:878 via=mas_wr_store_entry
store place=root size=8 old=0x20000000110e new=0x20000000120e class=atomic order=release at=mas_put_in_tree:1717 via=mas_put_in_tree
fence kind=wmb at=mte_set_node_dead:326 via=mas_put_in_tree
call-rcu seg=0 node=1 fn=mt_free_rcu at=ma_free_rcu:199 via=mas_wr_store_entry
op-end op=0 result=err -17
grace-period seg=0
free node=1 at=mt_free_rcu:186 via=mt_free_rcu seg=0
node index=1 type=leaf_64 in=before
node index=2 type=leaf_64 in=after
end ops=1 events=13 stores=4 record-us=8.5`;

describe("parseKernelLog", () => {
  const log = parseKernelLog(LOG.split("\n"));

  it("reads the layout, the events, the node types and the totals", () => {
    expect(log.layout).toEqual({
      base: 0x200000000000n,
      nodes: 0x200000001000n,
      nodeSize: 256,
      rootOffset: 48,
      flagsOffset: 40,
    });
    expect(log.events.map((e) => e.kind)).toEqual([
      "op-begin",
      "alloc",
      "block-begin",
      "store",
      "store",
      "block-end",
      "store",
      "store",
      "fence",
      "call-rcu",
      "op-end",
      "grace-period",
      "free",
    ]);
    expect(log.nodes.get(2)).toEqual({ type: "leaf_64", in: "after" });
    expect([log.ops, log.stores, log.recordMicros]).toEqual([1, 4, 8.5]);
  });

  it("keeps each access's place, class, order, block, segment and source", () => {
    expect(log.events[3]).toEqual({
      kind: "store",
      place: { kind: "node", node: 2, offset: 8 },
      size: 8,
      old: 0n,
      value: 0xfffn,
      class: "plain",
      at: { func: "mas_wr_node_store", line: 3821, via: "mas_wr_store_entry" },
      block: 0,
    });
    expect(log.events[6]).toMatchObject({ size: 1, word: 7n });
    expect(log.events[7]).toMatchObject({
      place: { kind: "root" },
      class: "atomic",
      order: "release",
    });
    expect(log.events[10]).toEqual({ kind: "op-end", op: 0, result: "err -17" });
    expect(log.events[12]).toMatchObject({ kind: "free", node: 1, segment: 0 });
  });

  it("names words by the node's type and decodes pointers into the arena", () => {
    expect(kernelPlaceName(log, { kind: "node", node: 2, offset: 16 })).toBe("node 2 pivot[1]");
    expect(kernelPlaceName(log, { kind: "node", node: 2, offset: 249 })).toBe(
      "node 2 slot[15]/meta+1",
    );
    expect(decodeWord(log.layout, 0x20000000120en)).toEqual({ kind: "node", node: 2, bits: 14 });
    expect(decodeWord(log.layout, 0x200000000001n)).toEqual({ kind: "tree-root" });
    expect(decodeWord(log.layout, 0x7n)).toEqual({ kind: "int", value: 7n });
  });

  it("refuses what it does not know", () => {
    expect(() => parseKernelLog(["store place=root"])).toThrow(KernelLogError);
    expect(() => parseKernelLog([LOG.split("\n")[0], "jump x=1"])).toThrow(/unknown event/);
    expect(() => parseKernelLog([LOG.split("\n")[0]])).toThrow(/no end line/);
  });
});
