/**
 * Which node words the C writer stores with plain (not WRITE_ONCE, not atomic) stores in the
 * seed-bug scenarios, by what readers can see of the node at the time (issue 12, item 7).
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  type ClassifiedStore,
  classifyStores,
  summarizeStores,
} from "../../../../src/backend/kernel/explore/store-classes.js";
import {
  BUILD_TIMEOUT,
  exploreRunner,
  kernelDir,
  recordOnC,
  seedScenario,
} from "./explore-runner-for-tests.js";

describe.skipIf(kernelDir === undefined)("access classes of the C writer's stores", () => {
  let off: ClassifiedStore[];
  let on: ClassifiedStore[];
  beforeAll(() => {
    exploreRunner();
    off = classifyStores(recordOnC(seedScenario("off")).log);
    on = classifyStores(recordOnC(seedScenario("on")).log);
  }, BUILD_TIMEOUT);

  it("no writer store is a WRITE_ONCE", () => {
    expect([...off, ...on].filter((s) => s.class === "once")).toEqual([]);
  });

  it("RCU off: every word of the live leaf, plainly, by one memcpy", () => {
    expect(off).toHaveLength(32);
    expect(off.every((s) => s.target === "live" && s.class === "plain")).toBe(true);
    expect(new Set(off.map((s) => s.block))).toEqual(new Set(["memcpy@mas_wr_node_store:3861"]));
    expect(off.map((s) => s.place.replace(/^node \d+ /, ""))).toEqual([
      "parent",
      ...Array.from({ length: 15 }, (_, i) => `pivot[${i}]`),
      ...Array.from({ length: 15 }, (_, i) => `slot[${i}]`),
      "slot[15]/meta",
    ]);
  });

  it("RCU on: plain stores to what readers see are the dead mark and the height", () => {
    const visible = on.filter((s) => ["live", "published", "root", "flags"].includes(s.target));
    expect(summarizeStores(visible)).toEqual([
      "root atomic(release) at mas_put_in_tree:1717",
      "flags plain at mas_set_height:209",
      "live parent plain at mte_set_node_dead:325",
    ]);
  });

  it("RCU on: the new leaf is filled plainly but for one release store, before publication", () => {
    const fresh = on.filter((s) => s.target === "new");
    expect(fresh.length).toBeGreaterThan(20);
    expect(
      fresh.filter((s) => s.class !== "plain").map((s) => `${s.place} ${s.order} ${s.at}`),
    ).toEqual(["node 2 slot[4] release mas_wr_node_store:3833"]);
    expect(on.some((s) => s.target === "published")).toBe(false);
  });
});
