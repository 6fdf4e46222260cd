/**
 * Many executions start from the tree the prefix built: a snapshot of the arena's used part
 * and a restore before each. A writer recorded after a restore logs exactly what it logged
 * the first time; a restore of the seed scenario's tree costs well under a microsecond.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { parseKernelLog } from "../../../../src/backend/kernel/explore/kernel-log.js";
import {
  initLine,
  runExploreScript,
} from "../../../../src/backend/kernel/explore/record-writer.js";
import {
  BUILD_TIMEOUT,
  exploreRunner,
  kernelDir,
  seedScenario,
} from "./explore-runner-for-tests.js";

const RUNS = 200;

describe.skipIf(kernelDir === undefined)("snapshot and restore of the arena", () => {
  let out: string[];
  beforeAll(() => {
    const d = seedScenario("on");
    const writer = ["record", ...d.writer, "end"];
    out = runExploreScript(exploreRunner().binary, [
      initLine(d.flags),
      ...d.prefix,
      "snapshot",
      ...Array.from({ length: RUNS }, () => ["restore", ...writer]).flat(),
      "bench-restore 200000",
    ]);
  }, BUILD_TIMEOUT);

  /** Each log: from its `arena` line to its `end` line. */
  const logs = (): string[][] => {
    const all: string[][] = [];
    let current: string[] | undefined;
    for (const l of out) {
      if (l.startsWith("arena ")) current = [];
      current?.push(l);
      if (l.startsWith("end ") && current !== undefined) {
        all.push(current);
        current = undefined;
      }
    }
    return all;
  };

  it("gives the same log after every restore", () => {
    const all = logs();
    expect(all).toHaveLength(RUNS);
    const strip = (l: string[]): string => l.filter((x) => !x.startsWith("end ")).join("\n");
    expect(new Set(all.map(strip)).size).toBe(1);
    expect(out.filter((l) => l === "restored")).toHaveLength(RUNS);
  });

  it("is cheap: the restore and the recording, measured", () => {
    const snap = out.find((l) => l.startsWith("snapshot "));
    expect(snap).toMatch(/^snapshot bytes=\d+ nodes=2$/);
    const bench = out.find((l) => l.startsWith("bench-restore "));
    const ns = Number(/ns-per-restore=([\d.]+)/.exec(bench ?? "")?.[1]);
    const micros = logs()
      .map((l) => parseKernelLog(l).recordMicros)
      .sort((a, b) => a - b);
    console.log(
      `explore runner: ${snap}; restore ${ns} ns; recording the seed writer (RCU on) median ${micros[RUNS >> 1]} us, min ${micros[0]} us`,
    );
    expect(ns).toBeLessThan(5_000);
    expect(micros[RUNS >> 1]).toBeLessThan(5_000);
  });
});
