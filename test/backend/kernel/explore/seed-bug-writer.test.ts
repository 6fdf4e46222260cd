/**
 * The seed bug's writer (specs/explore-seed-bug-rcu-{off,on}.json: store S down over the gap
 * after B, a node store) recorded on linux 6.12's C tree. RCU off: the live leaf is rewritten
 * in place by one 256-byte memcpy, word by word, and no node is published. RCU on: a new leaf
 * is allocated and filled, published by one release store to the root, and the old leaf is
 * marked dead and retired through call_rcu, its free coming after the grace period.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { KernelEvent } from "../../../../src/backend/kernel/explore/kernel-log.js";
import type { KernelWriterRecording } from "../../../../src/backend/kernel/explore/record-writer.js";
import {
  BUILD_TIMEOUT,
  exploreRunner,
  kernelDir,
  recordOnC,
  seedScenario,
} from "./explore-runner-for-tests.js";

type Store = Extract<KernelEvent, { kind: "store" }>;
const storesOf = (r: KernelWriterRecording): Store[] =>
  r.log.events.filter((e): e is Store => e.kind === "store");

describe.skipIf(kernelDir === undefined)("the seed bug's writer on linux 6.12's C tree", () => {
  let off: KernelWriterRecording;
  let on: KernelWriterRecording;
  beforeAll(() => {
    exploreRunner();
    off = recordOnC(seedScenario("off"));
    on = recordOnC(seedScenario("on"));
  }, BUILD_TIMEOUT);

  it("runs the prefix and the writer as the oracle does", () => {
    for (const r of [off, on]) {
      expect(r.prefixResults).toEqual(["ok", "ok", "ok", "ok"]);
      expect(r.writerResults).toEqual(["ok"]);
      expect(r.log.ops).toBe(1);
    }
  });

  it("RCU off: the one live leaf is rewritten in place, word by word, nothing published", () => {
    const stores = storesOf(off);
    const leaf = [...off.log.nodes].find(([, n]) => n.in === "both");
    expect(leaf?.[1].type).toBe("leaf_64");
    expect(off.log.events.some((e) => e.kind === "alloc" || e.kind === "call-rcu")).toBe(false);
    expect(stores.every((s) => s.place.kind === "node" && s.place.node === leaf?.[0])).toBe(true);
    // One memcpy of the whole node (mas_wr_node_store's copy of the stack node): 32 words.
    const block = off.log.events.find((e) => e.kind === "block-begin");
    expect(block).toMatchObject({
      blockKind: "memcpy",
      bytes: 256,
      at: { func: "mas_wr_node_store" },
    });
    expect(stores).toHaveLength(32);
    expect(stores.every((s) => s.class === "plain" && s.size === 8 && s.block === 0)).toBe(true);
    expect(stores.map((s) => (s.place.kind === "node" ? s.place.offset : -1))).toEqual(
      Array.from({ length: 32 }, (_, i) => i * 8),
    );
    // The words that change: pivot[4..8], slot[4..7] and the metadata (end 8 -> 7).
    const changed = stores
      .filter((s) => s.old !== s.value)
      .map((s) => (s.place as { offset: number }).offset / 8);
    expect(changed).toEqual([5, 6, 7, 8, 9, 20, 21, 22, 23, 31]);
  });

  it("RCU on: a new leaf, filled, published by one release store, the old one retired", () => {
    const ev = on.log.events;
    const alloc = ev.find((e) => e.kind === "alloc");
    expect(alloc).toBeDefined();
    const fresh = (alloc as { node: number }).node;
    const old = [...on.log.nodes].find(([, n]) => n.in === "before")?.[0];
    expect(on.log.nodes.get(fresh)).toEqual({ type: "leaf_64", in: "after" });
    expect(old).not.toBe(fresh);

    const stores = storesOf(on);
    const root = stores.filter((s) => s.place.kind === "root");
    expect(root).toHaveLength(1);
    expect(root[0]).toMatchObject({
      class: "atomic",
      order: "release",
      at: { func: "mas_put_in_tree" },
    });
    const rootAt = stores.indexOf(root[0]);
    // Every store to the new node before the publication, none after but its parent word.
    const toFresh = stores.filter((s) => s.place.kind === "node" && s.place.node === fresh);
    expect(toFresh.every((s) => stores.indexOf(s) < rootAt)).toBe(true);
    // The old node: untouched until published over, then marked dead (parent := itself),
    // a write barrier, call_rcu, and after the grace period its free.
    const toOld = stores.filter(
      (s) => s.place.kind === "node" && s.place.node === old && s.segment === undefined,
    );
    expect(toOld.every((s) => stores.indexOf(s) > rootAt)).toBe(true);
    expect(toOld[0]).toMatchObject({
      place: { offset: 0 },
      class: "plain",
      at: { func: "mte_set_node_dead" },
    });
    const kinds = ev.map((e) => e.kind);
    const dead = ev.indexOf(toOld[0]);
    expect(kinds.slice(dead + 1, dead + 3)).toEqual(["fence", "call-rcu"]);
    expect(ev[dead + 1]).toMatchObject({ fence: "wmb", at: { func: "mte_set_node_dead" } });
    expect(ev[dead + 2]).toMatchObject({ node: old, fn: "mt_free_rcu" });
    const gp = kinds.indexOf("grace-period");
    expect(gp).toBeGreaterThan(kinds.indexOf("op-end"));
    expect(ev[gp + 1]).toMatchObject({ kind: "free", node: old, segment: 0 });
  });
});
