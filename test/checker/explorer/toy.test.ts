import { describe, expect, it } from "vitest";
import {
  beforeOrAfterWriter,
  type CheckFn,
  explore,
  linearizableAgainstSequential,
  multinomial,
  type ReaderThread,
  type Scenario,
} from "../../../src/checker/explorer/index.js";
import { POISON } from "../../../src/impl/node.js";
import {
  type BruteStep,
  bruteForce,
  permutationsOf,
  type ToyWorld,
  toyNode,
  toyWorld,
} from "./toy-world.js";

type Read = BruteStep & { kind: "read" };

/** A reader that reads the given words of node 0, in order, and returns the values. */
function wordReader(words: number[], rcu = true): ReaderThread<ToyWorld> {
  return {
    rcu,
    ops: [
      {
        name: `read ${words.join(",")}`,
        run: (w) => words.map((i) => w.mem.read(w.nodes[0], i)),
      },
    ],
  };
}

function storesScenario(
  stores: Array<[number, bigint]>,
  readers: number[][],
  block: boolean,
): Scenario<ToyWorld> {
  return {
    name: "toy",
    setup: () => toyWorld(),
    writer: [
      {
        name: "update",
        run: (w) => {
          if (block) w.observer.copyBegin?.(w.nodes[0]);
          for (const [i, v] of stores) w.mem.write(w.nodes[0], i, v);
          if (block) w.observer.copyEnd?.(w.nodes[0]);
        },
      },
    ],
    readers: readers.map((words) => wordReader(words)),
  };
}

function brute(stores: Array<[number, bigint]>, readers: number[][], block: boolean) {
  const steps: BruteStep[] = stores.map(([word, value]) => ({ kind: "store", word, value }));
  const orders = block ? permutationsOf(steps) : [steps];
  return bruteForce(
    orders,
    readers.map((ws) => ws.map((word): Read => ({ kind: "read", word }))),
  );
}

describe("explorer on a two-word toy node", () => {
  const cases: Array<{
    name: string;
    stores: Array<[number, bigint]>;
    readers: number[][];
    block: boolean;
  }> = [
    {
      name: "one reader, ordered stores",
      stores: [
        [0, 1n],
        [1, 1n],
      ],
      readers: [[0, 1]],
      block: false,
    },
    {
      name: "one reader reading backwards",
      stores: [
        [0, 1n],
        [1, 1n],
      ],
      readers: [[1, 0]],
      block: false,
    },
    {
      name: "one reader, re-reading a word",
      stores: [
        [0, 1n],
        [1, 1n],
        [0, 2n],
      ],
      readers: [[0, 1, 0, 1]],
      block: false,
    },
    {
      name: "one reader, unordered copy",
      stores: [
        [0, 1n],
        [1, 1n],
      ],
      readers: [[1, 0, 1]],
      block: true,
    },
    {
      name: "two readers, opposite orders, ordered stores",
      stores: [
        [0, 1n],
        [1, 1n],
      ],
      readers: [
        [0, 1],
        [1, 0],
      ],
      block: false,
    },
    {
      name: "two readers, opposite orders, unordered copy",
      stores: [
        [0, 1n],
        [1, 1n],
      ],
      readers: [
        [0, 1],
        [1, 0],
      ],
      block: true,
    },
    {
      name: "three readers, unordered copy",
      stores: [
        [0, 1n],
        [1, 1n],
      ],
      readers: [
        [0, 1],
        [1, 0],
        [0, 0, 1],
      ],
      block: true,
    },
  ];
  for (const c of cases) {
    it(`${c.name}: same observations as brute force, one execution per observation`, () => {
      const r = explore(storesScenario(c.stores, c.readers, c.block), {
        collectObservations: true,
      });
      const b = brute(c.stores, c.readers, c.block);
      expect(r.verdict).toBe("pass");
      expect(new Set(r.observations)).toEqual(b.observations);
      expect(r.distinctObservations).toBe(b.observations.size);
      expect(r.executions).toBe(r.distinctObservations);
      // The naive count is the brute force's count of interleavings.
      expect(r.naiveInterleavings).toBe(BigInt(b.interleavings));
    });
  }

  it("excludes observations that need two different copy orders", () => {
    const r = explore(
      storesScenario(
        [
          [0, 1n],
          [1, 1n],
        ],
        [
          [0, 1],
          [1, 0],
        ],
        true,
      ),
      { collectObservations: true },
    );
    // Reader 1 sees word 0 new and word 1 old (copy wrote word 0 first); reader 2 sees word 1
    // new and then word 0 old (copy wrote word 1 first): no single memcpy order gives both.
    expect(r.observations).not.toContain("0x1,0x0|0x1,0x0");
    expect(r.observations).toContain("0x1,0x0|0x0,0x1");
  });

  it("counts interleavings combinatorially", () => {
    expect(multinomial([2, 2])).toBe(6n);
    expect(multinomial([3, 2, 1])).toBe(60n);
    expect(multinomial([40, 30, 30])).toBe(
      // 100! / (40! 30! 30!)
      1625692629345979805054966176717351584773681280n,
    );
  });

  it("reports a wrong result with a timeline", () => {
    // The "model": a reader must see both words old or both new.
    const check: CheckFn = (h) => {
      for (const op of h.ops) {
        if (op.kind !== "read") continue;
        const [a, b] = op.result as bigint[];
        if (a !== b) return `torn read ${a}/${b}`;
      }
      return null;
    };
    const r = explore(
      storesScenario(
        [
          [0, 1n],
          [1, 1n],
        ],
        [[0, 1]],
        false,
      ),
      { check },
    );
    expect(r.verdict).toBe("violation");
    const v = r.violations[0];
    expect(v.kind).toBe("check-failed");
    // First torn execution in depth-first order: word 0 read before the copy, word 1 after.
    expect(v.message).toBe("torn read 0/1");
    expect(v.text).toContain("read node#1 parent = 0x0");
    expect(v.text).toMatch(/store node#1 .* := 0x1/);
    const texts = v.timeline.map((l) => l.text);
    const read0 = texts.findIndex((t) => t.startsWith("read node#1 parent"));
    const firstStore = texts.findIndex((t) => t.startsWith("store node#1 parent"));
    const secondStore = texts.findIndex((t) => t.startsWith("store node#1 pivot[1]"));
    const read1 = texts.findIndex((t) => t.startsWith("read node#1 pivot[1] = 0x1"));
    expect(read0).toBeLessThan(firstStore);
    expect(secondStore).toBeLessThan(read1);
    expect(v.text).toContain("reader1 read 0,1 -> [0x0, 0x1]");
  });

  it("finds a new-then-old inversion between two readers of different words", () => {
    // Each reader reads one word of the copy. Alone, each sees the old or the new state; but if
    // the copy writes word 0 first, reader 1 can see new and finish before reader 2 sees old.
    const s: Scenario<ToyWorld> = {
      setup: () => toyWorld(),
      writer: [
        {
          name: "copy",
          run: (w) => {
            w.observer.copyBegin?.(w.nodes[0]);
            w.mem.write(w.nodes[0], 0, 1n);
            w.mem.write(w.nodes[0], 1, 1n);
            w.observer.copyEnd?.(w.nodes[0]);
          },
        },
      ],
      readers: [
        { ops: [{ name: "read word 0", run: (w) => w.mem.read(w.nodes[0], 0) }] },
        { ops: [{ name: "read word 1", run: (w) => w.mem.read(w.nodes[0], 1) }] },
      ],
    };
    expect(explore(s, { check: beforeOrAfterWriter(s) }).verdict).toBe("pass");
    const r = explore(s, { check: linearizableAgainstSequential(s) });
    expect(r.verdict).toBe("violation");
    expect(r.violations[0].message).toContain("not linearizable");
    // One reader saw its word new and finished before the other started and saw its word old.
    expect(r.violations[0].message).toContain("responded before it was called");
    const t = r.violations[0].timeline.map((l) => `${l.thread}: ${l.text}`);
    const newer = t.findIndex((l) => /: end read word \d -> 0x1$/.test(l));
    const olderStart = t.findIndex((l, i) => i > newer && /: start read word \d$/.test(l));
    const olderEnd = t.findIndex((l) => /: end read word \d -> 0x0$/.test(l));
    expect(newer).toBeGreaterThanOrEqual(0);
    expect(olderStart).toBeGreaterThan(newer);
    expect(olderEnd).toBeGreaterThan(olderStart);
  });

  it("stops at the execution budget with verdict incomplete", () => {
    const r = explore(
      storesScenario(
        [
          [0, 1n],
          [1, 1n],
        ],
        [[0, 1]],
        false,
      ),
      { maxExecutions: 2 },
    );
    expect(r.executions).toBe(2);
    expect(r.verdict).toBe("incomplete");
  });

  it("a preemption bound of 0 leaves only the reader-first execution and is incomplete", () => {
    const r = explore(
      storesScenario(
        [
          [0, 1n],
          [1, 1n],
        ],
        [[0, 1]],
        false,
      ),
      { preemptionBound: 0, collectObservations: true },
    );
    expect(r.executions).toBe(1);
    expect(r.observations).toEqual(["0x0,0x0"]);
    expect(r.verdict).toBe("incomplete");
  });

  it("a reader that never finishes is a livelock", () => {
    const s: Scenario<ToyWorld> = {
      setup: () => toyWorld(),
      writer: [{ name: "set", run: (w) => w.mem.write(w.nodes[0], 0, 1n) }],
      readers: [
        {
          ops: [
            {
              name: "spin until set",
              run: (w) => {
                while (w.mem.read(w.nodes[0], 0) !== 1n) {}
                return 1n;
              },
            },
          ],
        },
      ],
    };
    const r = explore(s, { readerStepBudget: 50 });
    expect(r.verdict).toBe("violation");
    expect(r.violations[0].kind).toBe("livelock");
  });
});

describe("grace periods on the toy world", () => {
  /** Root points at node A; the writer publishes B and frees A through call_rcu. */
  function replaceScenario(readers: ReaderThread<ToyWorld>[]): Scenario<ToyWorld> {
    return {
      setup: () => {
        const w = toyWorld(1);
        w.nodes[0].words[0] = 7n;
        w.nodes[0].words[1] = 8n;
        return w;
      },
      writer: [
        {
          name: "replace",
          run: (w) => {
            const b = toyNode(0n, 0n);
            w.mem.write(b, 0, 7n);
            w.mem.write(b, 1, 9n);
            const a = w.nodes[0];
            w.mem.writeRoot(w.root, b);
            w.rcu.callRcu(() => {
              w.mem.write(a, 0, POISON);
              w.mem.write(a, 1, POISON);
            });
          },
        },
      ],
      readers,
    };
  }
  const lookup = (w: ToyWorld): unknown => {
    const n = w.mem.readRoot(w.root) as ReturnType<typeof toyNode>;
    return [w.mem.read(n, 0), w.mem.read(n, 1)];
  };
  const hasPoison = (obs: string[] | undefined): boolean =>
    (obs ?? []).some((o) => o.includes("POISON"));

  it("a reader inside an RCU section never sees the freed node", () => {
    const r = explore(replaceScenario([{ rcu: true, ops: [{ name: "lookup", run: lookup }] }]), {
      collectObservations: true,
    });
    expect(r.verdict).toBe("pass");
    expect(r.gracePeriods).toBe(1);
    expect(hasPoison(r.observations)).toBe(false);
    expect(r.executions).toBe(r.distinctObservations);
  });

  it("two protected readers: neither sees the free", () => {
    const op = { name: "lookup", run: lookup };
    const r = explore(replaceScenario([{ ops: [op] }, { ops: [op] }]), {
      collectObservations: true,
    });
    expect(hasPoison(r.observations)).toBe(false);
  });

  it("a reader outside an RCU section can see the freed node", () => {
    const r = explore(replaceScenario([{ rcu: false, ops: [{ name: "lookup", run: lookup }] }]), {
      collectObservations: true,
    });
    expect(hasPoison(r.observations)).toBe(true);
  });

  it("a protected reader delays the free for an unprotected one", () => {
    // Reader 1 (protected) reads the old root and then both words of A; reader 2 is unprotected.
    // Reader 2 may see POISON only in executions where reader 1's operation ended before.
    const op = { name: "lookup", run: lookup };
    const r = explore(
      replaceScenario([
        { rcu: true, ops: [op] },
        { rcu: false, ops: [op] },
      ]),
      { collectObservations: true },
    );
    const obs = r.observations ?? [];
    expect(obs.filter((o) => o.split("|")[0].includes("POISON"))).toEqual([]);
    expect(obs.some((o) => o.split("|")[1].includes("POISON"))).toBe(true);
  });

  it("a pointer kept across RCU sections can be used after free", () => {
    const r = explore(
      replaceScenario([
        {
          rcu: true,
          ops: [
            {
              name: "get root",
              run: (w, local) => {
                local.node = w.mem.readRoot(w.root);
                return null;
              },
            },
            {
              name: "read stale node",
              run: (w, local) => w.mem.read(local.node as ReturnType<typeof toyNode>, 1),
            },
          ],
        },
      ]),
      { collectObservations: true },
    );
    expect(hasPoison(r.observations)).toBe(true);
  });
});
