/**
 * One model mapping as a line of text (pages in hex), for the model's unit tests. The checker
 * prints mappings with mappingLine (src/checker/mm/vma-text.ts, bytes), so this printer is
 * the tests' own and lives with them.
 */
import {
  backingText,
  type Mapping,
  PROT_EXEC,
  PROT_READ,
  PROT_WRITE,
} from "../../../src/model/address-space/index.js";

/** "rw-", "r-x", "---": the protection as /proc/PID/maps prints it. */
function protText(prot: number): string {
  return `${prot & PROT_READ ? "r" : "-"}${prot & PROT_WRITE ? "w" : "-"}${prot & PROT_EXEC ? "x" : "-"}`;
}

export function mappingText(m: Mapping): string {
  const grows = m.grows === "none" ? "" : ` grows${m.grows}`;
  const av = m.anonVma === undefined ? "" : ` av${m.anonVma}`;
  return `0x${m.start.toString(16)}-0x${m.end.toString(16)} ${protText(m.prot)} ${backingText(m.backing)}${grows}${m.accounted ? " acct" : ""}${av}`;
}
