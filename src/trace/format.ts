/** Prints operation results exactly as the oracle's driver does (one line, no newline). */
import { ERRNO_NAMES, MA_STATUS_NAMES } from "../impl/constants.js";
import { isZeroEntry, type MaybeEntry } from "../impl/entry.js";
import type { OpResult, RangeEntry } from "./results.js";

/** entry_str: a VALUE in decimal, `null`, `zero` for XA_ZERO_ENTRY, `ptr:...` otherwise. */
export function formatEntry(e: MaybeEntry): string {
  if (e === null) return "null";
  if (typeof e === "bigint") return e.toString();
  if (isZeroEntry(e)) return "zero";
  return `ptr:${String(e)}`;
}

/** print_err: `err -ENAME` for the known codes, `err -N` for others. */
export function formatErr(errno: number): string {
  return `err ${ERRNO_NAMES[errno] ?? String(errno)}`;
}

function rangeText(r: RangeEntry): string {
  return `[${r.index},${r.last}]=${formatEntry(r.entry)}`;
}

export function formatResult(r: OpResult): string {
  switch (r.kind) {
    case "ok":
      return "ok";
    case "err":
      return formatErr(r.errno);
    case "parse-error":
      return "err parse";
    case "unknown-op":
      return "err unknown-op";
    case "ub":
      return "err ub";
    case "entry":
      return formatEntry(r.entry);
    case "range":
      return `${formatEntry(r.range.entry)} ${r.range.index} ${r.range.last}`;
    case "found":
      return r.hit === null ? "null" : `${formatEntry(r.hit.entry)} ${r.hit.index} ${r.hit.last}`;
    case "find":
      if (r.hit === null) return "null";
      return (
        `${formatEntry(r.hit.entry)} ${r.hit.index} ${r.hit.last} ${r.hit.newIndex}` +
        (r.hit.mismatch ? " !mismatch" : "")
      );
    case "area":
      return `${r.index} ${r.last}`;
    case "start":
      return `${r.start}`;
    case "cyclic":
      return `${r.start} ${r.wrapped} ${r.next}`;
    case "entries":
      return r.list.length === 0 ? "empty" : r.list.map(rangeText).join(" ");
    case "ranges":
      return r.list.map(rangeText).join(" ");
    case "text":
      return r.text;
    case "number":
      return `${r.value}`;
    case "bool":
      return r.value ? "true" : "false";
    case "validate":
      return r.count === 0 ? "valid" : `invalid ${r.count} first=${r.first}`;
    case "state":
      return `${r.index} ${r.last} ${MA_STATUS_NAMES[r.status]}`;
    case "cursor":
      return `${formatEntry(r.entry)} ${r.index} ${r.last} ${MA_STATUS_NAMES[r.status]}`;
    case "crash":
      return "crash";
  }
}
