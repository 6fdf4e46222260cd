/**
 * `maple-check races`: the data races of explore specs on the C tree, grouped; bad input is one
 * line and exit 4.
 */
import { describe, expect, it } from "vitest";
import { cli } from "../../cli/run/helpers.js";
import { kernelTreeForTests } from "./kernel-tree-for-tests.js";

const dir = kernelTreeForTests("6.12");

describe("maple-check races", () => {
  it("needs --kernel", async () => {
    const r = await cli("races", "explore-seed-bug-rcu-on");
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/races needs --kernel DIR/);
  });

  it.skipIf(dir === undefined)(
    "lists the RCU-on seed writer's dead mark as a plain store readers race with",
    async () => {
      const r = await cli("races", "explore-seed-bug-rcu-on", "--kernel", dir as string);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^explore-seed-bug-rcu-on: \d+ data races? in \d+ executions$/m);
      expect(r.out).toMatch(
        /leaf parent .*writer mte_set_node_dead:\d+ plain; reader ma_dead_node:\d+/,
      );
      expect(r.out).not.toMatch(/mas_wr_node_store/);
    },
    300_000,
  );
});
