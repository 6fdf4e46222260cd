/**
 * One VMA or mapping as the checker prints and compares it, /proc-like, in bytes:
 * `0x2000-0x4000 rw- anon growsdown acct av1`, `0xa000-0xc000 r-- file1@0x3`,
 * `0x1000-0x2000 rw- dev2@0x0 acct` (avN: the anon_vma; devN: a file with a close hook).
 */

import { VM_ACCOUNT, VM_GROWSDOWN, VM_GROWSUP } from "../../mm/index.js";
import { backingText, type Mapping } from "../../model/address-space/index.js";
import type { VmaFacts } from "./mm-backend.js";
import { hexAddr, protLetters } from "./mm-command.js";

function text(
  start: number,
  end: number,
  prot: number,
  back: string,
  grows: string,
  acct: boolean,
  anonVma: number | null | undefined,
) {
  const av = anonVma === null || anonVma === undefined ? "" : ` av${anonVma}`;
  return `${hexAddr(start)}-${hexAddr(end)} ${protLetters(prot)} ${back}${grows}${acct ? " acct" : ""}${av}`;
}

export function mappingLine(m: Mapping | undefined): string {
  if (m === undefined) return "null";
  return text(
    m.start,
    m.end,
    m.prot,
    backingText(m.backing),
    m.grows === "none" ? "" : ` grows${m.grows}`,
    m.accounted,
    m.anonVma,
  );
}

export function vmaLine(v: VmaFacts | undefined): string {
  if (v === undefined) return "null";
  const back =
    v.vmFile === null
      ? "anon"
      : `${v.vmCloseHook ? "dev" : "file"}${v.vmFile}@0x${v.vmPgoff.toString(16)}`;
  const grows = v.vmFlags & VM_GROWSDOWN ? " growsdown" : v.vmFlags & VM_GROWSUP ? " growsup" : "";
  return text(
    v.vmStart,
    v.vmEnd,
    v.vmFlags & 7,
    back,
    grows,
    (v.vmFlags & VM_ACCOUNT) !== 0,
    v.anonVma,
  );
}
