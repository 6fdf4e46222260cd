/**
 * `.allocated`: the maple nodes allocated and not yet freed. The counts below were printed by
 * the project's C runner (native/runner, Linux 6.12.118) for the same lines.
 */
import { describe, expect, it } from "vitest";
import { synchronousRcu } from "../../src/impl/memory.js";
import { TraceMachine } from "../../src/trace/execute.js";
import { parseTrace } from "../../src/trace/parse.js";
import { runTraceText } from "../../src/trace/run-trace.js";

/** `store 10i 10i+4 i` for i in 1..n: twelve fill two leaves under a root (height 2). */
function stores(n: number): string {
  let s = "";
  for (let i = 1; i <= n; i++) s += `store ${10 * i} ${10 * i + 4} ${i}\n`;
  return s;
}

/** The lines a trace prints for its `.allocated` lines only. */
function counts(trace: string): string[] {
  const lines = parseTrace(trace);
  const out = runTraceText(trace).split("\n");
  return lines.flatMap((l, i) => (l.name === ".allocated" ? [out[i] as string] : []));
}

describe(".allocated", () => {
  it("parses as an operation without arguments", () => {
    expect(parseTrace(".allocated\n")[0]?.parsed).toEqual({
      kind: "op",
      op: { op: ".allocated" },
    });
  });

  it("answers `err parse` to an argument and `err unknown-op` to another spelling", () => {
    expect(runTraceText(".allocated 5\n.allocated x\n.Allocated\n")).toBe(
      "err parse\nerr parse\nerr unknown-op\n",
    );
  });

  it("counts no node for an empty tree or a root entry, three for a root over two leaves", () => {
    expect(counts(`.allocated\nstore 0 0 1\n.allocated\n${stores(12)}.allocated\n`)).toEqual([
      "0",
      "0",
      "3",
    ]);
  });

  it("counts a replaced node as freed once its grace period is over (RCU mode)", () => {
    const trace = `init rcu\n${stores(12)}store 15 15 7\n.allocated\nerase 30\n.allocated\ndestroy\n.allocated\n`;
    expect(counts(trace)).toEqual(["3", "3", "0"]);
  });

  it("waits for the RCU callbacks still pending, as rcu_barrier does", () => {
    // Grace periods that end only while `armed`: the writes leave their frees pending.
    const rcu = synchronousRcu();
    let armed = false;
    const machine = new TraceMachine({
      tree: { rcu: { callRcu: rcu.callRcu, quiesce: () => armed && rcu.quiesce() } },
    });
    for (const line of parseTrace(`init rcu\n${stores(12)}store 15 15 7\n`)) machine.runLine(line);
    // In RCU mode the writes replace the nodes they change: 12 old ones wait to be freed.
    expect(machine.tree.nodesLive).toBe(15);
    armed = true;
    expect(machine.run({ op: ".allocated" })).toEqual({ kind: "number", value: 3 });
  });

  it("keeps counting what a tree that `init` replaced left allocated", () => {
    // Both trees free everything: the count starts again at zero.
    expect(counts(`${stores(12)}init alloc\n.allocated\n${stores(12)}.allocated\n`)).toEqual([
      "0",
      "3",
    ]);
  });
});
