/** What one trace operation produced, before it is printed as the oracle's result line. */
import type { MaStatus } from "../impl/constants.js";
import type { MaybeEntry } from "../impl/entry.js";
import type { Index } from "../impl/u64.js";

/** An entry and the range the tree reported for it. */
export interface RangeEntry {
  entry: MaybeEntry;
  index: Index;
  last: Index;
}

export type OpResult =
  | { kind: "ok" }
  | { kind: "err"; errno: number }
  | { kind: "parse-error" }
  | { kind: "unknown-op" }
  /** `--guard` refused a cursor use that crashes 6.12. */
  | { kind: "ub" }
  | { kind: "entry"; entry: MaybeEntry }
  /** `walk`: the range holding the index, NULL ranges included. */
  | { kind: "range"; range: RangeEntry }
  /** `next` / `prev`: a non-NULL entry with its range, or nothing. */
  | { kind: "found"; hit: RangeEntry | null }
  /** `find`: mt_find's entry, the fresh mas_find range, mt_find's new index, and agreement. */
  | { kind: "find"; hit: (RangeEntry & { newIndex: Index; mismatch: boolean }) | null }
  | { kind: "area"; index: Index; last: Index }
  | { kind: "start"; start: Index }
  | { kind: "cyclic"; start: Index; wrapped: number; next: Index }
  /** `dump` (entries only) and `ranges` (every slot range). */
  | { kind: "entries"; list: RangeEntry[] }
  | { kind: "ranges"; list: RangeEntry[] }
  | { kind: "text"; text: string }
  | { kind: "number"; value: number | bigint }
  | { kind: "bool"; value: boolean }
  /** `validate`: no violation, or how many and the first one as KIND:check:line. */
  | { kind: "validate"; count: number; first: string }
  | { kind: "state"; index: Index; last: Index; status: MaStatus }
  | { kind: "cursor"; entry: MaybeEntry; index: Index; last: Index; status: MaStatus }
  /** The tree threw: the oracle prints `crash` and stops. */
  | { kind: "crash"; error: unknown };
