import { it } from "vitest";
import { MaState } from "../../../src/impl/ma-state.js";
import { MapleTree } from "../../../src/impl/tree.js";
import { ULONG_MAX } from "../../../src/impl/u64.js";
it("perf", () => {
  const t = new MapleTree({ flags: 1 });
  for (let i = 0n; i < 10000n; i++) t.store(i * 10n, i * 10n + 5n, i + 1n);
  const time = (name: string, n: number, f: () => void) => {
    const s = performance.now();
    f();
    const ms = performance.now() - s;
    console.log(`${name}: ${ms.toFixed(0)} ms, ${((ms * 1000) / n).toFixed(2)} us/op`);
  };
  time("mtree_load x100k", 100000, () => { for (let i = 0; i < 100000; i++) t.load(BigInt((i * 7919) % 100000)); });
  time("mt_find x100k", 100000, () => { for (let i = 0; i < 100000; i++) t.find(BigInt((i * 7919) % 100000), ULONG_MAX); });
  time("mas_find full iteration (10k entries)", 10000, () => { const m = new MaState(t, 0n); while (m.find(ULONG_MAX) !== null); });
  time("mas_prev full iteration (10k entries)", 10000, () => { const m = new MaState(t, ULONG_MAX); while (m.prev(0n) !== null); });
  time("mas_empty_area x10k", 10000, () => { for (let i = 0; i < 10000; i++) new MaState(t).emptyArea(BigInt(i * 10), ULONG_MAX, 4n); });
  time("mas_empty_area_rev x10k", 10000, () => { for (let i = 0; i < 10000; i++) new MaState(t).emptyAreaRev(0n, BigInt(i * 10 + 9), 4n); });
  time("mt_validate (10k entries) x10", 10, () => { for (let i = 0; i < 10; i++) if (t.validate().length) throw new Error("invalid"); });
});
