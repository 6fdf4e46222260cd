/**
 * An mm reader as a tree-level reader thread. lock_vma_under_rcu is one `walk ADDR` in an RCU
 * section; find_vma interleaved (pre-6.5 expansion under the read lock) is `find ADDR max`, an
 * mt_find that takes the RCU read lock itself; an iterate reader is a vma iterator set at ADDR
 * (vma_iter_init: `mset ADDR`) calling vma_next (mas_find to ULONG_MAX: `mfind max`) once per
 * step, all in one RCU read-side section, as lock_next_vma runs under rcu_read_lock.
 */
import { PAGE_SIZE } from "../../mm/index.js";
import type { ReaderData } from "../scenario/scenario-data.js";
import type { MmReader } from "./compile-mm-scenario.js";

export function mmReaderThread(r: MmReader): ReaderData {
  const addr = `0x${(BigInt(r.page) * PAGE_SIZE).toString(16)}`;
  switch (r.kind) {
    case "lockless":
      return { name: r.name, kind: "rcu", lines: [`walk ${addr}`] };
    case "locked":
      return { name: r.name, kind: "rcu-per-op", lines: [`find ${addr} max`] };
    case "iterate":
      return {
        name: r.name,
        kind: "rcu",
        lines: [`mset ${addr}`, ...Array.from({ length: r.steps ?? 1 }, () => "mfind max")],
      };
  }
}

/** How a report names the reader's lookup. */
export function mmReaderText(r: MmReader): string {
  const at = `0x${(BigInt(r.page) * PAGE_SIZE).toString(16)}`;
  switch (r.kind) {
    case "lockless":
      return `lock_vma_under_rcu at ${at}`;
    case "locked":
      return `find_vma (mmap read lock) at ${at}`;
    case "iterate":
      return `vma_next x${r.steps ?? 1} from a vma iterator at ${at}, one rcu_read_lock section (as lock_next_vma)`;
  }
}
