/**
 * Data races in the LKMM's sense on linux 6.12's C tree (issue 12, item 7): reader reads and
 * writer stores to the same word that the explorer finds unordered, at least one side plain.
 * RCU off, the seed bug's in-place memcpy races with every reader of the live leaf's words
 * (changed or rewritten with the same value); RCU on, what remains is the dead mark (read by ma_dead_node and mte_parent) and
 * call_rcu's rcu_head over pivot[0..1] of the retired leaf, both by design.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type DataRace,
  scenarioDataRaces,
} from "../../../../src/backend/kernel/explore/data-races.js";
import { exploreKernel } from "../../../../src/backend/kernel/explore/kernel-explore.js";
import { kernelScenarioOptions } from "../../../../src/backend/kernel/explore/kernel-explore-scenario.js";
import {
  compileKernelScenario,
  type KernelCompiledScenario,
  KernelExploreSession,
} from "../../../../src/backend/kernel/explore/kernel-scenario.js";
import { specScenario } from "../../../../src/checker/scenario/index.js";
import { boundsOf } from "../../../../src/checker/scenario/run-explore-spec.js";
import { loadSpecFile } from "../../../../src/checker/spec/load-spec.js";
import { BUILD_TIMEOUT, exploreRunner, kernelDir } from "./explore-runner-for-tests.js";

const seed = (rcu: "off" | "on") =>
  loadSpecFile(join(import.meta.dirname, `../../../../specs/explore-seed-bug-rcu-${rcu}.json`));

const where = (r: DataRace): string => `${r.word} ${r.target} @${r.writer.at}`;

describe.skipIf(kernelDir === undefined)("data races on the C tree (linux 6.12)", () => {
  let session: KernelExploreSession;
  let off: KernelCompiledScenario;
  let on: KernelCompiledScenario;
  beforeAll(() => {
    session = new KernelExploreSession(exploreRunner());
    off = compileKernelScenario(specScenario(seed("off")), session);
    on = compileKernelScenario(specScenario(seed("on")), session);
  }, BUILD_TIMEOUT);
  afterAll(() => session?.close());

  it("RCU off: the in-place memcpy of mas_wr_node_store races on the live leaf's words", () => {
    const r = scenarioDataRaces(off, boundsOf(seed("off")));
    expect(r.complete).toBe(true);
    expect(r.verdict).toBe("violation");
    for (const x of r.races) {
      expect(x.target).toBe("live");
      expect(x.writer).toEqual({
        at: "mas_wr_node_store:3861",
        class: "plain",
        block: "memcpy@mas_wr_node_store:3861",
      });
    }
    // Words whose value the copy changed (a reader's choice tells the store's sides apart).
    expect([...new Set(r.races.filter((x) => !x.sameValue).map((x) => x.word))].sort()).toEqual([
      "leaf pivot[4]",
      "leaf pivot[5]",
      "leaf pivot[6]",
      "leaf pivot[7]",
      "leaf slot[15]/meta",
      "leaf slot[4]",
      "leaf slot[5]",
      "leaf slot[6]",
      "leaf slot[7]",
    ]);
    // The copy also rewrites unchanged words under the readers: still races for the LKMM.
    const same = new Set(r.races.filter((x) => x.sameValue).map((x) => x.word));
    for (const w of ["leaf parent", "leaf pivot[0]", "leaf pivot[3]", "leaf slot[3]"])
      expect(same).toContain(w);
    // Pivots and the metadata are read plainly; slots through rcu_dereference (the store is
    // the plain side).
    const readers = new Set(r.races.map((x) => `${x.reader.at} ${x.reader.class}`));
    expect(readers).toContain("mtree_lookup_walk:3633 plain");
    expect(readers).toContain("mtree_range_walk:2772 plain");
    expect(readers).toContain("ma_meta_end:928 plain");
    expect(readers).toContain("mt_slot:791 atomic");
    expect(
      r.races
        .filter((x) => x.word.includes("slot[") && !x.word.includes("meta"))
        .map((x) => x.plain),
    ).not.toContain("both");
  });

  it("RCU on: the dead mark and call_rcu's rcu_head remain, nothing from the node store", () => {
    const r = scenarioDataRaces(on, boundsOf(seed("on")));
    expect(r.complete).toBe(true);
    expect(r.verdict).toBe("pass");
    expect(r.races.some((x) => x.sameValue)).toBe(false);
    expect([...new Set(r.races.map(where))].sort()).toEqual([
      "leaf parent live @mte_set_node_dead:325",
      "leaf pivot[0] retired @ma_free_rcu:199",
      "leaf pivot[1] retired @ma_free_rcu:199",
    ]);
    expect(
      [...new Set(r.races.filter((x) => x.word === "leaf parent").map((x) => x.reader.at))].sort(),
    ).toEqual(["ma_dead_node:563", "mte_parent:548"]);
    // mas_set_height stores ma_flags plainly, but the same height: no value a reader could
    // tell apart, so no race this first cut can see.
    expect(r.races.some((x) => x.word === "ma_flags")).toBe(false);
  });

  it("an example's path replays", () => {
    const r = scenarioDataRaces(off, boundsOf(seed("off")));
    const x = r.races[r.races.length - 1];
    const one = exploreKernel(off, {
      ...kernelScenarioOptions(off, boundsOf(seed("off")), false),
      replayPath: x.example.path,
    });
    expect(one.executions).toBe(1);
  });
});
